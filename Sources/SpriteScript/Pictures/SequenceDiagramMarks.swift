import SpriteKernel

/// What a sequence diagram draws besides messages: partitions, crashes, migrations, evictions, stale reads,
/// and the legend that says what each colour and mark means.
extension SequenceDiagram {
    func drawPartitions(_ svg: inout SVGWriter, _ scale: SequenceScale, width: Double) {
        var open: (time: SimTime, groups: [[Int]])?
        func band(until end: SimTime) {
            guard let (start, groups) = open else { return }
            let y1 = scale.y(start), y2 = max(scale.y(end), y1 + 6)
            let words = groups.map { $0.map { run.names.indices.contains($0) ? run.names[$0] : "?" }
                .joined(separator: ", ") }.joined(separator: " | ")
            svg.begin("rect", [SVGAttribute("class", "partition"), SVGAttribute("x", Self.left),
                               SVGAttribute("y", y1), SVGAttribute("width", width - Self.left - 20),
                               SVGAttribute("height", y2 - y1)])
            svg.title("partitioned from \(start)" + (end < .never ? " to \(end)" : "") + ": " + words)
            svg.end()
            open = nil
        }
        for (time, _, mark) in run.marks {
            switch mark {
            case .partitioned(let groups):
                band(until: time)
                open = (time, groups)
            case .healed: band(until: time)
            default: continue
            }
        }
        if open != nil { band(until: scale.rows.last?.time ?? .zero) }
    }

    func drawMarks(_ svg: inout SVGWriter, _ scale: SequenceScale) {
        for (time, _, mark) in run.marks {
            let y = scale.y(time)
            let name = { (node: Int) in run.names.indices.contains(node) ? run.names[node] : "?" }
            switch mark {
            case .crashed(let node), .restarted(let node):
                let crashed = mark == .crashed(node: node)
                for lane in run.lanes(onNode: node, at: time) {
                    guard let x = laneX(lane) else { continue }
                    svg.begin("line", [SVGAttribute("class", crashed ? "crash" : "restart"),
                                       SVGAttribute("x1", x - 18), SVGAttribute("y1", y), SVGAttribute("x2", x + 18),
                                       SVGAttribute("y2", y)])
                    svg.title("\(name(node)) \(crashed ? "crashed" : "restarted") at \(time)")
                    svg.end()
                }
            case .migrated(let process, let from, let to):
                let words = "\(run.processName(process)) migrated from \(name(from)) to \(name(to)) at \(time)"
                if run.scope.lanes == .process {
                    drawMove(&svg, lane: run.lane(.process(process)), y: y, to: name(to), words: words)
                    continue
                }
                guard let x1 = laneX(run.lane(.node(from))), let x2 = laneX(run.lane(.node(to))) else { continue }
                svg.begin("path", [SVGAttribute("class", "migration-mark"),
                                   SVGAttribute("d", "M \(n(x1)) \(n(y)) Q \(n((x1 + x2) / 2)) \(n(y - 14)) "
                                                + "\(n(x2)) \(n(y))")])
                svg.title(words)
                svg.end()
            case .evicted(let node, let processes):
                for lane in run.lanes(onNode: node, at: time).prefix(1) {
                    guard let x = laneX(lane) else { continue }
                    svg.begin("rect", [SVGAttribute("class", "eviction"), SVGAttribute("x", x - 5),
                                       SVGAttribute("y", y - 5), SVGAttribute("width", 10),
                                       SVGAttribute("height", 10)])
                    let evicted = Plural.of(processes, "foreign process", plural: "foreign processes")
                    svg.title("\(name(node)) evicted \(evicted) at \(time)")
                    svg.end()
                }
            case .staleRead, .partitioned, .healed: continue
            }
        }
        drawAnchors(&svg, scale)
    }

    /// A migration on a process's own lane: a diamond where it moved, and where to beside it.
    private func drawMove(_ svg: inout SVGWriter, lane: Int?, y: Double, to: String, words: String) {
        guard let x = laneX(lane) else { return }
        svg.begin("path", [SVGAttribute("class", "move"),
                           SVGAttribute("d", "M \(n(x)) \(n(y - 6)) L \(n(x + 6)) \(n(y)) L \(n(x)) \(n(y + 6)) "
                                        + "L \(n(x - 6)) \(n(y)) Z")])
        svg.title(words)
        svg.end()
        svg.element("text", [SVGAttribute("class", "move-label"), SVGAttribute("x", x + 9),
                             SVGAttribute("y", y + 4)], text: "→ " + to)
    }

