import SpriteKernel

/// One attempt of one message, from its send to its delivery or drop.
struct RecordedMessage: Equatable {
    var kind: MessageKind
    var kindClass: MessageClass
    var source: Int
    var destination: Int
    var payloadBytes: Int64
    var wireBytes: Int64
    /// 0 for the first transmission, 1 for the first retransmission, …
    var attempt: Int
    var sentAt: SimTime
    /// Where its send and its end came in the trace: the order events happened in, ties included.
    var sentOrder: Int
    var endOrder: Int?
    /// When it arrived or was dropped; nil while it is still in flight.
    var endedAt: SimTime?
    /// Why it never arrived; nil when it arrived (or is still in flight).
    var dropped: DropReason?
    /// The sending and receiving processes (indices in `RunRecording.processes`), or -1 for the kernel.
    var sourceProcess = -1
    var destinationProcess = -1

    var delivered: Bool { endedAt != nil && dropped == nil }
}

/// Something pictures mark on a lane or across lanes.
enum RecordedMark: Equatable {
    case crashed(node: Int)
    case restarted(node: Int)
    /// The cluster split into groups of nodes; `healed` joins them again.
    case partitioned(groups: [[Int]])
    case healed
    /// `process`: an index in `RunRecording.processes`.
    case migrated(process: Int, from: Int, to: Int)
    case evicted(node: Int, processes: Int)
    /// A read judged stale under UNIX semantics as it returned: `event` is its file-history event, `process`
    /// the reader (an index in `RunRecording.processes`, -1 for the node's own step).
    case staleRead(node: Int, path: String, event: Int, process: Int)
}

/// A process a recording met: its id in the process table when it was met, and its name.
struct RecordedProcess: Equatable {
    let id: Int
    let name: String
}

/// What a recording asks the simulation as it keeps a record: a process's name, a file event's process.
struct RecordingLookup {
    var processName: (Int) -> String = { "process \($0)" }
    var fileEventProcess: (Int) -> Int = { _ in -1 }
}

/// What the pictures of a run need, kept from the trace as it is drained (Interpreter.flushTrace).
///
/// Bounded: past `limit` messages and marks, further ones are only counted (`omitted`), and the picture
/// says how many it leaves out. A message slot is reused only after its message was delivered or dropped,
/// so a delivery or drop belongs to the last send on its slot.
struct RunRecording {
    /// The engine's trace level while recording: message-level records are what the diagram draws.
    static let level = TraceLevel.messages
    private(set) var messages: [RecordedMessage] = []
    private(set) var marks: [(time: SimTime, order: Int, mark: RecordedMark)] = []
    /// Records seen so far: each one's place in the order events happened.
    private var order = 0
    /// Messages and marks past the limit (`picture-events`): counted, not kept.
    private(set) var omitted = 0
    /// Messages in flight, by slot: their index in `messages`.
    private var inFlight: [Int32: Int] = [:]
    /// When recording began (0 for a script; the first input at the prompt otherwise).
    let startedAt: SimTime
    /// The file-cache records a timeline's cache bands are read from (TimelineCacheStates), kept whatever
    /// level the script traces at; bounded by the same limit, past it only counted.
    private(set) var cacheRecords: [TraceRecord] = []
    private(set) var cacheRecordsOmitted = 0
    /// Disk requests, each with the node whose drive served it (the timeline's disk rows); bounded by the same
    /// limit, past it only counted.
    private(set) var diskRequests: [(node: Int, request: DiskRequestSummary)] = []
    private(set) var diskRequestsOmitted = 0
    /// The processes messages and marks name, in the order first met (process lanes are drawn from these).
    private(set) var processes: [RecordedProcess] = []
    /// Each process id's entry in `processes`: a slot reused by a later process (summarised ended
    /// processes) gets a new entry when its name differs.
    private var processIndex: [Int: Int] = [:]

    init(startedAt: SimTime = .zero) {
        self.startedAt = startedAt
    }

    /// Messages and marks kept so far.
    var count: Int { messages.count + marks.count }

