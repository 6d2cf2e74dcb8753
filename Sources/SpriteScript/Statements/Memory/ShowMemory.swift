import SpriteKernel

/// `show memory NODE`: the node's memory shared by VM and the file cache, and each process's resident set.
enum ShowMemory {
    static func table(_ s: Simulation, _ c: RenderContext, node: Int) -> Table {
        guard let view = s.memoryView(of: node) else {
            return Table(name: "memory", title: "memory of \(c.node(node)): no virtual memory", columns: ["space"],
                         rows: [], notes: dsmNotes(s, node: node)
                            + ["declare vm \(c.node(node)), or run a program with a space (help vm)"])
        }
        let config = view.config
        let backing: String = switch config.backing {
        case .files(let directory): "backing files \(directory)"
        case .swap: "backing swap"
        }
        let negotiation: String = switch s.memoryNegotiation(node: node) {
        case .oldestLoses(let penalty): penalty > .zero ? "negotiate oldest, penalty \(penalty)" : "negotiate oldest"
        case .fixed(let cacheBytes): "fixed split, file cache \(EventWords.bytes(cacheBytes))"
        }
        let title = "memory of \(c.node(node)) (\(EventWords.bytes(view.memoryBytes)), "
            + "\(Plural.of(view.frames, "page")) of \(EventWords.bytes(config.pageSize)), "
            + "\(config.replacement.rawValue), \(negotiation), \(backing), bypass \(config.bypass ? "on" : "off"))"
        let rows: [[Cell]] = view.processes.map { p in
            [.text(s.processName(Int(p.process.index))), .text(p.space), .count(Int64(p.residentCode)),
             .count(Int64(p.residentData)), .count(Int64(p.residentStack)), .count(Int64(p.faults)),
             .count(Int64(p.zeroFills)), .count(Int64(p.pageIns)), .count(Int64(p.pageOuts)), .time(p.faultWait)]
        }
        let vmPages = view.codePages + view.dataPages + view.stackPages
        let notes = [
            "vm pages \(vmPages): code \(view.codePages) (sticky \(view.stickyPages)), data \(view.dataPages), "
                + "stack \(view.stackPages); file cache \(EventWords.bytes(view.cacheBytes)); free \(view.freePages)"
                + (view.doubleCachedPages > 0 ? "; \(Plural.of(view.doubleCachedPages, "page")) cached twice "
                    + "(in VM and in the file cache)" : ""),
        ] + dsmNotes(s, node: node)
        return Table(name: "memory", title: title,
                     columns: ["process", "space", "code", "data", "stack", "faults", "zero-fills", "page-ins",
                               "page-outs", Column("fault wait", key: "fault_wait_ns")],
                     rows: rows, notes: notes)
    }

    /// The node's DSM copies, pinned in VM's share of its memory (none: no line, as before DSM).
    static func dsmNotes(_ s: Simulation, node: Int) -> [String] {
        let (held, pinned) = s.dsmPages(node: node)
        guard held > 0 else { return [] }
        return ["dsm \(Plural.of(held, "page")) held, \(Plural.of(pinned, "page")) of memory pinned for them "
                + "(VM's share, never replaced)"]
    }
}
