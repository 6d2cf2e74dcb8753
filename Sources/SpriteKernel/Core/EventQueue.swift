/// What a scheduled event does, by the subsystem that handles it. The core
/// only routes an event to its subsystem; each subsystem's enum lives in its
/// folder. Payloads are small integer handles into the engine's tables, so an
/// event is a plain value: scheduling one never allocates and never boxes.
public enum Event: Sendable, Equatable {
    /// The language layer asked to regain control at this time.
    case timer(id: Int32)
    case net(NetworkEvent)
    case ipc(IPCEvent)
    case rpc(RPCEvent)
    case files(FileSystemEvent)
    case sched(SchedulingEvent)
}

/// One entry of the queue: ordered by time, ties broken by insertion order.
///
/// Time and sequence are kept as one 128-bit key, time in the high half, so
/// the heap orders two entries with one integer comparison; it makes a dozen
/// on every event. The key keeps the entry at 32 bytes.
public struct ScheduledEvent: Comparable, Sendable {
    @usableFromInline var key: Int128
    public var kind: Event

    public init(time: SimTime, sequence: UInt64, kind: Event) {
        // The shift leaves the low half zero, for the sequence to fill.
        key = Int128(time.nanoseconds) << 64 | Int128(sequence)
        self.kind = kind
    }

    public var time: SimTime { SimTime(nanoseconds: Int64(truncatingIfNeeded: key >> 64)) }
    public var sequence: UInt64 { UInt64(truncatingIfNeeded: key) }

    @inlinable public static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool { lhs.key < rhs.key }
    @inlinable public static func == (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool { lhs.key == rhs.key }
}

/// A priority queue of events ordered by (time, insertion sequence).
///
/// Many events are scheduled in time order: a FIFO CPU's completions, a batch
/// of messages sent at one instant, a clock's ticks. Such a run goes to a FIFO
/// (`EventRun`), where adding an event and taking the first cost O(1) however
/// long the run; every other event goes to a heap. The next event is the
/// earlier of the two heads. Keys are unique, so the pop order is exactly
/// (time, sequence) whichever way an event went.
public struct EventQueue: Sendable {
    private var inOrder = EventRun()
    private var heap = EventHeap()
    private var nextSequence: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { inOrder.isEmpty && heap.isEmpty }
    public var count: Int { inOrder.count + heap.count }
    public var nextTime: SimTime? { next?.time }
    public var next: ScheduledEvent? {
        if inOrder.isEmpty { return heap.first }
        let first = inOrder.first
        guard let top = heap.first, top < first else { return first }
        return top
    }

    public mutating func schedule(_ kind: Event, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, kind: kind)
        nextSequence &+= 1
        // The new sequence is the highest yet: an event no earlier than the last in order follows it.
        if inOrder.isEmpty || time >= inOrder.last.time {
            inOrder.append(event)
        } else {
            heap.insert(event)
        }
    }

    public mutating func popNext() -> ScheduledEvent? {
        if inOrder.isEmpty { return heap.removeFirst() }
        if let top = heap.first, top < inOrder.first { return heap.removeFirst() }
        return inOrder.removeFirst()
    }

    public mutating func removeAll() {
        inOrder.removeAll()
        heap.removeAll()
    }
}
