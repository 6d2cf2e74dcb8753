/// How much the engine records. Operation-level events are always needed to
/// tell a user what happened; message-level events are for looking closer.
public enum TraceLevel: String, Sendable, CaseIterable, Comparable {
    case off
    case operations
    case messages

    private var rank: Int {
        switch self {
        case .off: 0
        case .operations: 1
        case .messages: 2
        }
    }
    public static func < (lhs: TraceLevel, rhs: TraceLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Why a message never arrived.
public enum DropReason: Sendable, Equatable {
    case loss
    case partition
    case destinationDown
    case senderCrashed
}

/// A message as the trace reports it.
public struct MessageSummary: Sendable, Equatable {
    public var id: Int32
    public var kind: MessageKind
    public var source: Int
    public var destination: Int
    public var payloadBytes: Int64
    public var packets: Int64
    public var wireBytes: Int64
    public var attempt: Int
}

/// Something that happened, stamped with time and node by `TraceRecord`.
/// Every case carries typed values; the language layer turns them into words.
public enum TraceEvent: Sendable, Equatable {
    case messageSent(MessageSummary)
    case messageDelivered(MessageSummary)
    case messageDropped(MessageSummary, DropReason)
    case retransmitting(MessageSummary)

    /// A process sent a V message and is now blocked awaiting the reply.
    case vSent(operation: Int32, from: Int, to: Int, text: String?, bytes: Int64)
    /// A process received a message (after waiting `waited` for one).
    case vReceived(operation: Int32, process: Int, from: Int, text: String?, bytes: Int64, waited: SimTime)
    case vReplied(operation: Int32, process: Int, to: Int, text: String?, bytes: Int64)
    /// A sender's reply arrived: its Send completed after `elapsed`.
    case vUnblocked(operation: Int32, process: Int, text: String?, elapsed: SimTime, penalty: SimTime)
    case moveCompleted(operation: Int32, direction: MoveDirection, process: Int, peer: Int,
                       bytes: Int64, elapsed: SimTime, penalty: SimTime, packets: Int64)
    case computeCompleted(operation: Int32, process: Int, duration: SimTime)

    case rpcCompleted(operation: Int32, call: Int, calls: Int, client: Int, server: Int,
                      elapsed: SimTime, penalty: SimTime, packets: Int64)
    case rpcSeriesCompleted(operation: Int32, client: Int, server: Int, calls: Int,
                            elapsed: SimTime, mean: SimTime, penalty: SimTime, packets: Int64)

    case operationFailed(operation: Int32, failure: OperationFailure)

    case nodeCrashed(node: Int, lostMessages: Int)
    case nodeRestarted(node: Int)
    case partitioned(groups: [[Int]])
    case healed
}

public struct TraceRecord: Sendable, Equatable {
    public var time: SimTime
    /// The node where it happened.
    public var node: Int
    public var event: TraceEvent
}

public enum MoveDirection: String, Sendable, Equatable {
    case moveTo = "moveto"
    case moveFrom = "movefrom"
}
