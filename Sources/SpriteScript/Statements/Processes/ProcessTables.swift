import SpriteKernel

/// `show processes` for scheduled processes, `show timeline`, and the CPU table of `show stats`.
enum ProcessTables {
    /// Per node: each process's times from arrival, then the averages of those finished. The nodes
    /// in `named` get a table even when they have no scheduled process.
    static func metrics(_ processes: [ProcessMetrics], _ s: Simulation, named: [Int] = []) -> [Table] {
        var byNode: [Int: [ProcessMetrics]] = [:]
        for node in named { byNode[node] = [] }
        for p in processes { byNode[p.node, default: []].append(p) }
        return byNode.keys.sorted().flatMap { node -> [Table] in
            let list = byNode[node] ?? []
            let finished = list.filter { $0.finish != nil }
            let killed = list.filter(\.killed).count
            let name = s.nodeName(node)
            let done = list.isEmpty ? "none scheduled"
                : finished.count == list.count ? "all finished"
                : "\(finished.count) finished" + (killed > 0 ? ", \(killed) killed" : "")
            let table = Table(
                name: "process-metrics", title: "processes on \(name) (\(list.count), \(done))",
                // Too wide for the line: first and finish go first (arrival + response, + turnaround).
                columns: [Column("name", whole: true), Column("arrival", key: "arrival_ns"),
                          Column("first", key: "first_run_ns", dropRank: 1),
                          Column("finish", key: "finish_ns", dropRank: 2), Column("cpu", key: "cpu_ns"),
                          Column("wait", key: "wait_ns"),
                          Column("response", key: "response_ns"), Column("turnaround", key: "turnaround_ns"),
                          Column("switches", short: "sw"), Column("preempted", key: "preemptions", short: "pre")],
                rows: list.map { row($0, node: name) },
                notes: ["  first: first run; response = first - arrival; turnaround = finish - arrival"])
            return finished.isEmpty ? [table] : [table, averages(finished, node: name)]
        }
    }

    /// The name column also gives the node and the state in JSON (the rows of every node's table look
    /// alike); text shows the state beside the name until the process is done, so the table fits 80 columns.
    /// JSON also gives what `expect` can read beside the columns text shows: priority and tickets with the
    /// name, blocked time with the CPU time, dispatches and cache reloads with the switches.
    private static func nameCell(_ p: ProcessMetrics, node: String, state: String) -> Cell {
        .fields([("name", .string(p.name)), ("node", .string(node)), ("state", .string(state)),
                 ("priority", .int(Int64(p.priority))), ("tickets", .int(Int64(p.tickets)))],
                shown: state == "done" ? p.name : "\(p.name) \(state)")
    }

    private static func row(_ p: ProcessMetrics, node: String) -> [Cell] {
        [nameCell(p, node: node, state: stateWord(p)), .time(p.arrival), p.firstRun.map(Cell.time) ?? .none,
         p.finish.map(Cell.time) ?? .none,
         .fields([("cpu_ns", .int(p.cpuTime.nanoseconds)), ("blocked_ns", .int(p.blockedTime.nanoseconds))],
                 shown: p.cpuTime.description),
         .time(p.waitTime), p.responseTime.map(Cell.time) ?? .none, p.turnaround.map(Cell.time) ?? .none,
         .fields([("switches", .int(Int64(p.contextSwitches))), ("dispatches", .int(Int64(p.dispatches))),
                  ("reloads", .int(Int64(p.cacheReloads)))], shown: "\(p.contextSwitches)"),
         .count(Int64(p.preemptions))]
    }

    /// The averages as a table of their own: a row of them under the processes would widen every column.
    private static func averages(_ finished: [ProcessMetrics], node: String) -> Table {
        let average = Averages(finished)
        let row: [Cell] = [.text(node), .count(Int64(finished.count)), .time(average.cpu), .time(average.wait),
                           .time(average.response), .time(average.turnaround),
                           .typed(.double(average.switches), shown: plain(average.switches)),
                           .typed(.double(average.preemptions), shown: plain(average.preemptions))]
        return Table(name: "process-averages", title: "averages on \(node) (means rounded down to the nanosecond)",
                     columns: ["node", "finished", Column("cpu", key: "cpu_ns"), Column("wait", key: "wait_ns"),
                               Column("response", key: "response_ns"), Column("turnaround", key: "turnaround_ns"),
                               "switches", Column("preempted", key: "preemptions")],
                     rows: [row])
    }

