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
    /// A file server finished a file-system request.
    case callServed(call: Int32)
    /// A node's delayed-write daemon wakes up.
    case flushDaemon(node: Int32)
    /// A file-system call whose server crashed after receiving it gives up.
    case callTimeout(call: Int32)
    /// A node's file-system client finished a local step (a cache hit).
    case fileStepDone(node: Int32, operation: Int32)
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
///
/// A binary min-heap specialised for `ScheduledEvent`: sifting moves a hole
/// instead of swapping, and removal sinks the hole to a leaf before placing
/// the last element (Floyd's method), since in a simulation the last element
/// almost always belongs near the bottom. Keys are unique, so the pop order is
/// exactly (time, sequence) whatever the heap's internal layout.
public struct EventQueue: Sendable {
    private var heap: [ScheduledEvent] = []
    private var nextSequence: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    public var nextTime: SimTime? { heap.first?.time }
    public var next: ScheduledEvent? { heap.first }

    public mutating func schedule(_ kind: EventKind, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, kind: kind)
        nextSequence &+= 1
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var hole = h.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard event < h[parent] else { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = event
        }
    }

    public mutating func popNext() -> ScheduledEvent? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        return heap.withUnsafeMutableBufferPointer { h in
            let first = h[0]
            let n = h.count
            // Sink the hole at the root to a leaf along the smaller children...
            var hole = 0
            var child = 1
            while child < n {
                if child + 1 < n && h[child + 1] < h[child] { child += 1 }
                h[hole] = h[child]
                hole = child
                child = 2 * hole + 1
            }
            // ...then float the last element up from there.
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard last < h[parent] else { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = last
            return first
        }
    }

    public mutating func removeAll() { heap.removeAll() }
}
