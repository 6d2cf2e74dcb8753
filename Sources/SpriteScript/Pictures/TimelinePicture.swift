import SpriteKernel

/// `show timeline` drawn as SVG: a row per CPU with the process running in each interval as a labelled bar,
/// migrations as arrows from the row a process left (at its freeze) to the row it went on on (at its
/// unfreeze), evictions as red lines across their node's row, forwarded calls as triangles under the bars,
/// page faults as ticks over them (paging I/O in blue), under a node's CPU rows a row for its disk with a bar
/// per request (TimelineDiskDrawing), and under all rows one band per client with the cache state of a chosen
/// file. A time axis at the bottom has ticks at 1-2-5 steps and its unit.
///
/// Classes for checks and styles: `bar`, `move-arrow`, `lane-label`, `axis-label`, `eviction`, `call`,
/// `fault-tick`, `io-tick`, `cache-span`, `unknown`, `frozen` (a move not done by the window's end),
/// `disk-label`, `disk-read`, `disk-write`, `disk-wait`. Every bar, arrow and mark has a `<title>` (hover text).
enum TimelinePicture {
    static let defaultWidth = 960.0
    static let rowHeight = 30.0
    static let bandHeight = 20.0
    static let characterWidth = 7.2
    /// Slices drawn at most: past that a picture is a solid block a browser is slow to draw; the rest are
    /// counted under the picture (`show timeline` has them all).
    static let mostBars = 20_000
    /// Fault ticks drawn at most, for the same reason (the fault log keeps up to 100,000).
    static let mostTicks = 20_000

    static let style = """
        text { font-family: monospace; font-size: 12px; fill: #222; }
        .picture-title { font-size: 14px; font-weight: bold; }
        .bar-label { font-size: 11px; fill: #fff; pointer-events: none; }
        .axis, .row-line { stroke: #222; stroke-width: 1; }
        .row-line { stroke: #ccc; }
        .move-arrow line { stroke: #000; stroke-width: 1.5; }
        .move-arrow.evicted line { stroke: #c00; stroke-dasharray: 4 2; }
        .move-arrow polygon { fill: #000; }
        .move-arrow.evicted polygon { fill: #c00; }
        .eviction { stroke: #c00; stroke-width: 2; }
        .frozen { stroke: #000; stroke-width: 1.5; stroke-dasharray: 3 3; }
        .fault-tick { stroke: #e67e00; stroke-width: 1; }
        .io-tick { stroke: #0050c8; stroke-width: 2; }
        .call { fill: #7a3db8; }
        .switch { fill: #bbb; }
        .unknown { fill: #eee; }
        .cache-span.cached { fill: #8fd18f; }
        .cache-span.disabled { fill: #c8c8c8; }
        .cache-span.stale { fill: #e05050; }
        """

    /// The picture as SVG text: the same model always gives the same bytes.
    static func svg(_ model: TimelinePictureModel, width: Double = defaultWidth) -> String {
        let layout = TimelineLayout(model, width: width)
        var svg = SVGWriter(width: width, height: layout.height)
        svg.element("rect", [SVGAttribute("width", width), SVGAttribute("height", layout.height),
                             SVGAttribute("fill", "#ffffff")])
        svg.element("text", [SVGAttribute("class", "picture-title"), SVGAttribute("x", 8), SVGAttribute("y", 20)],
                    text: "timeline from \(model.chart.from) to \(model.chart.to)")
        drawRows(layout, &svg)
        drawDiskRows(layout, &svg)
        drawBars(layout, &svg)
        drawMarks(layout, &svg)
        drawMoves(layout, &svg)
        drawCacheBands(layout, &svg)
        drawAxis(layout, &svg)
        var y = layout.legendTop
        for line in layout.legend + layout.notes {
            svg.element("text", [SVGAttribute("class", "legend"), SVGAttribute("x", 8), SVGAttribute("y", y)],
                        text: line)
            y += 18
        }
        return svg.rendered(style: layout.model.diskRows.isEmpty ? style : style + "\n" + diskStyle)
    }

    private static func drawRows(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        for (row, label) in layout.model.chart.rowLabels.enumerated() {
            let top = layout.rowTop(row)
            svg.element("line", [SVGAttribute("class", "row-line"), SVGAttribute("x1", layout.left),
                                 SVGAttribute("y1", top + rowHeight), SVGAttribute("x2", layout.right),
                                 SVGAttribute("y2", top + rowHeight)])
            svg.element("text", [SVGAttribute("class", "lane-label"), SVGAttribute("x", layout.left - 8),
                                 SVGAttribute("y", top + 19), SVGAttribute("text-anchor", "end")], text: label)
        }
        if let unknown = layout.model.chart.unknownFrom, unknown < layout.model.chart.to {
            let x = layout.x(unknown)
            svg.begin("rect", [SVGAttribute("class", "unknown"), SVGAttribute("x", x),
                               SVGAttribute("y", layout.rowsTop), SVGAttribute("width", layout.right - x),
                               SVGAttribute("height", layout.rowsBottom - layout.rowsTop)])
            svg.title("not known: slices from \(unknown) on were not kept (the timeline's slice limit)")
            svg.end()
        }
    }

