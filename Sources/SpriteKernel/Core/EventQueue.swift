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
/// event goes to a heap. An event joins the run it extends most closely.
///
/// Two of the three runs take only events due soon (`nearWindow`): one event
/// seconds ahead (a long burst's end, the next arrival of a stream) appended to
/// a run closes it to every earlier event scheduled after it, and in a busy
/// cluster nearly every message and RPC step then went to the heap, with a
/// thousand far slice ends. The third run takes events however far ahead, so
/// a stream of distant events in order (round-robin quanta) stays off the heap.
/// The next event is the earliest of the four heads. Keys are unique, so the
/// pop order is exactly (time, sequence) whichever way an event went.
public struct EventQueue: ~Copyable, Sendable {
    private var near = EventRun()
    private var alsoNear = EventRun()
    private var any = EventRun()
    private var heap = EventHeap()
    private var nextSequence: UInt64 = 0
    /// The time of the last event taken: "soon" is measured from it.
    private var lastTaken = SimTime.zero

    /// How far ahead of the last event taken an event may be and still join a near run: past the
    /// network's, RPC's and kernel work's latencies, short of bursts, quanta and arrival gaps.
    static let nearWindow = SimTime(nanoseconds: 1 << 22)

    public init() {}

    public var isEmpty: Bool { near.isEmpty && alsoNear.isEmpty && any.isEmpty && heap.isEmpty }
    public var count: Int { near.count + alsoNear.count + any.count + heap.count }
    public var nextTime: SimTime? { earliest.map { first(of: $0).time } }
    public var next: ScheduledEvent? { earliest.map { first(of: $0) } }

    public mutating func schedule(_ kind: Event, at time: SimTime) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, kind: kind)
        nextSequence &+= 1
        // The new sequence is the highest yet: an event no earlier than a run's last follows it.
        // Of the runs it extends, it joins the one whose last event is latest, so the others stay
        // open to earlier events; an empty run is taken only if none extends.
        // Event times are never negative, so the difference cannot overflow (an earlier time is soon).
        let soon = time.nanoseconds &- lastTaken.nanoseconds <= Self.nearWindow.nanoseconds
        // A far event has only the third run to extend (or take while empty).
        if !soon {
            if any.isEmpty || time >= any.lastTime { any.append(event) } else { heap.insert(event) }
            return
        }
        // A near one that extends the first near run, and no other run whose last event is later, joins it.
        if !near.isEmpty, time >= near.lastTime,
           alsoNear.isEmpty || alsoNear.lastTime <= near.lastTime || time < alsoNear.lastTime,
           any.isEmpty || any.lastTime <= near.lastTime || time < any.lastTime {
            return near.append(event)
        }
        // Any other near one: the rule in full, inlined (most events are near). The runs are considered in order,
        // a later one winning only with a later last event. Often none extends and a run is empty (an event
        // handled, its subsystem schedules the next step, and the run it came from has emptied): a call to
        // the rule out of line cost about 80 instructions in that case.
        var best = Source.heap
        var bestLast = time
        if !near.isEmpty, time >= near.lastTime {
            best = .inOrder
            bestLast = near.lastTime
        }
        if !alsoNear.isEmpty, time >= alsoNear.lastTime, best == .heap || alsoNear.lastTime > bestLast {
            best = .alsoInOrder
            bestLast = alsoNear.lastTime
        }
        if !any.isEmpty, time >= any.lastTime, best == .heap || any.lastTime > bestLast { best = .anyTime }
        if best == .heap {
            best = near.isEmpty ? .inOrder : alsoNear.isEmpty ? .alsoInOrder : any.isEmpty ? .anyTime : .heap
        }
        switch best {
        case .inOrder: near.append(event)
        case .alsoInOrder: alsoNear.append(event)
        case .anyTime: any.append(event)
        case .heap: heap.insert(event)
        }
    }

    public mutating func popNext() -> ScheduledEvent? {
        guard let source = earliest else { return nil }
        return remove(from: source)
    }

    /// Where the earliest event waits. The run loop looks at that event and then takes
    /// it by this answer, so the four heads are compared once per event, not twice.
    public enum Source: Sendable { case inOrder, alsoInOrder, anyTime, heap }

    /// The source holding the earliest event; nil when the queue is empty.
    public var earliest: Source? {
        var best: Source?
        var key = Int128.max
        if !near.isEmpty { best = .inOrder; key = near.first.key }
        if !alsoNear.isEmpty, alsoNear.first.key < key { best = .alsoInOrder; key = alsoNear.first.key }
        if !any.isEmpty, any.first.key < key { best = .anyTime; key = any.first.key }
        if let top = heap.first, best == nil || top.key < key { best = .heap }
        return best
    }

    /// The first event of `source`, which must not be empty.
    public func first(of source: Source) -> ScheduledEvent {
        switch source {
        case .inOrder: near.first
        case .alsoInOrder: alsoNear.first
        case .anyTime: any.first
        // `earliest` named the heap only because it holds an event.
        case .heap: heap.first!
        }
    }

    /// Takes the first event of `source`, which must not be empty.
    /// Inlined into the run loop, which calls it once per event.
    @discardableResult @inline(__always)
    public mutating func remove(from source: Source) -> ScheduledEvent {
        let event: ScheduledEvent
        switch source {
        case .inOrder: event = near.removeFirst()
        case .alsoInOrder: event = alsoNear.removeFirst()
        case .anyTime: event = any.removeFirst()
        case .heap: event = heap.removeFirst()!
        }
        lastTaken = event.time
        return event
    }

    public mutating func removeAll() {
        near.removeAll()
        alsoNear.removeAll()
        any.removeAll()
        heap.removeAll()
    }
}
