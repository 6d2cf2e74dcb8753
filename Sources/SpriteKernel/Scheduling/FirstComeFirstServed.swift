import DequeModule

/// FCFS: one FIFO queue; a process keeps the CPU until its burst ends or it
/// blocks. Non-preemptive, so a long burst makes the rest wait (the convoy effect).
final class FirstComeFirstServed: SchedulingPolicy {
    @exclusivity(unchecked) private var queue = Deque<ProcessID>()

    init() { queue.reserveCapacity(16) }

    var count: Int { queue.count }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? { queue.popFirst() }
}