    private static func drawBars(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        let chart = layout.model.chart
        for slice in chart.slices.prefix(mostBars) {
            let top = layout.rowTop(slice.row)
            if let switchFrom = slice.switchFrom, switchFrom < slice.start {
                let x = layout.x(switchFrom)
                svg.begin("rect", [SVGAttribute("class", "switch"), SVGAttribute("x", x),
                                   SVGAttribute("y", top + 11), SVGAttribute("width", layout.x(slice.start) - x),
                                   SVGAttribute("height", 8)])
                svg.title("context switch to \(slice.process): \(switchFrom) to \(slice.start)")
                svg.end()
            }
            let x = layout.x(slice.start)
            let width = max(0.5, layout.x(slice.end) - x)
            svg.begin("rect", [SVGAttribute("class", "bar"), SVGAttribute("x", x), SVGAttribute("y", top + 7),
                               SVGAttribute("width", width), SVGAttribute("height", 16),
                               SVGAttribute("fill", layout.colour(slice.process))])
            svg.title("\(slice.process) on \(chart.rowLabels[slice.row]): \(slice.start) to \(slice.end) "
                      + "(\(slice.end - slice.start)), ended: \(slice.ending)")
            svg.end()
            if Double(slice.process.count) * characterWidth * 11 / 12 + 6 <= width {
                svg.element("text", [SVGAttribute("class", "bar-label"), SVGAttribute("x", x + 3),
                                     SVGAttribute("y", top + 19)], text: slice.process)
            }
        }
    }

    private static func drawMarks(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        let chart = layout.model.chart
        for eviction in chart.evictions where eviction.at >= chart.from && eviction.at <= chart.to {
            let (x, top) = (layout.x(eviction.at), layout.rowTop(eviction.row))
            svg.begin("line", [SVGAttribute("class", "eviction"), SVGAttribute("x1", x), SVGAttribute("y1", top + 1),
                               SVGAttribute("x2", x), SVGAttribute("y2", top + rowHeight - 1)])
            svg.title("input on \(chart.rowLabels[eviction.row]) at \(eviction.at): its owner is back and its "
                      + "guests are evicted")
            svg.end()
        }
        for call in chart.calls where call.at >= chart.from && call.at <= chart.to {
            let (x, top) = (layout.x(call.at), layout.rowTop(call.row))
            let points = [(x, top + 24), (x - 3, top + 29), (x + 3, top + 29)]
            svg.begin("polygon", [SVGAttribute("class", "call"), SVGAttribute("points", pointList(points))])
            svg.title("a location-dependent call forwarded home at \(call.at)")
            svg.end()
        }
        for fault in layout.model.faults.prefix(mostTicks) {
            let (x, top) = (layout.x(fault.at), layout.rowTop(fault.row))
            svg.begin("line", [SVGAttribute("class", fault.isIO ? "io-tick" : "fault-tick"), SVGAttribute("x1", x),
                               SVGAttribute("y1", top + 1), SVGAttribute("x2", x), SVGAttribute("y2", top + 6)])
            svg.title("\(fault.process): \(fault.kind.rawValue) fault on \(fault.page) at \(fault.at), "
                      + "waited \(fault.wait)")
            svg.end()
        }
    }

