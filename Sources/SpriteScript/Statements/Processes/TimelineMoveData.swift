import SpriteKernel

/// What `show timeline` adds across nodes: the migrations, evictions and forwarded calls of the window on
/// the rows drawn, for the chart (TimelineMoves.swift) and as JSON beside the slices.
struct TimelineMoveData {
    var moves: [ChartMove] = []
    var evictions: [ChartEviction] = []
    var calls: [ChartCall] = []
    var fields: [(String, JSONValue)] = []
    /// Text under the chart: calls the log did not keep, when the window reaches past what it holds.
    var notes: [String] = []

    /// `rows`: the CPUs drawn, in order; a move's arrow joins the CPU the process last ran on before its
    /// freeze to the one it first ran on after its unfreeze (the node's first row when it did not run).
    init(_ s: Simulation, rows: [(node: Int, cpu: Int)], slices: [TimelineSlice], from: SimTime, to: SimTime,
         processName: (ProcessID) -> String) {
        let reports = s.migrationReports
        let log = s.forwardedCallLog
        guard !reports.isEmpty || !log.isEmpty || s.forwardedCallsDropped > 0 else { return }
        var rowOf: [Int64: Int] = [:]
        var firstRow: [Int: Int] = [:]
        for (index, row) in rows.enumerated() {
            rowOf[Self.key(row.node, row.cpu)] = index
            if firstRow[row.node] == nil { firstRow[row.node] = index }
        }
        func row(_ node: Int, _ cpu: Int?) -> Int? { cpu.flatMap { rowOf[Self.key(node, $0)] } ?? firstRow[node] }
        var byProcess: [Int32: [Int]] = [:]
        for index in slices.indices { byProcess[slices[index].process.index, default: []].append(index) }

        let causes = s.migrationCauses
        var jsonMoves: [JSONValue] = []
        for (id, report) in reports.enumerated() {
            guard firstRow[report.from] != nil || firstRow[report.to] != nil,
                  report.requested <= to, (report.finished ?? s.now) >= from else { continue }
            let mine = byProcess[report.process.index] ?? []
            let before = report.frozenAt.flatMap { frozen in
                mine.last { slices[$0].node == report.from && slices[$0].start <= frozen }.map { slices[$0].cpu }
            }
            let after = report.unfrozenAt.flatMap { unfrozen in
                mine.first { slices[$0].node == report.to && slices[$0].start >= unfrozen }.map { slices[$0].cpu }
            }
            let cause = causes.indices.contains(id) ? causes[id] : .asked
            let name = processName(report.process)
            moves.append(ChartMove(
                process: name, from: s.nodeName(report.from), to: s.nodeName(report.to),
                fromRow: row(report.from, before), toRow: row(report.to, after),
                frozen: report.frozenAt, unfrozen: report.unfrozenAt, cause: Self.words(cause, report),
                evicted: Self.isEviction(cause), how: report.execTime && cause != .asked ? "remote exec" : nil,
                unfinished: report.state == .done ? nil : report.state.rawValue))
            let cpus: [(String, JSONValue)] = [("from_cpu", before.map { .int(Int64($0)) } ?? .null),
                                               ("to_cpu", after.map { .int(Int64($0)) } ?? .null)]
            jsonMoves.append(.object(Self.fields(report, name: name, cause: cause, s) + cpus))
        }
        var jsonEvictions: [JSONValue] = []
        for eviction in s.evictionReports where eviction.at >= from && eviction.at <= to {
            guard let row = firstRow[eviction.node] else { continue }
            evictions.append(ChartEviction(row: row, at: eviction.at))
            jsonEvictions.append(.object([("node", .string(s.nodeName(eviction.node))),
                                          ("at_ns", .int(eviction.at.nanoseconds)),
                                          ("processes", .array(eviction.processes.map { .string(processName($0)) }))]))
        }
        var jsonCalls: [JSONValue] = []
        for call in log where call.time >= from && call.time < to {
            guard let row = row(call.node, call.cpu >= 0 ? call.cpu : nil) else { continue }
            calls.append(ChartCall(row: row, at: call.time))
            jsonCalls.append(.object([("node", .string(s.nodeName(call.node))), ("cpu", .int(Int64(rows[row].cpu))),
                                      ("process", .string(processName(call.process))),
                                      ("home", .string(s.nodeName(call.home))), ("at_ns", .int(call.time.nanoseconds)),
                                      ("wait_ns", .int(call.wait.nanoseconds))]))
        }
        fields = [("moves", .array(jsonMoves)), ("owner_inputs", .array(jsonEvictions)),
                  ("forwarded_calls", .array(jsonCalls))]
        if s.forwardedCallsDropped > 0 && to > s.forwardedCallLogCompleteUntil {
            notes.append("  \(s.forwardedCallsDropped) later forwarded calls were not kept (the log keeps the first "
                         + "\(s.forwardedCallLogLimit)): the calls lines stop at \(s.forwardedCallLogCompleteUntil)")
        }
        if s.forwardedCallsDropped > 0 {
            fields += [("dropped_calls", .int(Int64(s.forwardedCallsDropped))),
                       ("calls_complete_until_ns", .int(s.forwardedCallLogCompleteUntil.nanoseconds))]
        }
    }

    /// The CPUs to draw: every CPU of each node where a scheduled process is, ran, or moved from or to.
    static func rows(_ interpreter: Interpreter) -> [(node: Int, cpu: Int)] {
        let s = interpreter.simulation
        var nodes = Set(s.processMetrics().map(\.node))
        if !s.migrationReports.isEmpty {
            for slice in interpreter.timelineSlices { nodes.insert(slice.node) }
            for report in s.migrationReports { nodes.formUnion([report.from, report.to]) }
        }
        return nodes.sorted().flatMap { s.cpuStatistics(node: $0) }.map { ($0.node, $0.cpu) }
    }

    private static func key(_ node: Int, _ cpu: Int) -> Int64 { Int64(node) << 20 | Int64(cpu) }

    private static func isEviction(_ cause: MigrationCause) -> Bool {
        if case .eviction = cause { return true }
        return false
    }

    /// `migrate`, `remote exec` (a spawn with `home`), `balancer`, `evicted at 40s` (the owner's input on the
    /// node it left).
    private static func words(_ cause: MigrationCause, _ report: MigrationReport) -> String {
        switch cause {
        case .asked: report.execTime ? "remote exec" : "migrate"
        case .balancer: "balancer"
        case .eviction(_, let at): "evicted at \(at)"
        }
    }

    private static func fields(_ r: MigrationReport, name: String, cause: MigrationCause,
                               _ s: Simulation) -> [(String, JSONValue)] {
        let time = { (t: SimTime?) -> JSONValue in t.map { .int($0.nanoseconds) } ?? .null }
        let causeWord: String = switch cause {
        case .asked: "script"
        case .balancer: "balancer"
        case .eviction: "eviction"
        }
        return [("process", .string(name)), ("from", .string(s.nodeName(r.from))), ("to", .string(s.nodeName(r.to))),
                ("cause", .string(causeWord)), ("strategy", .string(r.execTime ? "exec" : r.strategy.rawValue)),
                ("state", .string(r.state.rawValue)), ("asked_ns", .int(r.requested.nanoseconds)),
                ("frozen_ns", time(r.frozenAt)), ("unfrozen_ns", time(r.unfrozenAt)), ("finished_ns", time(r.finished))]
    }
}
