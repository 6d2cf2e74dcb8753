import SpriteKernel

/// Where the timeline picture puts things: the label column sized from the longest row label, the CPU
/// rows (each node's disk row under its CPU rows), the cache bands under them, the time axis, then the
/// legend and notes.
struct TimelineLayout {
    let model: TimelinePictureModel
    let left: Double
    let right: Double
    let rowsTop = 34.0
    let rowsBottom: Double
    let axisTop: Double
    let legendTop: Double
    let height: Double
    let legend: [String]
    let notes: [String]
    private let colours: [String: String]
    /// The top of each CPU row and of each disk row.
    private let cpuTops: [Double]
    private let diskTops: [Double]

    init(_ model: TimelinePictureModel, width: Double) {
        self.model = model
        let chart = model.chart
        let labels = chart.rowLabels.map(\.count) + model.cacheBands.map(\.client.count)
            + model.diskRows.map(\.label.count)
        left = max(72, Double(labels.max() ?? 0) * TimelinePicture.characterWidth + 16)
        right = max(left + 100, width - 16)
        let top = rowsTop
        var cpuTops = (0..<chart.rowLabels.count).map { top + Double($0) * TimelinePicture.rowHeight }
        var diskTops = [Double](repeating: 0, count: model.diskRows.count)
        var bottom = top + Double(chart.rowLabels.count) * TimelinePicture.rowHeight
        if !model.lanes.isEmpty {
            bottom = top
            for lane in model.lanes {
                switch lane {
                case .cpu(let row) where cpuTops.indices.contains(row):
                    cpuTops[row] = bottom
                    bottom += TimelinePicture.rowHeight
                case .disk(let index) where diskTops.indices.contains(index):
                    diskTops[index] = bottom
                    bottom += TimelinePicture.diskRowHeight
                default: break
                }
            }
        }
        (self.cpuTops, self.diskTops, rowsBottom) = (cpuTops, diskTops, bottom)
        let bands = model.cacheFile == nil ? 0 : 22 + Double(model.cacheBands.count) * TimelinePicture.bandHeight
        axisTop = rowsBottom + bands + 6
        legend = Self.legend(model)
        notes = Self.notes(model)
        legendTop = axisTop + 62
        height = legendTop + Double(legend.count + notes.count) * 18
        // A colour per process, in the order the processes were started (as the text chart's letters).
        var colours: [String: String] = [:]
        for slice in chart.slices.sorted(by: { ($0.order, $0.start) < ($1.order, $1.start) })
        where colours[slice.process] == nil {
            colours[slice.process] = ChartSeriesStyle.palette[colours.count % ChartSeriesStyle.palette.count]
        }
        self.colours = colours
    }

    func rowTop(_ row: Int) -> Double {
        cpuTops.indices.contains(row) ? cpuTops[row] : rowsTop + Double(row) * TimelinePicture.rowHeight
    }

    func diskTop(_ index: Int) -> Double { diskTops.indices.contains(index) ? diskTops[index] : rowsBottom }

    func bandTop(_ index: Int) -> Double { rowsBottom + 22 + Double(index) * TimelinePicture.bandHeight }

    func colour(_ process: String) -> String { colours[process] ?? "#555555" }

    /// The x of an instant, the window's ends at the plot's edges (instants outside it clamped to them).
    func x(_ time: SimTime) -> Double {
        let (from, to) = (model.chart.from.nanoseconds, model.chart.to.nanoseconds)
        let span = Double(max(1, to - from))
        let offset = Double(min(max(time.nanoseconds, from), max(from, to)) - from)
        return left + offset / span * (right - left)
    }

    /// Ticks at 1-2-5 steps about 100 points apart, labelled in the unit of the window's end (s, ms, us, ns).
    var timeAxis: (ticks: [(nanoseconds: Int64, label: String)], unit: String) {
        let (from, to) = (model.chart.from.nanoseconds, model.chart.to.nanoseconds)
        let unit = ChartUnits.time([Double(to)])
        let intervals = max(2, Int((right - left) / 100))
        // Held under 2^60 so the first tick (from + step) stays within an Int64 at the horizon.
        let nice = ChartScale.niceStep(span: Double(max(1, to - from)), intervals: intervals)
        let step = max(1, Int64(min(nice, Double(1 << 60))))
        let scale = ChartScale(low: 0, high: 0, step: Double(step) / unit.scale)
        var ticks: [(Int64, String)] = []
        var tick = (from + step - 1) / step * step
        while tick <= to {
            ticks.append((tick, scale.label(Double(tick) / unit.scale)))
            tick += step
        }
        return (ticks, unit.name)
    }

