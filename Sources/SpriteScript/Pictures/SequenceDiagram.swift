import SpriteKernel

/// The message-sequence (Lamport) diagram of a run: a lane per node (or per process, `lanes process`),
/// simulated time downwards, each message an arrow from its send to its delivery, coloured by what it is
/// for; a lost message ends in a cross, a crash is a bar across its lane, a partition a shaded band, and
/// every arrow has hover text. File writes and stale reads carry ids an outcome table links to
/// (`write-N`, `read-N`: OutcomeAnchors).
///
/// Browsers and tests find the parts by class: one `arrow` per message delivered (or per collapsed run),
/// one `lost` and one `cross` per message dropped, `lane-label` and `axis-label` for the text around them.
struct SequenceDiagram {
    let run: RecordedRun

    init(_ run: RecordedRun) { self.run = run }

    static let left: Double = 110
    static let top: Double = 84
    static let laneTop: Double = 56

    /// Legend samples have their mark's class with `-key` added, so counting marks never counts them.
    static let style = """
        text { font-family: sans-serif; }
        .lane { stroke: #9a9a9a; stroke-width: 1; }
        .lane-label { font-size: 13px; font-weight: bold; text-anchor: middle; }
        .axis-label { font-size: 11px; fill: #555555; text-anchor: end; }
        .axis { stroke: #cccccc; stroke-width: 1; }
        .arrow, .lost, .in-flight, .in-flight-key { stroke-width: 1.5; fill: none; }
        .lost, .in-flight, .in-flight-key { stroke-dasharray: 5 3; }
        .cross, .cross-key { stroke: #cc0000; stroke-width: 2; fill: none; }
        .count { font-size: 11px; font-weight: bold; }
        .crash, .crash-key { stroke: #cc0000; stroke-width: 5; }
        .restart, .restart-key { stroke: #009e73; stroke-width: 5; }
        .partition, .partition-key { fill: #f4c7c3; opacity: 0.45; }
        .migration-mark, .migration-mark-key { stroke: #cc79a7; stroke-width: 2; stroke-dasharray: 2 3; fill: none; }
        .eviction, .stale-read, .eviction-key, .stale-read-key { stroke: #333333; stroke-width: 1.5; }
        .eviction, .eviction-key { fill: #f0e442; }
        .stale-read, .stale-read-key { fill: #ffffff; }
        .legend, .note, .title { font-size: 12px; }
        """

    /// Rules only pictures with writes, or with process lanes that migrate, need (the rest keep their bytes).
    static let writeStyle = "\n.write, .write-key { fill: #333333; }"
    static let moveStyle = "\n.move, .move-key { fill: #cc79a7; stroke: #cc79a7; }"
        + "\n.move-label { font-size: 11px; fill: #cc79a7; }"

    private var style: String {
        var style = Self.style
        if !run.anchors.writes.isEmpty { style += Self.writeStyle }
        let migrates = run.marks.contains { if case .migrated = $0.mark { true } else { false } }
        if run.scope.lanes == .process, migrates { style += Self.moveStyle }
        return style
    }

    /// Horizontal room per lane: enough for its label.
    var laneGap: Double {
        let longest = run.lanes.map { Double($0.name.count) }.max() ?? 0
        return max(120, longest * 8 + 24)
    }

    /// The x of lane `index` (an index in `run.lanes`).
    func laneX(_ index: Int?) -> Double? {
        guard let index, run.lanes.indices.contains(index) else { return nil }
        return Self.left + laneGap / 2 + Double(index) * laneGap
    }

    /// The moments drawn: every send and end in the window, every mark, and the window's edges.
    private var scale: SequenceScale {
        var times: [SimTime] = []
        let scope = run.scope
        for drawn in run.messages {
            times.append(max(scope.from, drawn.message.sentAt))
            if let end = drawn.message.endedAt { times.append(min(scope.to, end)) }
        }
        times += run.marks.map(\.time)
        times += (run.anchors.writes + run.anchors.staleReads).map(\.end)
        if scope.from > .zero { times.append(scope.from) }
        if times.isEmpty { times.append(run.startedAt) }
        return SequenceScale(times: times, top: Self.top)
    }

