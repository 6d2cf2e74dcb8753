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
                guard let x = laneX(node) else { continue }
                let crashed = mark == .crashed(node: node)
                svg.begin("line", [SVGAttribute("class", crashed ? "crash" : "restart"), SVGAttribute("x1", x - 18),
                                   SVGAttribute("y1", y), SVGAttribute("x2", x + 18), SVGAttribute("y2", y)])
                svg.title("\(name(node)) \(crashed ? "crashed" : "restarted") at \(time)")
                svg.end()
            case .migrated(let process, let from, let to):
                guard let x1 = laneX(from), let x2 = laneX(to) else { continue }
                svg.begin("path", [SVGAttribute("class", "migration-mark"),
                                   SVGAttribute("d", "M \(n(x1)) \(n(y)) Q \(n((x1 + x2) / 2)) \(n(y - 14)) "
                                                + "\(n(x2)) \(n(y))")])
                svg.title("process \(process) migrated from \(name(from)) to \(name(to)) at \(time)")
                svg.end()
            case .evicted(let node, let processes):
                guard let x = laneX(node) else { continue }
                svg.begin("rect", [SVGAttribute("class", "eviction"), SVGAttribute("x", x - 5),
                                   SVGAttribute("y", y - 5), SVGAttribute("width", 10), SVGAttribute("height", 10)])
                let evicted = Plural.of(processes, "foreign process", plural: "foreign processes")
                svg.title("\(name(node)) evicted \(evicted) at \(time)")
                svg.end()
            case .staleRead(let node, let path):
                guard let x = laneX(node) else { continue }
                svg.begin("circle", [SVGAttribute("class", "stale-read"), SVGAttribute("cx", x),
                                     SVGAttribute("cy", y), SVGAttribute("r", 5)])
                svg.title("stale read of \(path) on \(name(node)) at \(time)")
                svg.end()
            case .partitioned, .healed: continue
            }
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
            keys.append(("migration-mark", "a process migrated"))
        }
        if has({ if case .evicted = $0 { true } else { false } }) {
            keys.append(("eviction", "foreign processes evicted"))
        }
        if has({ if case .staleRead = $0 { true } else { false } }) {
            keys.append(("stale-read", "a read UNIX semantics calls stale"))
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