    private static func legend(_ model: TimelinePictureModel) -> [String] {
        let chart = model.chart
        var lines = ["bars: the process on each CPU (hover for its times and why it stopped); grey: a context switch"]
        if !chart.moves.isEmpty {
            lines.append("arrows: migrations, from the freeze on the row left to the unfreeze on the row gone to "
                         + "(red dashed: an eviction)")
        }
        if chart.moves.contains(where: { $0.frozen != nil && TimelinePicture.isFrozenPastEnd($0, chart) }) {
            lines.append("dashed line: a process frozen for a move that is not done by the window's end")
        }
        if !chart.evictions.isEmpty {
            lines.append("red line: input on the node; its owner is back, its guests evicted")
        }
        if !chart.calls.isEmpty { lines.append("purple triangles: location-dependent calls forwarded home") }
        if !model.faults.isEmpty {
            lines.append("orange ticks: page faults; blue ticks: paging I/O (a page read from a file or the swap area)")
        }
        if !model.diskRows.isEmpty {
            lines.append("disk rows: a bar per request, from the arm's start to its end (navy: read, dark red: "
                         + "write); grey: waiting for the arm")
        }
        if model.cacheFile != nil { lines.append("cache: green cached, grey caching disabled, red stale") }
        return lines
    }

    private static func notes(_ model: TimelinePictureModel) -> [String] {
        let chart = model.chart
        var notes: [String] = []
        if chart.slices.isEmpty && chart.moves.isEmpty {
            notes.append(model.diskRows.isEmpty ? "(nothing ran in this window)" : "(no process ran in this window)")
        }
        if chart.slices.count > TimelinePicture.mostBars {
            notes.append("not drawn: \(Plural.of(chart.slices.count - TimelinePicture.mostBars, "slice")) past the "
                         + "first \(TimelinePicture.mostBars) (show timeline lists them)")
        }
        if chart.moves.count > TimelineMoveOverlay.mostDrawn {
            notes.append("not drawn: \(Plural.of(chart.moves.count - TimelineMoveOverlay.mostDrawn, "move")) past "
                         + "the first \(TimelineMoveOverlay.mostDrawn) (show migrations lists them)")
        }
        let offRows = chart.moves.prefix(TimelineMoveOverlay.mostDrawn).filter {
            TimelinePicture.isOffRows($0, chart)
        }.count
        if offRows > 0 {
            notes.append("not drawn: \(Plural.of(offRows, "move")) to or from a node whose row is not drawn "
                         + "(show migrations lists them)")
        }
        if model.faults.count > TimelinePicture.mostTicks {
            notes.append("not drawn: \(Plural.of(model.faults.count - TimelinePicture.mostTicks, "page fault")) past "
                         + "the first \(TimelinePicture.mostTicks) (show faults lists them)")
        }
        if let until = model.faultsCompleteUntil, until < chart.to {
            notes.append("page faults from \(until) on were not kept (the fault log's limit): no ticks past it")
        }
        let disks = model.diskRows.reduce(0) { $0 + $1.requests.count }
        if disks > TimelinePicture.mostBars {
            notes.append("not drawn: \(Plural.of(disks - TimelinePicture.mostBars, "disk request")) past the first "
                         + "\(TimelinePicture.mostBars)")
        }
        if model.diskRequestsOmitted > 0 {
            notes.append("\(Plural.of(model.diskRequestsOmitted, "disk request")) past the picture-events limit "
                         + "left out")
        }
        if let file = model.cacheFile, model.cacheBands.isEmpty {
            notes.append("no client held \(file) in this window, or the run's file events were not recorded")
        }
        return notes
    }
}
