/// Events in key order, taken oldest first: `EventQueue`'s FIFO. A ring
/// buffer whose capacity doubles when full, so a run in steady state
/// allocates nothing.
struct EventRun: ~Copyable, Sendable {
    /// The ring; its count is zero or a power of two, so an index wraps with a
    /// mask. Unique, so appending an event asks no one whether it is shared.
    private var slots = UniqueArray<ScheduledEvent>()
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    /// The oldest event; the run must not be empty.
    var first: ScheduledEvent { slots[head] }
    /// The time of the newest event; meaningful only while the run is not
    /// empty. Kept apart because the queue asks it twice for every event
    /// scheduled, and finding the newest slot in the ring costs more.
    private(set) var lastTime = SimTime.zero

    /// Inlined, with growth kept out of line: the queue appends nearly every event.
    @inline(__always) mutating func append(_ event: ScheduledEvent) {
        if count == slots.count { grow(filler: event) }
        slots[(head &+ count) & (slots.count &- 1)] = event
        count &+= 1
        lastTime = event.time
    }

    /// Takes the oldest event; the run must not be empty.
    @inline(__always) mutating func removeFirst() -> ScheduledEvent {
        let event = slots[head]
        head = (head &+ 1) & (slots.count &- 1)
        count &-= 1
        return event
    }

    mutating func removeAll() {
        head = 0
        count = 0
    }

    /// Unrolls the ring, oldest first, into one twice the size; `filler`
    /// stands in the free slots until they are used.
    @inline(never) private mutating func grow(filler: ScheduledEvent) {
        let capacity = max(16, slots.count * 2)
        var grown = UniqueArray<ScheduledEvent>()
        grown.reserveCapacity(capacity)
        for offset in 0..<count { grown.append(slots[(head + offset) & (slots.count - 1)]) }
        while grown.count < capacity { grown.append(filler) }
        slots = grown
        head = 0
    }
}
