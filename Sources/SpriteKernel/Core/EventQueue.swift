import HeapModule

/// What a scheduled event does. Payloads are small integer handles into the
/// engine's tables, so an event is a plain value: scheduling one never
/// allocates and never boxes.
public enum EventKind: Sendable, Equatable {
    /// A message's last packet reaches its destination.
    case deliver(message: Int32)
    /// A node's CPU finishes serving an RPC request.
    case rpcServed(call: Int32)
    /// A process finishes a computation or a bulk move.
    case processResume(process: Int32, operation: Int32)
    /// A sender's retransmission timer for a lost message.
    case retransmit(message: Int32)
    /// A pending operation gives up waiting on a crashed peer.
    case operationTimeout(operation: Int32)
    /// The language layer asked to regain control at this time.
    case timer(id: Int32)
}

/// One entry of the queue: ordered by time, ties broken by insertion order.
public struct ScheduledEvent: Comparable, Sendable {
    public var time: SimTime
    public var sequence: UInt64
    public var kind: EventKind

    @inlinable public static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
        lhs.time.nanoseconds != rhs.time.nanoseconds
            ? lhs.time.nanoseconds < rhs.time.nanoseconds
            : lhs.sequence < rhs.sequence
    }
    @inlinable public static func == (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
        lhs.time == rhs.time && lhs.sequence == rhs.sequence
    }
}

/// A priority queue of events ordered by (time, insertion sequence).
public struct EventQueue: Sendable {
    private var heap = Heap<ScheduledEvent>()
    private var nextSequence: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    public var nextTime: SimTime? { heap.min?.time }

    public mutating func schedule(_ kind: EventKind, at time: SimTime) {
        heap.insert(ScheduledEvent(time: time, sequence: nextSequence, kind: kind))
        nextSequence &+= 1
    }

    public mutating func popNext() -> ScheduledEvent? { heap.popMin() }

    public mutating func removeAll() { heap = Heap() }
}