    /// 1.5, 2, 0.33: a mean count as text shows it.
    static func plain(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    /// The process's state in a word; the type is left to inference, as V processes have a state type too.
    static func stateWord(_ p: ProcessMetrics) -> String {
        switch p.state {
        case .new: "new"
        case .ready: "ready"
        case .running(let cpu): "running(cpu\(cpu))"
        case .blocked(let reason):
            switch reason {
            case .timer: "blocked(sleep)"
            case .io: "blocked(io)"
            case .lock(let name): "blocked(lock \(name))"
            case .barrier(let name): "blocked(barrier \(name))"
            case .message: "blocked(message)"
            case .file: "blocked(file)"
            case .dsm: "blocked(dsm)"
            case .pageFault: "blocked(page fault)"
            case .migrating: "blocked(migrating)"
            case .forwarded: "blocked(forwarded call)"
            case .idle: "idle"
            }
        case .done: "done"
        case .killed: "killed"
        }
    }

    /// Each CPU's share of time busy, switching, and its average run queue. Reload, spinning and
    /// dispatches are in JSON beside busy and switches, so the text fits 80 columns.
    static func cpus(_ statistics: [CPUStatistics], _ s: Simulation) -> Table {
        let rows: [[Cell]] = statistics.map { c in
            let busy = Cell.fields([("busy_ns", .int(c.busy.nanoseconds)),
                                    ("reload_ns", .int(c.cacheReload.nanoseconds)),
                                    ("spinning_ns", .int(c.spinning.nanoseconds))], shown: c.busy.description)
            let switches = Cell.fields([("dispatches", .int(Int64(c.dispatches))),
                                        ("switches", .int(Int64(c.contextSwitches)))], shown: "\(c.contextSwitches)")
            let switching = Cell.fields([("switching_ns", .int(c.switching.nanoseconds)),
                                         ("queue_lock_ns", .int(c.queueLock.nanoseconds))],
                                        shown: c.switching.description)
            return [.text(s.nodeName(c.node)), .count(Int64(c.cpu)), busy, switching,
                    .ratio(c.utilisation, shown: percent(c.utilisation)),
                    .typed(.double(c.averageRunQueue), shown: plain(c.averageRunQueue)), switches,
                    .count(Int64(c.preemptions))]
        }
        return Table(name: "cpus", title: "cpus (\(statistics.count))",
                     columns: ["node", "cpu", "busy", "switching",
                               Column("utilization", key: "utilization"), Column("run-queue", key: "run_queue"),
                               "switches", Column("preempted", key: "preemptions")],
                     rows: rows,
                     notes: ["  utilization: (busy + switching + queue lock) / \(statistics.first?.span ?? .zero); "
                             + "run-queue: its average length over that time"])
    }

    static func locks(_ locks: [LockStatistics], _ s: Simulation, processName: (ProcessID) -> String) -> Table {
        let rows: [[Cell]] = locks.map { lock in
            [.text(s.nodeName(lock.node)), .text(lock.name), .count(Int64(lock.acquisitions)),
             .count(Int64(lock.contended)), .time(lock.spinTime), .count(Int64(lock.busTransactions)),
             .count(Int64(lock.blocks)), .text(lock.holder.map(processName) ?? "-")]
        }
        return Table(name: "locks", title: "locks (\(locks.count))",
                     columns: ["node", "lock", "acquisitions", "contended", Column("spinning", key: "spinning_ns"),
                               Column("bus", key: "bus_transactions"), "blocks", "holder"],
                     rows: rows, notes: locks.isEmpty ? []
                        : ["  bus: transactions the lock caused (test-and-set writes, misses, acquisitions)"])
    }

    static func percent(_ ratio: Double) -> String {
        let tenths = (ratio * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : "\(tenths / 10)%"
    }

    /// The slices in the window, as a chart for text and as rows for JSON.
    static func timeline(_ slices: [TimelineSlice], cpus: [(node: Int, cpu: Int)], from: SimTime, to: SimTime,
                         width: Int = TimelineChart.defaultWidth, _ s: Simulation,
                         processName: (ProcessID) -> String) -> Table {
        let drawn = timelineChart(slices, cpus: cpus, from: from, to: to, s, processName: processName)
        let (shown, across) = (drawn.shown, drawn.across)
        var chart = drawn.chart
        chart.lineWidth = width
        let rows: [[Cell]] = shown.map { index in
            let slice = slices[index]
            return [.text(s.nodeName(slice.node)), .count(Int64(slice.cpu)), .text(processName(slice.process)),
             .time(slice.start), .time(slice.end), .text(slice.ending.rawValue)]
        }
        // A window narrower than the readable form's four decimals is titled with every digit.
        let (start, end) = from.description == to.description ? (from.exactDescription, to.exactDescription)
            : (from.description, to.description)
        let title = "timeline from \(start) to \(end) (\(Plural.of(shown.count, "slice")))"
        var table = Table(name: "timeline", title: title,
                          columns: ["node", "cpu", "process", Column("start", key: "start_ns"),
                                    Column("end", key: "end_ns"), "ending"], rows: rows)
        // An empty window is "nothing ran" only if the slices there were kept and no move falls in it.
        let unknown = chart.unknownFrom.map { $0 < to } ?? false
        table.picture = shown.isEmpty && !unknown && across.moves.isEmpty ? ["  (nothing ran)"] : chart.lines
        if s.timelineDropped > 0 {
            table.fields = [("dropped_slices", .int(Int64(s.timelineDropped))),
                            ("complete_until_ns", .int(s.timelineCompleteUntil.nanoseconds))]
        }
        table.fields += across.fields
        table.notes += across.notes
        return table
    }

    /// The chart `show timeline` draws (and the timeline picture): the slices in the window on the rows of
    /// `cpus`, with the moves, evictions and forwarded calls across them; `shown` indexes `slices`.
    static func timelineChart(_ slices: [TimelineSlice], cpus: [(node: Int, cpu: Int)], from: SimTime, to: SimTime,
                              _ s: Simulation, processName: (ProcessID) -> String)
        -> (chart: TimelineChart, shown: [Int], across: TimelineMoveData) {
        let rowIndex = Dictionary(uniqueKeysWithValues: cpus.enumerated().map { ("\($1.node).\($1.cpu)", $0) })
        let switches = switchStarts(slices, s)
        let shown = slices.indices.filter {
            slices[$0].end > from && slices[$0].start < to && rowIndex["\(slices[$0].node).\(slices[$0].cpu)"] != nil
        }
        let across = TimelineMoveData(s, rows: cpus, slices: slices, from: from, to: to, processName: processName)
        var chart = TimelineChart(
            rowLabels: cpus.map { "\(s.nodeName($0.node)) cpu\($0.cpu)" },
            slices: shown.map { index in
                let slice = slices[index]
                return ChartSlice(row: rowIndex["\(slice.node).\(slice.cpu)"] ?? 0, process: processName(slice.process),
                                  start: slice.start, end: slice.end, ending: slice.ending.rawValue,
                                  switchFrom: switches[index], order: Int(slice.process.index))
            },
            from: from, to: to, unknownFrom: s.timelineDropped > 0 ? s.timelineCompleteUntil : nil)
        (chart.moves, chart.evictions, chart.calls) = (across.moves, across.evictions, across.calls)
        return (chart, shown, across)
    }

    /// Where the context switch before each slice began, for slices that follow another process on their
    /// CPU: the switch is the gap's last `switch T` (the node's cost now), as the engine charges it.
    private static func switchStarts(_ slices: [TimelineSlice], _ s: Simulation) -> [Int: SimTime] {
        var starts: [Int: SimTime] = [:]
        var last: [Int64: TimelineSlice] = [:]
        let order = slices.indices.sorted { (slices[$0].start, $0) < (slices[$1].start, $1) }
        for index in order {
            let slice = slices[index]
            let key = Int64(slice.node) << 20 | Int64(slice.cpu)
            if let previous = last[key], previous.process != slice.process {
                let cost = s.contextSwitchCost(on: slice.node)
                if cost > .zero { starts[index] = max(previous.end, slice.start - cost) }
            }
            last[key] = slice
        }
        return starts
    }
}

/// Means over finished processes, as `show processes` and `expect avg.FIELD` give them.
struct Averages {
    var cpu = SimTime.zero, wait = SimTime.zero, response = SimTime.zero, turnaround = SimTime.zero
    var switches = 0.0, preemptions = 0.0
    let count: Int

    init(_ finished: [ProcessMetrics]) {
        count = finished.count
        guard count > 0 else { return }
        // Summed as reals: a hundred thousand turnarounds of a year each would overflow 64 bits.
        var sums = [Double](repeating: 0, count: 4)
        for p in finished {
            sums[0] += Double(p.cpuTime.nanoseconds)
            sums[1] += Double(p.waitTime.nanoseconds)
            sums[2] += Double(p.responseTime?.nanoseconds ?? 0)
            sums[3] += Double(p.turnaround?.nanoseconds ?? 0)
            switches += Double(p.contextSwitches)
            preemptions += Double(p.preemptions)
        }
        // Means are rounded down to the nanosecond, as the engine counts time.
        let mean = { (sum: Double) in SimTime(nanoseconds: Int64((sum / Double(finished.count)).rounded(.down))) }
        (cpu, wait, response, turnaround) = (mean(sums[0]), mean(sums[1]), mean(sums[2]), mean(sums[3]))
        switches /= Double(count)
        preemptions /= Double(count)
    }
}