    /// Keeps what pictures draw of `record`, while fewer than `limit` messages and marks are kept.
    mutating func add(_ record: TraceRecord, limit: Int, lookup: RecordingLookup = RecordingLookup()) {
        let isFull = count >= limit
        order += 1
        if TimelineCacheStates.reads(record.event) {
            if cacheRecords.count < limit { cacheRecords.append(record) } else { cacheRecordsOmitted += 1 }
        }
        switch record.event {
        case .diskRequest(let request):
            guard diskRequests.count < limit else { diskRequestsOmitted += 1; return }
            diskRequests.append((record.node, request))
        case .messageSent(let summary):
            guard !isFull else { omitted += 1; inFlight[summary.id] = nil; return }
            inFlight[summary.id] = messages.count
            let from = process(summary.fromProcess, lookup), to = process(summary.toProcess, lookup)
            messages.append(RecordedMessage(kind: summary.kind, kindClass: MessageClass(summary.kind),
                                            source: summary.source, destination: summary.destination,
                                            payloadBytes: summary.payloadBytes, wireBytes: summary.wireBytes,
                                            attempt: summary.attempt, sentAt: record.time, sentOrder: order,
                                            sourceProcess: from, destinationProcess: to))
        case .messageDelivered(let summary):
            guard let index = inFlight.removeValue(forKey: summary.id) else { return }
            messages[index].endedAt = record.time
            messages[index].endOrder = order
        case .messageDropped(let summary, let reason):
            guard let index = inFlight.removeValue(forKey: summary.id) else { return }
            messages[index].endedAt = record.time
            messages[index].endOrder = order
            messages[index].dropped = reason
        case .invalidated(_, let by, _):
            reclassifyLastDelivery(at: record, from: by, kinds: [.callRequest], as: .callback)
        case .dsmInvalidated(_, _, let by):
            reclassifyLastDelivery(at: record, from: by, kinds: [.dsmControl], as: .callback)
        case .migrationPhase(_, _, let peer, let elapsed, _, _):
            reclassifyMigrationCalls(at: record, peer: peer, elapsed: elapsed)
        case .nodeCrashed(let node, _): mark(.crashed(node: node), at: record.time, full: isFull)
        case .nodeRestarted(let node): mark(.restarted(node: node), at: record.time, full: isFull)
        case .partitioned(let groups): mark(.partitioned(groups: groups), at: record.time, full: isFull)
        case .healed: mark(.healed, at: record.time, full: isFull)
        case .migrationDone(let id, let from, let to, _, _, _, _):
            let process = self.process(Int32(clamping: id), lookup)
            mark(.migrated(process: process, from: from, to: to), at: record.time, full: isFull)
        case .evicting(let node, let processes, _):
            mark(.evicted(node: node, processes: processes), at: record.time, full: isFull)
        case .fileRead(_, let path, let event, _, _, _, _, let unix, _, _):
            guard case .stale = unix else { return }
            let reader = process(Int32(clamping: lookup.fileEventProcess(event)), lookup)
            mark(.staleRead(node: record.node, path: path, event: event, process: reader), at: record.time,
                 full: isFull)
        default: break
        }
    }

    /// The entry of process `id` in `processes` (made when first met), or -1 for the kernel (`id` < 0).
    private mutating func process(_ id: Int32, _ lookup: RecordingLookup) -> Int {
        guard id >= 0 else { return -1 }
        let name = lookup.processName(Int(id))
        if let index = processIndex[Int(id)], processes[index].name == name { return index }
        processes.append(RecordedProcess(id: Int(id), name: name))
        processIndex[Int(id)] = processes.count - 1
        return processes.count - 1
    }

    private mutating func mark(_ mark: RecordedMark, at time: SimTime, full: Bool) {
        guard !full else { omitted += 1; return }
        marks.append((time, order, mark))
    }

    /// How far back a reclassification looks: the message it names arrived at that very instant.
    private static let lookBack = 64

    /// A callback break or an invalidation is a file call or DSM message like others on the wire;
    /// the event at its arrival says what it was.
    private mutating func reclassifyLastDelivery(at record: TraceRecord, from source: Int, kinds: Set<MessageKind>,
                                                 as kindClass: MessageClass) {
        for index in messages.indices.reversed().prefix(Self.lookBack) {
            let message = messages[index]
            guard message.endedAt == record.time, message.destination == record.node, message.source == source,
                  kinds.contains(message.kind), message.delivered else { continue }
            messages[index].kindClass = kindClass
            return
        }
    }

    /// A migration phase is kernel RPCs between `record.node` and `peer`, the last reply arriving now:
    /// every call between the two since the phase began was the phase's.
    private mutating func reclassifyMigrationCalls(at record: TraceRecord, peer: Int, elapsed: SimTime) {
        let began = SimTime(nanoseconds: record.time.nanoseconds - elapsed.nanoseconds)
        for index in messages.indices.reversed().prefix(Self.lookBack * 4) {
            let message = messages[index]
            if message.sentAt < began { return }
            let pair = (message.source == record.node && message.destination == peer)
                || (message.source == peer && message.destination == record.node)
            if pair, message.kind == .rpcRequest || message.kind == .rpcReply {
                messages[index].kindClass = .migration
            }
        }
    }
}