    private static func drawMoves(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        let chart = layout.model.chart
        for move in chart.moves.prefix(TimelineMoveOverlay.mostDrawn) {
            if let frozen = move.frozen, frozen <= chart.to, isFrozenPastEnd(move, chart) {
                drawFrozen(move, since: frozen, layout, &svg)
                continue
            }
            guard let source = move.fromRow, let target = move.toRow, source != target,
                  chart.rowLabels.indices.contains(source), chart.rowLabels.indices.contains(target),
                  let unfrozen = move.unfrozen, unfrozen >= chart.from, unfrozen <= chart.to else { continue }
            let start = max(chart.from, move.frozen ?? unfrozen)
            let (x1, y1) = (layout.x(start), layout.rowTop(source) + rowHeight / 2)
            let (x2, y2) = (layout.x(unfrozen), layout.rowTop(target) + rowHeight / 2)
            let length = max(0.001, ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot())
            let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length)
            let base = (x2 - 8 * ux, y2 - 8 * uy)
            let head = [(x2, y2), (base.0 - 4 * uy, base.1 + 4 * ux), (base.0 + 4 * uy, base.1 - 4 * ux)]
            svg.begin("g", [SVGAttribute("class", move.evicted ? "move-arrow evicted" : "move-arrow")])
            let frozen = move.frozen.map { "frozen \($0) to \(unfrozen) (\(unfrozen - $0))" } ?? "on at \(unfrozen)"
            svg.title("\(move.process): \(move.from) -> \(move.to), \(frozen); "
                      + move.cause + (move.how.map { ", " + $0 } ?? ""))
            svg.element("line", [SVGAttribute("x1", x1), SVGAttribute("y1", y1), SVGAttribute("x2", base.0),
                                 SVGAttribute("y2", base.1)])
            svg.element("polygon", [SVGAttribute("points", pointList(head))])
            svg.end()
        }
    }

    /// A move whose arrow would join a row not drawn (`nodes` chose the other end's node, or it has no CPU
    /// row): left out of the picture, and counted so the summary and the notes say so.
    static func isOffRows(_ move: ChartMove, _ chart: TimelineChart) -> Bool {
        let rows = chart.rowLabels.indices
        let fromDrawn = move.fromRow.map(rows.contains) ?? false
        if let frozen = move.frozen, frozen <= chart.to, isFrozenPastEnd(move, chart) { return !fromDrawn }
        return !fromDrawn || !(move.toRow.map(rows.contains) ?? false)
    }

    /// Frozen and not on again by the window's end: unfrozen after it, or still moving (as the text chart).
    static func isFrozenPastEnd(_ move: ChartMove, _ chart: TimelineChart) -> Bool {
        move.unfrozen.map { $0 > chart.to } ?? (move.unfinished == "moving")
    }

    /// A process frozen in the window and not on again by its end (still moving, or unfrozen later): a dashed
    /// line on the row it left, from its freeze to the window's end, as the text chart's dashes.
    private static func drawFrozen(_ move: ChartMove, since frozen: SimTime, _ layout: TimelineLayout,
                                   _ svg: inout SVGWriter) {
        guard let row = move.fromRow, layout.model.chart.rowLabels.indices.contains(row) else { return }
        let y = layout.rowTop(row) + rowHeight - 3
        svg.begin("line", [SVGAttribute("class", "frozen"), SVGAttribute("x1", layout.x(frozen)),
                           SVGAttribute("y1", y), SVGAttribute("x2", layout.right), SVGAttribute("y2", y)])
        let state = move.unfinished.map { " (\($0))" } ?? ""
        svg.title("\(move.process) frozen from \(frozen), moving \(move.from) -> \(move.to)\(state)")
        svg.end()
    }

    private static func drawCacheBands(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        guard let file = layout.model.cacheFile else { return }
        svg.element("text", [SVGAttribute("class", "lane-label"), SVGAttribute("x", 8),
                             SVGAttribute("y", layout.rowsBottom + 16)], text: "cache of \(file):")
        for (index, band) in layout.model.cacheBands.enumerated() {
            let top = layout.bandTop(index)
            svg.element("text", [SVGAttribute("class", "lane-label"), SVGAttribute("x", layout.left - 8),
                                 SVGAttribute("y", top + 14), SVGAttribute("text-anchor", "end")], text: band.client)
            for span in band.spans {
                let x = layout.x(span.start)
                svg.begin("rect", [SVGAttribute("class", "cache-span \(span.state.rawValue)"), SVGAttribute("x", x),
                                   SVGAttribute("y", top + 3), SVGAttribute("width", max(0.5, layout.x(span.end) - x)),
                                   SVGAttribute("height", bandHeight - 6)])
                svg.title("\(band.client): \(span.state.rawValue) from \(span.start) to \(span.end): \(span.why)")
                svg.end()
            }
        }
    }

    private static func drawAxis(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        let y = layout.axisTop
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", layout.left), SVGAttribute("y1", y),
                             SVGAttribute("x2", layout.right), SVGAttribute("y2", y)])
        let axis = layout.timeAxis
        for tick in axis.ticks {
            let x = layout.x(SimTime(nanoseconds: tick.nanoseconds))
            svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", x), SVGAttribute("y1", y),
                                 SVGAttribute("x2", x), SVGAttribute("y2", y + 5)])
            svg.element("text", [SVGAttribute("class", "axis-label tick-label"), SVGAttribute("x", x),
                                 SVGAttribute("y", y + 18), SVGAttribute("text-anchor", "middle")], text: tick.label)
        }
        svg.element("text", [SVGAttribute("class", "axis-label axis-title"),
                             SVGAttribute("x", (layout.left + layout.right) / 2), SVGAttribute("y", y + 36),
                             SVGAttribute("text-anchor", "middle")], text: "time (\(axis.unit))")
    }

    static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { SVGWriter.number($0.0) + "," + SVGWriter.number($0.1) }.joined(separator: " ")
    }
}
