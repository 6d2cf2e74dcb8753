import SpriteKernel

/// `show faults [NODES] [from T] [to T]`: the fault log, VM and DSM alike, in the order the faults began.
enum ShowFaults {
    static func show(_ nodes: [Name], _ window: TimelineWindow, _ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        var wanted: Set<Int>?
        if !nodes.isEmpty {
            var set = Set<Int>()
            for node in nodes { set.insert(try interpreter.node(node)) }
            wanted = set
        }
        let from = window.from?.0.duration ?? .zero
        let to = window.to?.0.duration ?? .never
        let shown = s.faultLog.filter { entry in
            (wanted?.contains(entry.node) ?? true) && entry.time >= from && entry.time < to
        }
        let names = interpreter.processNames
        let rows: [[Cell]] = shown.map { entry in
            let process = names.indices.contains(Int(entry.process.index)) ? names[Int(entry.process.index)]
                : "\(entry.process)"
            return [.time(entry.time), .text(s.nodeName(entry.node)), .text(process), .text(entry.segment),
                    .count(entry.page), .text(entry.write ? "write" : "read"), .text(entry.kind.rawValue),
                    source(entry, s), .time(entry.wait), .count(Int64(entry.messages))]
        }
        var title = "faults"
        if !nodes.isEmpty { title += " on " + nodes.map(\.text).joined(separator: ", ") }
        if window.from != nil || window.to != nil {
            title += " from \(from)" + (window.to == nil ? "" : " to \(to)")
        }
        title += " (\(Plural.of(rows.count, "fault")))"
        var table = Table(
            name: "faults", title: title,
            columns: [Column("time", key: "time_ns"), "node", "process", "segment", "page",
                      Column("access", short: "r/w"), "kind", Column("from", dropRank: 2),
                      Column("wait", key: "wait_ns"), Column("messages", short: "msgs", dropRank: 1)],
            rows: rows)
        if rows.isEmpty { table.picture = ["  (no fault" + (s.faultLog.isEmpty ? " yet)" : " in this window)")] }
        // A window that ends before the first fault not kept lost nothing: no note.
        if s.faultLogDropped > 0 && to > s.faultLogCompleteUntil {
            table.notes.append("  \(s.faultLogDropped) later faults were not kept "
                               + "(the log keeps the first \(s.faultLogLimit))")
            table.fields = [("dropped_faults", .int(Int64(s.faultLogDropped))),
                            ("complete_until_ns", .int(s.faultLogCompleteUntil.nanoseconds))]
        }
        interpreter.emit(.table(table))
    }

    /// Where the page came from: the node that sent it, with the backing file a page-in read.
    private static func source(_ entry: FaultLogEntry, _ s: Simulation) -> Cell {
        let node = entry.from >= 0 ? s.nodeName(entry.from) : nil
        let shown = [node, entry.path].compactMap { $0 }.joined(separator: " ")
        return .fields([("from", node.map { .string($0) } ?? .null), ("path", entry.path.map { .string($0) } ?? .null)],
                       shown: shown.isEmpty ? "-" : shown)
    }
}
