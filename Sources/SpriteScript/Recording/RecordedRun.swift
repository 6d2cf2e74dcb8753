import SpriteKernel

/// What a picture's lanes are: one per node, or one per process (with a kernel lane per node for what the
/// kernel sends on behalf of no process).
enum LaneKind: String, CaseIterable, Sendable {
    case node, process
}

/// Which part of a recording a picture shows.
struct PictureScope: Equatable {
    /// The nodes drawn, in order (their processes, with process lanes); nil: every node, in the order declared.
    var nodes: [Int]?
    var lanes = LaneKind.node
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

/// One lane of a picture: a node, a node's kernel, or a process (which keeps its lane when it migrates).
struct Lane: Equatable {
    enum Key: Hashable {
        case node(Int)
        case kernel(Int)
        /// An index in `RunRecording.processes`.
        case process(Int)
    }
    let key: Key
    let name: String
    /// The node it is on: a process's first in the picture.
    let node: Int
}

/// The messages and marks of a recording that one picture shows, with the node names it needs.
struct RecordedRun {
    /// The lanes, left to right.
    let lanes: [Lane]
    /// Every node's name, by index.
    let names: [String]
    /// The processes the recording met (`RunRecording.processes`).
    let processes: [RecordedProcess]
    /// Each lane's index in `lanes`, by key.
    private let laneIndex: [Lane.Key: Int]
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
    /// The file writes and reads the semantics checker knows, as anchors on the lanes (OutcomeAnchors).
    let anchors: OutcomeAnchors

    init(_ recording: RunRecording, names: [String], scope: PictureScope, anchors: OutcomeAnchors = OutcomeAnchors()) {
        self.names = names
        self.scope = scope
        var processes = recording.processes
        var anchors = anchors
        anchors.resolve(&processes)
        self.processes = processes
        let chosen = scope.nodes ?? Array(names.indices)
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
        messages = scope.collapse ? Self.collapse(selected, byProcess: scope.lanes == .process) : selected.map {
            DrawnMessage(message: $0, lastSentAt: $0.sentAt, lastEndedAt: $0.endedAt)
        }
        collapsed = selected.count - messages.count
        self.outside = outside
        marks = recording.marks.filter { $0.time >= scope.from && $0.time <= scope.to && Self.touches($0.mark, onLane) }
        omitted = recording.omitted
        startedAt = recording.startedAt
        self.anchors = anchors.within(scope, nodes: onLane, since: recording.startedAt)
        switch scope.lanes {
        case .node:
            lanes = chosen.map { Lane(key: .node($0), name: names.indices.contains($0) ? names[$0] : "?", node: $0) }
        case .process:
            lanes = ProcessLanes.lanes(messages: messages, marks: marks, anchors: self.anchors, nodes: chosen,
                                       names: names, processes: processes)
        }
        laneIndex = Dictionary(lanes.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    init(_ interpreter: Interpreter, scope: PictureScope) {
        let simulation = interpreter.simulation
        self.init(interpreter.recording ?? RunRecording(), names: (0..<simulation.nodeCount).map(simulation.nodeName),
                  scope: scope, anchors: OutcomeAnchors(interpreter))
    }

    /// The lane of `key`, if drawn.
    func lane(_ key: Lane.Key) -> Int? { laneIndex[key] }

    /// The lane a message leaves from and the one it reaches.
    func sourceLane(_ message: RecordedMessage) -> Int? {
        lane(laneKey(node: message.source, process: message.sourceProcess))
    }

    func destinationLane(_ message: RecordedMessage) -> Int? {
        lane(laneKey(node: message.destination, process: message.destinationProcess))
    }

    /// Where something on `node` by `process` (-1: the kernel or the node's own step) is drawn.
    func laneKey(node: Int, process: Int) -> Lane.Key {
        switch scope.lanes {
        case .node: .node(node)
        case .process: process >= 0 ? .process(process) : .kernel(node)
        }
    }

    /// The lanes a mark on `node` at `time` is drawn on: the node's, or with process lanes its kernel's and
    /// those of the processes on it then.
    func lanes(onNode node: Int, at time: SimTime) -> [Int] {
        switch scope.lanes {
        case .node: return lane(.node(node)).map { [$0] } ?? []
        case .process:
            return lanes.indices.filter { index in
                switch lanes[index].key {
                case .kernel(let kernel): kernel == node
                case .process(let process): self.node(of: process, at: time, home: lanes[index].node) == node
                case .node: false
                }
            }
        }
    }

    /// The node a process is on at `time`: where it was first drawn, moved by the migrations before `time`.
    func node(of process: Int, at time: SimTime, home: Int) -> Int {
        var node = home
        for (when, _, mark) in marks where when <= time {
            if case .migrated(process, _, let to) = mark { node = to }
        }
        return node
    }

    /// A process's name, from the recording.
    func processName(_ process: Int) -> String {
        processes.indices.contains(process) ? processes[process].name : "?"
    }

    /// What to call the end of a message (or a mark) in words: its node, or with process lanes its lane.
    func endName(node: Int, process: Int) -> String {
        if let index = lane(laneKey(node: node, process: process)), scope.lanes == .process {
            return lanes[index].name
        }
        return names.indices.contains(node) ? names[node] : "?"
    }

    /// Sent before the window ends and not ended before it begins.
    private static func overlaps(_ message: RecordedMessage, _ scope: PictureScope) -> Bool {
        message.sentAt <= scope.to && (message.endedAt ?? .never) >= scope.from
    }

    private static func touches(_ mark: RecordedMark, _ lanes: Set<Int>) -> Bool {
        switch mark {
        case .crashed(let node), .restarted(let node), .evicted(let node, _), .staleRead(let node, _, _, _):
            lanes.contains(node)
        case .migrated(_, let from, let to): lanes.contains(from) && lanes.contains(to)
        case .partitioned, .healed: true
        }
    }

    /// What a repeated exchange is: the same kind between the same pair, with the same outcome.
    /// With process lanes, the same processes too.
    private struct ExchangeKey: Equatable {
        var kind: MessageKind
        var source: Int
        var destination: Int
        var delivered: Bool
        var processes: [Int]
        init(_ message: RecordedMessage, byProcess: Bool) {
            (kind, source, destination, delivered) = (message.kind, message.source, message.destination,
                                                      message.delivered)
            processes = byProcess ? [message.sourceProcess, message.destinationProcess] : []
        }
    }

    /// Runs of one message repeated (a stream) or of two alternating (a request and its reply, again and
    /// again) become one drawn message each, counted.
    static func collapse(_ messages: [RecordedMessage], byProcess: Bool = false) -> [DrawnMessage] {
        let keys = messages.map { ExchangeKey($0, byProcess: byProcess) }
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
        text += " between " + (scope.lanes == .node ? Plural.of(lanes.count, "node") : Plural.of(lanes.count, "lane"))
        if collapsed > 0 { text += ", \(messages.count) drawn" }
        if omitted > 0 { text += "; \(omitted) past the picture-events limit left out" }
        return text
    }
}
