import SpriteKernel

/// What the timeline picture draws: `show timeline`'s chart (rows per CPU, slices, moves, evictions,
/// forwarded calls) and what only a picture has room for: page-fault ticks, each disk's requests and the
/// cache state of one file on each client.
struct TimelinePictureModel {
    var chart: TimelineChart
    var faults: [TimelineFaultTick] = []
    /// Faults past the fault log's limit were not kept: ticks stop at this instant.
    var faultsCompleteUntil: SimTime?
    /// The file whose cache state the bands show, and one band per client that touched it.
    var cacheFile: String?
    var cacheBands: [TimelineCacheBand] = []
    /// A row per node whose disk served requests in the window, and the rows top to bottom (empty: the
    /// chart's CPU rows alone, in order).
    var diskRows: [TimelineDiskRow] = []
    var lanes: [TimelineLane] = []
    /// Disk requests past the picture-events limit: not kept, so not drawn.
    var diskRequestsOmitted = 0

    init(chart: TimelineChart) {
        self.chart = chart
    }

    /// The model for `interpreter`'s run from `from` to `to` (the clock when nil), on the CPUs of `nodes`
    /// (every node `show timeline` draws when nil). `records`: the run's trace records, from which the cache
    /// bands of `file` are made (the engine keeps no history of cache states: only the trace tells them);
    /// when nil, what the session traced so far (`show trace`'s history, at the script's trace level). The disk
    /// rows come from the recording's disk requests (none when the session does not record).
    static func make(_ interpreter: Interpreter, from: SimTime = .zero, to: SimTime? = nil, nodes: Set<Int>? = nil,
                     file: String? = nil, records: [TraceRecord]? = nil) -> TimelinePictureModel {
        let s = interpreter.simulation
        let end = max(from, min(to ?? s.now, s.now))
        let cpus = TimelineMoveData.rows(interpreter).filter { nodes?.contains($0.node) ?? true }
        let names = interpreter.processNames
        let name = { (id: ProcessID) in names.indices.contains(Int(id.index)) ? names[Int(id.index)] : "\(id)" }
        let drawn = ProcessTables.timelineChart(interpreter.timelineSlices, cpus: cpus, from: from, to: end, s,
                                                processName: name)
        var model = TimelinePictureModel(chart: drawn.chart)
        model.faults = faultTicks(s.faultLog, chart: drawn.chart, cpus: cpus, name: name)
        if s.faultLogDropped > 0 { model.faultsCompleteUntil = s.faultLogCompleteUntil }
        if let recording = interpreter.recording {
            model.diskRows = TimelineDiskRows.rows(recording.diskRequests, from: from, to: end, nodes: nodes,
                                                   name: s.nodeName)
            model.lanes = TimelineDiskRows.lanes(cpuNodes: cpus.map(\.node), disks: model.diskRows)
            model.diskRequestsOmitted = recording.diskRequestsOmitted
        }
        if let file {
            model.cacheFile = file
            let context = RenderContext(simulation: s, labels: [:])
            model.cacheBands = TimelineCacheStates.bands(records ?? interpreter.history, path: file, from: from,
                                                         to: end, context)
        }
        return model
    }

    /// Each fault in the window on the row of the CPU its process was running on when it faulted (the node's
    /// first row when no slice of it covers that instant).
    static func faultTicks(_ log: [FaultLogEntry], chart: TimelineChart, cpus: [(node: Int, cpu: Int)],
                           name: (ProcessID) -> String) -> [TimelineFaultTick] {
        var firstRow: [Int: Int] = [:]
        for (index, cpu) in cpus.enumerated() where firstRow[cpu.node] == nil { firstRow[cpu.node] = index }
        var slicesOf: [String: [ChartSlice]] = [:]
        for slice in chart.slices { slicesOf[slice.process, default: []].append(slice) }
        var ticks: [TimelineFaultTick] = []
        for fault in log where fault.time >= chart.from && fault.time <= chart.to {
            let process = name(fault.process)
            let running = slicesOf[process]?.last { $0.start <= fault.time && fault.time <= $0.end
                && cpus.indices.contains($0.row) && cpus[$0.row].node == fault.node }
            guard let row = running?.row ?? firstRow[fault.node] else { continue }
            ticks.append(TimelineFaultTick(row: row, at: fault.time, process: process, kind: fault.kind,
                                           page: "\(fault.segment) page \(fault.page)", wait: fault.wait))
        }
        return ticks
    }
}

/// A page fault on a CPU row. Faults that read the page from a backing store (page-in through the file
/// server, swap-in from the node's swap) are the run's paging I/O and drawn apart from the others.
struct TimelineFaultTick {
    var row: Int
    var at: SimTime
    var process: String
    var kind: FaultKind
    var page: String
    var wait: SimTime

    /// Paging I/O: the page came from a file or the swap area, not from zeros or a DSM peer.
    var isIO: Bool { kind == .pageIn || kind == .swapIn }
}

/// What a client held of one file over a stretch of time.
enum TimelineCacheState: String, Sendable {
    /// A copy the client uses.
    case cached
    /// The server turned caching off for the file (concurrent write-sharing): every read and write goes to it.
    case disabled
    /// The client's copy is older than the file: a read of it was judged stale, or its callback was broken
    /// while a session kept it.
    case stale
}

struct TimelineCacheSpan {
    var start: SimTime
    var end: SimTime
    var state: TimelineCacheState
    /// The event that began it, in words (hover text).
    var why: String
}

/// One client's row of cache states for the chosen file.
struct TimelineCacheBand {
    var client: String
    var spans: [TimelineCacheSpan]
}
