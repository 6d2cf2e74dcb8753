import SpriteKernel

/// What `expect` reads of virtual memory: a process's paging (`editor.faults`), a node's memory
/// (`ws1.free-pages`), and the `stats.` rows.
enum MemoryFields {
    static let process: [String: Dimension?] = [
        "faults": .count, "zero-fills": .count, "page-ins": .count, "page-outs": .count, "resident": .count,
        "fault-wait": .duration,
    ]
    static let node: [String: Dimension?] = [
        "vm-pages": .count, "cache-pages": .count, "free-pages": .count, "sticky-pages": .count,
        "double-cached": .count, "dsm-pages": .count,
    ]

    /// The value of `owner.field` if it is a memory field, else nil.
    static func measure(_ owner: Name, _ field: String,
                        _ interpreter: Interpreter) -> ExpectStatement.Measured? {
        let s = interpreter.simulation
        if process[field] != nil, let id = s.processID(named: owner.text) {
            guard let view = s.processMemory(id) else { return .missing("'\(owner.text)' has no address space") }
            return switch field {
            case "faults": .number(Int64(view.faults), .count)
            case "zero-fills": .number(Int64(view.zeroFills), .count)
            case "page-ins": .number(Int64(view.pageIns), .count)
            case "page-outs": .number(Int64(view.pageOuts), .count)
            case "resident": .number(Int64(view.resident), .count)
            default: .number(view.faultWait.nanoseconds, .duration)
            }
        }
        if node[field] != nil, let index = s.node(named: owner.text) {
            // DSM copies are held with or without VM on the node.
            if field == "dsm-pages" { return .number(Int64(s.dsmPages(node: index).held), .count) }
            guard let view = s.memoryView(of: index) else { return .missing("\(owner.text) has no vm") }
            return switch field {
            case "vm-pages": .number(Int64(view.codePages + view.dataPages + view.stackPages), .count)
            case "cache-pages": .number(view.cacheBytes / max(1, view.config.pageSize), .count)
            case "free-pages": .number(Int64(view.freePages), .count)
            case "double-cached": .number(Int64(view.doubleCachedPages), .count)
            default: .number(Int64(view.stickyPages), .count)
            }
        }
        return nil
    }
}

/// `show stats` rows of virtual memory, listed once a `vm` or a space is declared; `expect stats.NAME`
/// accepts them always.
extension StatisticsTable {
    static let memory: [Statistic] = [
        paging("page-faults") { .count(Int64($0.pageFaults)) },
        paging("minor-faults") { .count(Int64($0.minorFaults)) },
        paging("zero-fills") { .count(Int64($0.zeroFills)) },
        paging("page-ins") { .count(Int64($0.pageIns)) },
        paging("page-outs") { .count(Int64($0.pageOuts)) },
        paging("code-faults") { .count(Int64($0.codeFaults)) },
        paging("sticky-hits") { .count(Int64($0.stickyHits)) },
        paging("evictions") { .count(Int64($0.evictions)) },
        paging("vm-to-cache") { .count(Int64($0.vmToCache)) },
        paging("cache-to-vm") { .count(Int64($0.cacheToVM)) },
        // Pages in memory twice now, as VM pages and as client-cache blocks (bypass off).
        Statistic(name: "double-cached") { .count(Int64($0.doubleCachedPages())) },
        paging("swap-reads") { .count(Int64($0.swapReads)) },
        paging("swap-writes") { .count(Int64($0.swapWrites)) },
        paging("fault-wait") { .duration($0.faultWait) },
    ]

    /// Faults by node, shown and expected as `faults.NODE`.
    static let faultsPrefix = "faults."

    private static func paging(_ name: String,
                               _ value: @escaping @Sendable (MemoryStatistics) -> Value) -> Statistic {
        Statistic(name: name) { value($0.memoryStatistics()) }
    }

    /// The memory rows `show stats` lists now (none until a vm or space is declared).
    static func memoryRows(_ s: Simulation) -> [(name: String, value: Value)] {
        guard s.virtualMemoryDeclared else { return [] }
        return memory.map { ($0.name, $0.value(s)) }
            + (0..<s.nodeCount).compactMap { node in
                let faults = s.memoryStatistics(node: node).pageFaults
                return faults > 0 ? (faultsPrefix + s.nodeName(node), .count(Int64(faults))) : nil
            }
    }

    static let memoryDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: memory.map { ($0.name, $0.value(empty).dimension) })
    }()
}