    var svg: String {
        let scale = self.scale
        let classes = MessageClass.allCases.filter { kind in run.messages.contains { $0.message.kindClass == kind } }
        let keys = markKeys
        let width = Self.left + laneGap * Double(max(1, run.lanes.count)) + 40
        let notes = self.notes
        let legendTop = scale.bottom + 48
        let height = legendTop + 20 * Double(classes.count + keys.count + notes.count) + 24
        var svg = SVGWriter(width: width, height: height)
        svg.element("rect", [SVGAttribute("class", "background"), SVGAttribute("x", 0), SVGAttribute("y", 0),
                             SVGAttribute("width", width), SVGAttribute("height", height),
                             SVGAttribute("fill", "#ffffff")])
        svg.begin("defs")
        for kind in classes {
            svg.begin("marker", [SVGAttribute("id", "head-" + kind.rawValue), SVGAttribute("viewBox", "0 0 10 10"),
                                 SVGAttribute("refX", 10), SVGAttribute("refY", 5),
                                 SVGAttribute("markerWidth", 7), SVGAttribute("markerHeight", 7),
                                 SVGAttribute("orient", "auto-start-reverse")])
            svg.element("path", [SVGAttribute("d", "M 0 0 L 10 5 L 0 10 z"), SVGAttribute("fill", kind.colour)])
            svg.end()
        }
        svg.end()
        svg.element("text", [SVGAttribute("class", "title"), SVGAttribute("x", 12), SVGAttribute("y", 20)],
                    text: title)
        drawPartitions(&svg, scale, width: width)
        drawLanes(&svg, scale)
        drawAxis(&svg, scale)
        for drawn in run.messages { drawMessage(drawn, &svg, scale) }
        drawMarks(&svg, scale)
        drawLegend(&svg, classes: classes, keys: keys, notes: notes, top: legendTop)
        return svg.rendered(style: style)
    }

    private var title: String {
        var text = "message sequence: " + run.summary
        if run.scope.from > .zero || run.scope.to < .never {
            text += ", from \(run.scope.from)" + (run.scope.to < .never ? " to \(run.scope.to)" : "")
        }
        return text
    }

    /// What the picture leaves out, said on it.
    private var notes: [String] {
        var notes: [String] = []
        if run.startedAt > .zero { notes.append("recorded from \(run.startedAt)") }
        if run.collapsed > 0 {
            notes.append("\(Plural.of(run.collapsed, "repeated message")) folded into the arrows marked ×K")
        }
        if run.outside > 0 {
            notes.append("\(Plural.of(run.outside, "message")) to or from nodes not drawn left out")
        }
        if run.omitted > 0 {
            notes.append("\(run.omitted) messages and marks past the picture-events limit left out "
                         + "(limit picture-events, --limit picture-events=N)")
        }
        return notes
    }

    private func drawLanes(_ svg: inout SVGWriter, _ scale: SequenceScale) {
        for (index, lane) in run.lanes.enumerated() {
            guard let x = laneX(index) else { continue }
            svg.element("text", [SVGAttribute("class", "lane-label"), SVGAttribute("x", x),
                                 SVGAttribute("y", Self.laneTop)], text: lane.name)
            svg.element("line", [SVGAttribute("class", "lane"), SVGAttribute("x1", x),
                                 SVGAttribute("y1", Self.laneTop + 10), SVGAttribute("x2", x),
                                 SVGAttribute("y2", scale.bottom + 24)])
        }
    }

    /// Times down the left, one wherever there is room for it.
    private func drawAxis(_ svg: inout SVGWriter, _ scale: SequenceScale) {
        svg.element("line", [SVGAttribute("class", "axis"), SVGAttribute("x1", Self.left - 6),
                             SVGAttribute("y1", Self.top), SVGAttribute("x2", Self.left - 6),
                             SVGAttribute("y2", scale.bottom)])
        var lastLabel = -Double.infinity
        for row in scale.rows where row.y - lastLabel >= 22 {
            svg.element("text", [SVGAttribute("class", "axis-label"), SVGAttribute("x", Self.left - 12),
                                 SVGAttribute("y", row.y + 4)], text: row.time.description)
            lastLabel = row.y
        }
    }

