import SpriteKernel

/// Which part of a recording a picture shows.
struct PictureScope: Equatable {
    /// The lanes, in order; nil: every node, in the order declared.
    var nodes: [Int]?
    var from = SimTime.zero
    var to = SimTime.never
    /// Draw a run of repeated identical exchanges once, labelled ×K.
    var collapse = false
}

/// A message as a picture draws it: one, or the first of `count` identical ones in a row.
struct DrawnMessage: Equatable {
    var message: RecordedMessage
    var count = 1
    /// When the last of the run was sent and ended.
    var lastSentAt: SimTime
    var lastEndedAt: SimTime?
}

/// The messages and marks of a recording that one picture shows, with the node names it needs.
struct RecordedRun {
    /// The lanes, left to right: node index and name.
    let lanes: [(node: Int, name: String)]
    /// Every node's name, by index.
    let names: [String]
    let scope: PictureScope
    /// The messages drawn, in the order they were sent (collapsed runs as one).
    let messages: [DrawnMessage]
    let marks: [(time: SimTime, order: Int, mark: RecordedMark)]
    /// Messages in the window not drawn because an end is on a node left out.
    let outside: Int
    /// Messages and marks past the picture-events limit.
    let omitted: Int
    /// Messages a collapsed run stands for beyond its first.
    let collapsed: Int
    /// Time recording began.
    let startedAt: SimTime

    init(_ recording: RunRecording, names: [String], scope: PictureScope) {
        self.names = names
        self.scope = scope
        let chosen = scope.nodes ?? Array(names.indices)
        lanes = chosen.map { ($0, names.indices.contains($0) ? names[$0] : "?") }
        let onLane = Set(chosen)
        var outside = 0
        var selected: [RecordedMessage] = []
        for message in recording.messages where Self.overlaps(message, scope) {
            if onLane.contains(message.source) && onLane.contains(message.destination) {
                selected.append(message)
            } else {
                outside += 1
            }
        }
        messages = scope.collapse ? Self.collapse(selected) : selected.map {
            DrawnMessage(message: $0, lastSentAt: $0.sentAt, lastEndedAt: $0.endedAt)
        }
        collapsed = selected.count - messages.count
        self.outside = outside
        marks = recording.marks.filter { $0.time >= scope.from && $0.time <= scope.to && Self.touches($0.mark, onLane) }
        omitted = recording.omitted
        startedAt = recording.startedAt
    }

    init(_ interpreter: Interpreter, scope: PictureScope) {
        let simulation = interpreter.simulation
        self.init(interpreter.recording ?? RunRecording(), names: (0..<simulation.nodeCount).map(simulation.nodeName),
                  scope: scope)
    }

    /// Sent before the window ends and not ended before it begins.
    private static func overlaps(_ message: RecordedMessage, _ scope: PictureScope) -> Bool {
        message.sentAt <= scope.to && (message.endedAt ?? .never) >= scope.from
    }

    private static func touches(_ mark: RecordedMark, _ lanes: Set<Int>) -> Bool {
        switch mark {
        case .crashed(let node), .restarted(let node), .evicted(let node, _), .staleRead(let node, _):
            lanes.contains(node)
        case .migrated(_, let from, let to): lanes.contains(from) && lanes.contains(to)
        case .partitioned, .healed: true
        }
    }

    /// What a repeated exchange is: the same kind between the same pair, with the same outcome.
    private struct ExchangeKey: Equatable {
        var kind: MessageKind
        var source: Int
        var destination: Int
        var delivered: Bool
        init(_ message: RecordedMessage) {
            (kind, source, destination, delivered) = (message.kind, message.source, message.destination,
                                                      message.delivered)
        }
    }

    /// Runs of one message repeated (a stream) or of two alternating (a request and its reply, again and
    /// again) become one drawn message each, counted.
    static func collapse(_ messages: [RecordedMessage]) -> [DrawnMessage] {
        let keys = messages.map(ExchangeKey.init)
        var drawn: [DrawnMessage] = []
        var index = 0
        while index < messages.count {
            for period in [1, 2] {
                var repeats = 1
                while index + period * (repeats + 1) <= messages.count,
                      (0..<period).allSatisfy({ keys[index + period * repeats + $0] == keys[index + $0] }) {
                    repeats += 1
                }
                guard repeats > 1 || period == 2 else { continue }
                let width = repeats > 1 ? period : 1
                for offset in 0..<width {
                    let last = messages[index + period * (repeats - 1) + offset]
                    drawn.append(DrawnMessage(message: messages[index + offset], count: repeats,
                                              lastSentAt: last.sentAt, lastEndedAt: last.endedAt))
                }
                index += width * repeats
                break
            }
        }
        return drawn
    }

    /// A few words on what the picture shows, for the line `export` prints.
    var summary: String {
        let lost = messages.filter { !$0.message.delivered && $0.message.endedAt != nil }.reduce(0) { $0 + $1.count }
        let total = messages.reduce(0) { $0 + $1.count }
        var text = Plural.of(total, "message") + (lost > 0 ? " (\(lost) lost)" : "")
        text += " between " + Plural.of(lanes.count, "node")
        if collapsed > 0 { text += ", \(messages.count) drawn" }
        if omitted > 0 { text += "; \(omitted) past the picture-events limit left out" }
        return text
    }
}