    /// The file writes and stale reads the semantics checker knows, each with the id an outcome table links
    /// to (`write-N`, `read-N`: OutcomeAnchors): a small square beside the writer's lane where the write returned,
    /// an open circle on the reader's where the stale read did.
    private func drawAnchors(_ svg: inout SVGWriter, _ scale: SequenceScale) {
        let name = { (node: Int) in run.names.indices.contains(node) ? run.names[node] : "?" }
        func who(_ operation: OutcomeAnchors.Operation) -> String {
            operation.processName.map { "\($0) on \(name(operation.node))" } ?? name(operation.node)
        }
        for write in run.anchors.writes {
            guard let x = laneX(run.lane(run.laneKey(node: write.node, process: write.recorded))) else { continue }
            let y = scale.y(write.end)
            // Just right of the lane: clear of arrowheads ending on it and of a stale read at the same moment.
            svg.begin("rect", [SVGAttribute("id", "write-\(write.number)"), SVGAttribute("class", "write"),
                               SVGAttribute("x", x + 5.5), SVGAttribute("y", y - 3.5), SVGAttribute("width", 7),
                               SVGAttribute("height", 7)])
            svg.title("write \(write.number): \(who(write)) \(write.appended ? "appended to" : "wrote") "
                      + "\(write.path), issued \(write.start), returned \(write.end)")
            svg.end()
        }
        for read in run.anchors.staleReads {
            guard let x = laneX(run.lane(run.laneKey(node: read.node, process: read.recorded))) else { continue }
            var words = "read \(read.number): stale read of \(read.path) by \(who(read)) at \(read.end)"
            if let writer = read.missedBy, let at = read.missedAt {
                words += "; it missed " + (read.missedWrite.map { "write \($0)" } ?? "the write")
                    + " by \(writer), returned \(at)"
            } else {
                words += "; it should have read the empty file"
            }
            svg.begin("circle", [SVGAttribute("id", "read-\(read.number)"), SVGAttribute("class", "stale-read"),
                                 SVGAttribute("cx", x), SVGAttribute("cy", scale.y(read.end)),
                                 SVGAttribute("r", 5)])
            svg.title(words)
            svg.end()
        }
    }

    /// The marks the picture has, each with the class its sample is drawn in and its words.
    var markKeys: [(shape: String, words: String)] {
        var keys: [(String, String)] = []
        if run.messages.contains(where: { $0.message.dropped != nil }) {
            keys.append(("cross", "lost: the line stops where the message was dropped"))
        }
        if run.messages.contains(where: { $0.message.endedAt == nil }) {
            keys.append(("in-flight", "dashed to the bottom: still in flight"))
        }
        func has(_ test: (RecordedMark) -> Bool) -> Bool { run.marks.contains { test($0.mark) } }
        if has({ if case .crashed = $0 { true } else { false } }) { keys.append(("crash", "node crashed")) }
        if has({ if case .restarted = $0 { true } else { false } }) { keys.append(("restart", "node restarted")) }
        if has({ if case .partitioned = $0 { true } else { false } }) {
            keys.append(("partition", "partitioned (hover for the groups)"))
        }
        if has({ if case .migrated = $0 { true } else { false } }) {
            keys.append(run.scope.lanes == .process ? ("move", "the process migrated (to the node named beside)")
                            : ("migration-mark", "a process migrated"))
        }
        if has({ if case .evicted = $0 { true } else { false } }) {
            keys.append(("eviction", "foreign processes evicted"))
        }
        if !run.anchors.writes.isEmpty { keys.append(("write", "a file write (write-N)")) }
        if !run.anchors.staleReads.isEmpty {
            keys.append(("stale-read", "a read UNIX semantics calls stale (read-N)"))
        }
        return keys
    }

    func drawLegend(_ svg: inout SVGWriter, classes: [MessageClass], keys: [(shape: String, words: String)],
                    notes: [String], top: Double) {
        var y = top
        for kind in classes {
            svg.element("line", [SVGAttribute("class", "legend-key"), SVGAttribute("x1", 12),
                                 SVGAttribute("y1", y - 4), SVGAttribute("x2", 40), SVGAttribute("y2", y - 4),
                                 SVGAttribute("stroke", kind.colour), SVGAttribute("stroke-width", 3)])
            svg.element("text", [SVGAttribute("class", "legend"), SVGAttribute("x", 48), SVGAttribute("y", y)],
                        text: kind.title)
            y += 20
        }
        for key in keys {
            switch key.shape {
            case "cross":
                let d = "M 21 \(n(y - 9)) L 31 \(n(y + 1)) M 21 \(n(y + 1)) L 31 \(n(y - 9))"
                svg.element("path", [SVGAttribute("class", "cross-key"), SVGAttribute("d", d)])
            case "stale-read":
                // The same circle the diagram draws on the reader's lane.
                svg.element("circle", [SVGAttribute("class", "stale-read-key"), SVGAttribute("cx", 26),
                                       SVGAttribute("cy", y - 5), SVGAttribute("r", 5)])
            case "move":
                let d = "M 26 \(n(y - 11)) L 32 \(n(y - 5)) L 26 \(n(y + 1)) L 20 \(n(y - 5)) Z"
                svg.element("path", [SVGAttribute("class", "move-key"), SVGAttribute("d", d)])
            case "write":
                svg.element("rect", [SVGAttribute("class", "write-key"), SVGAttribute("x", 22.5),
                                     SVGAttribute("y", y - 8.5), SVGAttribute("width", 7), SVGAttribute("height", 7)])
            case "partition", "eviction":
                svg.element("rect", [SVGAttribute("class", key.shape + "-key"), SVGAttribute("x", 20),
                                     SVGAttribute("y", y - 10), SVGAttribute("width", 12),
                                     SVGAttribute("height", 10)])
            default:
                svg.element("line", [SVGAttribute("class", key.shape + "-key"), SVGAttribute("x1", 12),
                                     SVGAttribute("y1", y - 4), SVGAttribute("x2", 40), SVGAttribute("y2", y - 4),
                                     SVGAttribute("stroke", "#333333")])
            }
            svg.element("text", [SVGAttribute("class", "legend"), SVGAttribute("x", 48), SVGAttribute("y", y)],
                        text: key.words)
            y += 20
        }
        for note in notes {
            svg.element("text", [SVGAttribute("class", "note"), SVGAttribute("x", 12), SVGAttribute("y", y)],
                        text: note)
            y += 20
        }
    }
}