    private func drawMessage(_ drawn: DrawnMessage, _ svg: inout SVGWriter, _ scale: SequenceScale) {
        let message = drawn.message
        guard let x1 = laneX(run.sourceLane(message)), let x2 = laneX(run.destinationLane(message)) else { return }
        let kind = message.kindClass
        let y1 = scale.y(max(run.scope.from, message.sentAt))
        let colour = [SVGAttribute("stroke", kind.colour)]
        let hover = Self.hover(drawn, run: run)
        guard let end = message.endedAt else {
            // Still in flight when the picture was drawn: dashed to the bottom of its lane.
            svg.begin("line", [SVGAttribute("class", "in-flight " + kind.rawValue), SVGAttribute("x1", x1),
                               SVGAttribute("y1", y1), SVGAttribute("x2", x2),
                               SVGAttribute("y2", scale.bottom + 16)] + colour)
            svg.title(hover)
            svg.end()
            return
        }
        var y2 = scale.y(min(run.scope.to, end))
        if message.delivered {
            let head = [SVGAttribute("marker-end", "url(#head-\(kind.rawValue))")]
            if x1 == x2 {
                // Between processes of one node: a loop beside the lane.
                y2 = max(y2, y1 + 8)
                let d = "M \(n(x1)) \(n(y1)) C \(n(x1 + 36)) \(n(y1)), \(n(x1 + 36)) \(n(y2)), \(n(x1 + 2)) \(n(y2))"
                svg.begin("path", [SVGAttribute("class", "arrow " + kind.rawValue), SVGAttribute("d", d)]
                          + colour + head)
            } else {
                svg.begin("line", [SVGAttribute("class", "arrow " + kind.rawValue), SVGAttribute("x1", x1),
                                   SVGAttribute("y1", y1), SVGAttribute("x2", x2), SVGAttribute("y2", y2)]
                          + colour + head)
            }
            svg.title(hover)
            svg.end()
            drawCount(drawn, &svg, x1: x1, y1: y1, x2: x2, y2: y2)
            return
        }
        // Lost: the line stops where the message was lost. One lost on the wire is dropped as it is sent,
        // so it stops part of the way across; one that reached a node that was down stops at that lane.
        let reachedLane = y2 > y1
        let xEnd = reachedLane ? x2 : x1 + (x2 - x1) * 0.6 + (x1 == x2 ? 30 : 0)
        let yEnd = reachedLane ? y2 : y1 + 12
        svg.begin("line", [SVGAttribute("class", "lost " + kind.rawValue), SVGAttribute("x1", x1),
                           SVGAttribute("y1", y1), SVGAttribute("x2", xEnd), SVGAttribute("y2", yEnd)] + colour)
        svg.title(hover)
        svg.end()
        let d = "M \(n(xEnd - 5)) \(n(yEnd - 5)) L \(n(xEnd + 5)) \(n(yEnd + 5)) "
            + "M \(n(xEnd - 5)) \(n(yEnd + 5)) L \(n(xEnd + 5)) \(n(yEnd - 5))"
        svg.begin("path", [SVGAttribute("class", "cross"), SVGAttribute("d", d)])
        svg.title(hover)
        svg.end()
        drawCount(drawn, &svg, x1: x1, y1: y1, x2: xEnd, y2: yEnd)
    }

    /// ×K beside a collapsed run's arrow, a quarter of the way along it (clear of the lanes at its ends
    /// and of a crash bar at its middle), its text running away from the lane it starts at; beside a loop
    /// (one lane to itself), past the loop's bulge.
    private func drawCount(_ drawn: DrawnMessage, _ svg: inout SVGWriter, x1: Double, y1: Double, x2: Double,
                           y2: Double) {
        guard drawn.count > 1 else { return }
        let x: Double, anchor: String
        if x1 == x2 {
            (x, anchor) = (x1 + 34, "start")
        } else if x2 > x1 {
            (x, anchor) = (x1 + (x2 - x1) * 0.25 + 4, "start")
        } else {
            (x, anchor) = (x1 + (x2 - x1) * 0.25 - 4, "end")
        }
        var attributes = [SVGAttribute("class", "count"), SVGAttribute("x", x),
                          SVGAttribute("y", y1 + (y2 - y1) * 0.25 - 5)]
        if anchor == "end" { attributes.append(SVGAttribute("text-anchor", "end")) }
        svg.element("text", attributes + [SVGAttribute("fill", drawn.message.kindClass.colour)],
                    text: "×\(drawn.count)")
    }

    func n(_ value: Double) -> String { SVGWriter.number(value) }

    /// The hover text of a message: what, between whom, how big, when, which attempt.
    static func hover(_ drawn: DrawnMessage, run: RecordedRun) -> String {
        let m = drawn.message
        let from = run.endName(node: m.source, process: m.sourceProcess)
        let to = run.endName(node: m.destination, process: m.destinationProcess)
        var text = "\(m.kind.rawValue) \(from) → \(to): "
            + EventWords.bytes(m.payloadBytes)
        if m.wireBytes > 0 { text += " (\(EventWords.bytes(m.wireBytes)) on the wire)" }
        text += ", sent \(m.sentAt)"
        if let end = m.endedAt {
            if let reason = m.dropped {
                text += ", lost at \(end) (" + dropWords(reason) + ")"
            } else {
                text += ", delivered \(end)"
            }
        } else {
            text += ", still in flight"
        }
        if m.attempt > 0 { text += ", attempt \(m.attempt + 1)" }
        if drawn.count > 1 {
            text += "; ×\(drawn.count) alike, the last sent \(drawn.lastSentAt)"
            if let last = drawn.lastEndedAt { text += " and ended \(last)" }
        }
        return text
    }

    static func dropWords(_ reason: DropReason) -> String {
        switch reason {
        case .loss: "lost on the network"
        case .partition: "partitioned"
        case .destinationDown: "destination down"
        case .senderCrashed: "sender crashed"
        }
    }
}
