import SpriteKernel

/// Each eviction as JSON, beside `show balance`'s rows: the node, when its owner came back, each process
/// sent away with where it went and how its move ended, those that could not move, and the time until the
/// host was free (null while a move is under way). Text words the same in a note.
enum EvictionFields {
    static func json(_ s: Simulation) -> JSONValue {
        let reports = s.migrationReports
        return .array(s.evictionReports.map { e in
            let sent: [JSONValue] = e.migrations.compactMap { id in
                guard reports.indices.contains(id) else { return nil }
                let move = reports[id]
                return .object([("process", .string(s.processName(Int(move.process.index)))),
                                ("to", .string(s.nodeName(move.to))), ("state", .string(move.state.rawValue))])
            }
            return .object([("node", .string(s.nodeName(e.node))), ("at_ns", .int(e.at.nanoseconds)),
                            ("processes", .array(sent)),
                            ("not_moved", .array(e.stayed.map { .string(s.processName(Int($0.index))) })),
                            ("time_ns", e.time.map { .int($0.nanoseconds) } ?? .null)])
        })
    }
}
