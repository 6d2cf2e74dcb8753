import SpriteKernel

/// `from T to T` after `show timeline`: the window of time to draw.
struct TimelineWindow {
    var from: (Quantity, SourceSpan)?
    var to: (Quantity, SourceSpan)?

    static func parse(_ parser: inout Parser) throws(Diagnostic) -> TimelineWindow {
        var window = TimelineWindow()
        if parser.accept("from") != nil { window.from = try parser.parseQuantity(.duration) }
        if parser.accept("to") != nil { window.to = try parser.parseQuantity(.duration) }
        return window
    }

    func check(_ checker: inout Checker) {
        if let (from, span) = from {
            checker.requireBetweenZeroAnd(from, SimTime.horizon.nanoseconds, "from", at: span, allowZero: true)
        }
        if let (to, span) = to {
            checker.requireBetweenZeroAnd(to, SimTime.horizon.nanoseconds, "to", at: span)
            // A zero 'to' is reported just above: one error, not a second for the empty window at 0.
            if to.integer <= 0 { return }
            if let (from, fromSpan) = from, from.integer == to.integer {
                let later = SimTime(nanoseconds: from.integer.multipliedReportingOverflow(by: 2).partialValue)
                checker.error("the window is empty: it starts and ends at \(to.duration)", at: fromSpan.through(span),
                              help: "give 'to' a later time: from \(from.duration) to \(later)")
            } else if let (from, fromSpan) = from, from.integer > to.integer {
                checker.error("the window ends before it starts", at: fromSpan.through(span),
                              help: "write the earlier time after 'from': from \(to.duration) to \(from.duration)")
            }
        }
    }
}

/// What `show processes`, `show timeline` and `show stats` print about scheduled processes.
enum ShowProcesses {
    static func processes(_ nodes: [Name], _ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let wanted = try nodeSet(nodes, interpreter)
        let scheduled = interpreter.processMetrics.filter { wanted?.contains($0.node) ?? true }
        // V processes keep their table; it is left out only when scheduled processes are all there is.
        if wanted == nil, s.processCount > 0 || scheduled.isEmpty {
            interpreter.emit(.table(ShowStatement.processes(s)))
        }
        let named = wanted.map { Array($0).sorted() } ?? []
        for table in ProcessTables.metrics(scheduled, s, named: named) { interpreter.emit(.table(table)) }
    }

    static func timeline(_ nodes: [Name], _ window: TimelineWindow, width: Int = TimelineChart.defaultWidth,
                         _ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let wanted = try nodeSet(nodes, interpreter)
        let cpus = TimelineMoveData.rows(interpreter).filter { wanted?.contains($0.node) ?? true }
        let from = window.from?.0.duration ?? .zero
        // Nothing is known past the clock: a window reaching past it is clipped there, and says so.
        let asked = window.to?.0.duration
        let to = min(asked ?? s.now, s.now)
        guard to > from else {
            // The window starts at or past the clock (a window with both ends is checked to be in order).
            interpreter.emit(.text(s.now == .zero ? "timeline: nothing to draw yet: run the processes first"
                : "timeline: nothing to draw from \(from) on: the simulation is at \(s.now); give an earlier 'from'"))
            return
        }
        let names = interpreter.processNames
        var table = ProcessTables.timeline(interpreter.timelineSlices, cpus: cpus, from: from, to: to, width: width,
                                           s) { id in
            names.indices.contains(Int(id.index)) ? names[Int(id.index)] : "\(id)"
        }
        if interpreter.timelineDropped > 0 {
            table.notes.append("  \(interpreter.timelineDropped) later slices were not kept "
                               + "(the timeline keeps the first \(interpreter.timelineLimit))")
        }
        if let asked, asked > to {
            table.notes.append("  the window ends at \(to), the simulation's time now (asked to \(asked))")
        }
        if cpus.isEmpty { table.picture = ["  (no node has scheduled processes)"] }
        interpreter.emit(.table(table))
    }

    /// The CPU table under `show stats`, once some node has scheduled processes.
    static func cpus(_ interpreter: Interpreter) {
        let statistics = interpreter.cpuStatistics
        guard !statistics.isEmpty else { return }
        interpreter.emit(.table(ProcessTables.cpus(statistics, interpreter.simulation)))
    }

    /// Each lock used on the named nodes (every node if none are named).
    static func locks(_ nodes: [Name], _ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let wanted = try nodeSet(nodes, interpreter)
        let locks = (0..<s.nodeCount).filter { wanted?.contains($0) ?? true }.flatMap { s.lockStatistics(node: $0) }
        let names = interpreter.processNames
        interpreter.emit(.table(ProcessTables.locks(locks, s) { id in
            names.indices.contains(Int(id.index)) ? names[Int(id.index)] : "\(id)"
        }))
    }

    /// The named nodes' indices, or nil for every node.
    private static func nodeSet(_ nodes: [Name], _ interpreter: Interpreter) throws(Diagnostic) -> Set<Int>? {
        guard !nodes.isEmpty else { return nil }
        var set = Set<Int>()
        for node in nodes { set.insert(try interpreter.node(node)) }
        return set
    }
}
