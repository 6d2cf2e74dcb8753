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

    public mutating func schedule(_ kind: Event, at time: SimTime) {
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
            // Indices stay below `n`, so their arithmetic need not check for overflow.
            var hole = 0
            var child = 1
            while child < n {
                if child &+ 1 < n && h[child &+ 1] < h[child] { child &+= 1 }
                h[hole] = h[child]
                hole = child
                child = 2 &* hole &+ 1
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
