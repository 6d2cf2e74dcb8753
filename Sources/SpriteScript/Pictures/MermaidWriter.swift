import SpriteKernel

/// A run as a Mermaid sequence diagram inside a Markdown file, for any viewer that renders Mermaid
/// (GitHub, GitLab, many editors). Mermaid draws messages one below another, in the order written: here,
/// the order they were sent; lost messages end in a cross (`-x`), crashes and partitions are notes.
struct MermaidWriter {
    let run: RecordedRun

    init(_ run: RecordedRun) { self.run = run }

    var text: String {
        var lines = ["# Message sequence", "", run.summary.prefix(1).uppercased() + run.summary.dropFirst() + ".",
                     "", "```mermaid", "sequenceDiagram"]
        for (index, lane) in run.lanes.enumerated() {
            lines.append("    participant \(Self.participant(index)) as \(Self.escape(lane.name))")
        }
        // Messages and marks in the order they happened; a message sits where it was sent.
        var items: [(order: Int, line: String)] = []
        for drawn in run.messages {
            guard let line = messageLine(drawn) else { continue }
            items.append((drawn.message.sentOrder, line))
        }
        for (time, order, mark) in run.marks {
            guard let line = markLine(mark, time: time) else { continue }
            items.append((order, line))
        }
        for item in items.sorted(by: { $0.order < $1.order }) { lines.append("    " + item.line) }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A node's lane (with process lanes: its kernel's, or the first on it then).
    private func lane(_ node: Int, at time: SimTime) -> String? {
        run.lanes(onNode: node, at: time).first.map(Self.participant)
    }

    static func participant(_ index: Int) -> String { "n\(index)" }

    private func messageLine(_ drawn: DrawnMessage) -> String? {
        let m = drawn.message
        guard let from = run.sourceLane(m).map(Self.participant),
              let to = run.destinationLane(m).map(Self.participant) else { return nil }
        let arrow = m.delivered || m.endedAt == nil ? "->>" : "-x"
        var label = "\(m.kind.rawValue) \(EventWords.bytes(m.payloadBytes)) at \(m.sentAt)"
        if drawn.count > 1 { label = "×\(drawn.count) " + label }
        if m.attempt > 0 { label += " (attempt \(m.attempt + 1))" }
        if let reason = m.dropped { label += " (" + SequenceDiagram.dropWords(reason) + ")" }
        if m.endedAt == nil { label += " (in flight)" }
        return "\(from)\(arrow)\(to): " + Self.escape(label)
    }

    private func markLine(_ mark: RecordedMark, time: SimTime) -> String? {
        let name = { (node: Int) in run.names.indices.contains(node) ? run.names[node] : "?" }
        // A note over every lane: Mermaid spans the first to the last.
        let last = Self.participant(run.lanes.count - 1)
        let everyone = run.lanes.isEmpty ? nil : (run.lanes.count == 1 ? "n0" : "n0,\(last)")
        switch mark {
        case .crashed(let node):
            return lane(node, at: time).map { "Note over \($0): " + Self.escape("crashed at \(time)") }
        case .restarted(let node):
            return lane(node, at: time).map { "Note over \($0): " + Self.escape("restarted at \(time)") }
        case .partitioned(let groups):
            let words = groups.map { $0.map(name).joined(separator: ", ") }.joined(separator: " | ")
            return everyone.map { "Note over \($0): " + Self.escape("partitioned at \(time): \(words)") }
        case .healed: return everyone.map { "Note over \($0): " + Self.escape("healed at \(time)") }
        case .migrated(let process, let from, let to):
            let words = Self.escape("\(run.processName(process)) migrated from \(name(from)) to \(name(to)) at \(time)")
            if run.scope.lanes == .process {
                return run.lane(.process(process)).map { "Note over \(Self.participant($0)): " + words }
            }
            guard let a = lane(from, at: time), let b = lane(to, at: time) else { return nil }
            return "Note over \(a),\(b): " + words
        case .evicted(let node, _):
            return lane(node, at: time).map { "Note over \($0): " + Self.escape("evicted at \(time)") }
        case .staleRead(let node, let path, _, let process):
            return run.lane(run.laneKey(node: node, process: process)).map {
                "Note over \(Self.participant($0)): " + Self.escape("stale read of \(path) at \(time)")
            }
        }
    }

    /// Text safe in a participant alias or a message: Mermaid ends a statement at a newline or `;`, reads
    /// `#…;` as a character code and `%%` as a comment, so those are written as codes (`#35;` is `#`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "#": escaped += "#35;"
            case ";": escaped += "#59;"
            case "%": escaped += "#37;"
            case "<": escaped += "#60;"
            case ">": escaped += "#62;"
            case "\n", "\r", "\t": escaped += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                    escaped.append(character)
                } else {
                    escaped += " "
                }
            }
        }
        return escaped
    }
}
