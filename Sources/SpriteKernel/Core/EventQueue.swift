/// What a scheduled event does, by the subsystem that handles it. The core
/// only routes an event to its subsystem; each subsystem's enum lives in its
/// folder. Payloads are small integer handles into the engine's tables, so an
/// event is a plain value: scheduling one never allocates and never boxes.
public enum Event: Sendable, Equatable, BitwiseCopyable {
    /// The language layer asked to regain control at this time.
    case timer(id: Int32)
    case net(NetworkEvent)
    case ipc(IPCEvent)
    case rpc(RPCEvent)
    case files(FileSystemEvent)
    case sched(SchedulingEvent)
    case dsm(DSMEvent)
    case mem(MemoryEvent)
}

// An event is plain data (the subsystems' enums carry integer handles), so
// the queue's runs hold it in storage that needs no uniqueness checks.
extension NetworkEvent: BitwiseCopyable {}
extension IPCEvent: BitwiseCopyable {}
extension RPCEvent: BitwiseCopyable {}
extension FileSystemEvent: BitwiseCopyable {}
extension SchedulingEvent: BitwiseCopyable {}
extension DSMEvent: BitwiseCopyable {}
extension MemoryEvent: BitwiseCopyable {}

/// One entry of the queue: ordered by time, ties broken by insertion order.
///
/// Time and sequence are kept as one 128-bit key, time in the high half, so
/// the heap orders two entries with one integer comparison; it makes a dozen
/// on every event. The key keeps the entry at 32 bytes.
public struct ScheduledEvent: Comparable, Sendable, BitwiseCopyable {
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
/// of messages sent at one instant, a clock's ticks, messages of one size sent
/// with the clock. Such a run goes to a FIFO (`EventRun`), where adding an
/// event and taking the first cost O(1) however long the run; every other
/// event goes to a heap. There are two runs, since two such streams often
/// interleave (a server's completions and the messages it answers): an event
/// joins the run it extends most closely. The next event is the earliest of
/// the three heads. Keys are unique, so the pop order is exactly (time,
/// sequence) whichever way an event went.
public struct EventQueue: ~Copyable, Sendable {
    private var inOrder = EventRun()
    private var alsoInOrder = EventRun()
    private var heap = EventHeap()
    private var nextSequence: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { inOrder.isEmpty && alsoInOrder.isEmpty && heap.isEmpty }
    public var count: Int { inOrder.count + alsoInOrder.count + heap.count }
    public var nextTime: SimTime? { next?.time }
    public var next: ScheduledEvent? {
        var best = heap.first
        if !inOrder.isEmpty, best.map({ inOrder.first < $0 }) ?? true { best = inOrder.first }
        if !alsoInOrder.isEmpty, best.map({ alsoInOrder.first < $0 }) ?? true { best = alsoInOrder.first }
        return best
    }

    public mutating func schedule(_ kind: Event, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, kind: kind)
        nextSequence &+= 1
        // The new sequence is the highest yet: an event no earlier than a run's last follows it.
        let extends = inOrder.isEmpty || time >= inOrder.lastTime
        let alsoExtends = alsoInOrder.isEmpty || time >= alsoInOrder.lastTime
        if extends, alsoExtends {
            // Both fit: the one whose last event is later, so the other stays open to earlier ones.
            if alsoInOrder.isEmpty || (!inOrder.isEmpty && inOrder.lastTime >= alsoInOrder.lastTime) {
                inOrder.append(event)
            } else {
                alsoInOrder.append(event)
            }
        } else if extends {
            inOrder.append(event)
        } else if alsoExtends {
            alsoInOrder.append(event)
        } else {
            heap.insert(event)
        }
    }

    public mutating func popNext() -> ScheduledEvent? {
        guard let source = earliest else { return nil }
        return remove(from: source)
    }

    /// Where the earliest event waits. The run loop looks at that event and then takes
    /// it by this answer, so the three heads are compared once per event, not twice.
    public enum Source: Sendable { case inOrder, alsoInOrder, heap }

    /// The source holding the earliest event; nil when the queue is empty.
    public var earliest: Source? {
        if inOrder.isEmpty && alsoInOrder.isEmpty { return heap.isEmpty ? nil : .heap }
        // The earlier run head, then the heap only if its top is earlier still.
        let useFirst = alsoInOrder.isEmpty || (!inOrder.isEmpty && inOrder.first < alsoInOrder.first)
        let head = useFirst ? inOrder.first : alsoInOrder.first
        if let top = heap.first, top < head { return .heap }
        return useFirst ? .inOrder : .alsoInOrder
    }

    /// The first event of `source`, which must not be empty.
    public func first(of source: Source) -> ScheduledEvent {
        switch source {
        case .inOrder: inOrder.first
        case .alsoInOrder: alsoInOrder.first
        // `earliest` named the heap only because it holds an event.
        case .heap: heap.first!
        }
    }

    /// Takes the first event of `source`, which must not be empty.
    @discardableResult
    public mutating func remove(from source: Source) -> ScheduledEvent {
        switch source {
        case .inOrder: inOrder.removeFirst()
        case .alsoInOrder: alsoInOrder.removeFirst()
        case .heap: heap.removeFirst()!
        }
    }

    public mutating func removeAll() {
        inOrder.removeAll()
        alsoInOrder.removeAll()
        heap.removeAll()
    }
}
