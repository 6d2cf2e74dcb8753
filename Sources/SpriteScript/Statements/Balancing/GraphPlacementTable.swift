import SpriteKernel

/// The graph placement `balance … strategy graph` prints: each node's processes, and the arcs cut.
enum GraphPlacementTable {
    static let processLimit = 2_000

    static func place(_ statement: BalanceStatement, nodes: [Int], _ interpreter: Interpreter,
                      note: String? = nil) throws(Diagnostic) {
        let s = interpreter.simulation
        let processes = s.trafficProcesses
        guard !processes.isEmpty else {
            throw Diagnostic(.runtime, "strategy graph has no traffic to partition", at: statement.span,
                             help: "declare it first: traffic PROCESS PROCESS VOLUME (help traffic)")
        }
        guard processes.count <= processLimit else {
            throw Diagnostic(.limit, "strategy graph partitions at most \(processLimit) processes", at: statement.span,
                             help: "declare traffic between fewer processes")
        }
        let capacity = statement.capacity?.0
        let partition: GraphPartition?
        // The search is bounded, but a low wall limit must still stop it: the same alarm as a run's.
        interpreter.interrupt.clear()
        let meter = interpreter.meter
        let alarm = WallAlarm(afterNanoseconds: interpreter.limits.wall - meter.wallNanoseconds + 1_000_000,
                              raising: interpreter.interrupt)
        defer { alarm.cancel() }
        do {
            partition = try s.placeByTraffic(processes: processes, traffic: s.declaredTraffic, nodes: nodes,
                                             capacity: capacity, interrupt: interpreter.interrupt)
        } catch .limitReached {
            try meter.checkWall(at: statement.span)
            throw Diagnostic(.runtime, "the graph placement was interrupted", at: statement.span,
                             help: "at the prompt the session keeps its state")
        } catch {
            throw Diagnostic(.runtime, "cannot place: \(error)", at: statement.span, help: "see help balance")
        }
        guard let partition else {
            throw Diagnostic(.runtime, "\(processes.count) processes do not fit on \(nodes.count) nodes of "
                                + "\(capacity ?? 0) each", at: statement.span,
                             help: "raise the capacity or name more nodes")
        }
        var placed = table(partition, processes: processes, nodes: nodes, s)
        if let note { placed.notes.append("  " + note) }
        interpreter.emit(.table(placed))
    }

    static func table(_ partition: GraphPartition, processes: [String], nodes: [Int], _ s: Simulation) -> Table {
        let rows: [[Cell]] = nodes.indices.map { part in
            // In name order, whatever order the traffic declared them in: a list to read and to compare.
            let members = processes.indices.filter { partition.part[$0] == part }.map { processes[$0] }.sorted()
            return [.text(s.nodeName(nodes[part])), .count(Int64(members.count)),
                    .typed(.array(members.map(JSONValue.string)), shown: members.joined(separator: " "))]
        }
        let index = Dictionary(processes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var cutArcs: [String] = []
        for (a, b, volume) in s.declaredTraffic {
            guard let i = index[a], let j = index[b], partition.part[i] != partition.part[j] else { continue }
            cutArcs.append("\(a)-\(b) \(Quantity.formatBytes(volume))")
        }
        let how = partition.exact ? "least possible (exact search)" : "greedy, then Kernighan-Lin swaps"
        let notes = ["  arcs cut: \(Quantity.formatBytes(partition.cut)), \(how)",
                     "  cut: " + (cutArcs.isEmpty ? "none" : cutArcs.joined(separator: ", "))]
        return Table(name: "graph-placement", title: "graph placement: traffic crossing node boundaries",
                     columns: ["node", Column("processes", key: "size"), Column("members", key: "members")],
                     rows: rows, notes: notes,
                     fields: [("cut_bytes", .int(partition.cut)), ("exact", .bool(partition.exact))])
    }
}
