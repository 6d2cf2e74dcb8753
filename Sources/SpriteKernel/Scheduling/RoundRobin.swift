import DequeModule

/// Round robin: FCFS order, but a process runs at most one quantum before it
/// goes to the back of the queue (only if someone else waits).
final class RoundRobin: SchedulingPolicy {
    @exclusivity(unchecked) private var queue = Deque<ProcessID>()
    private let quantum: SimTime

    init(quantum: SimTime) {
        self.quantum = quantum
        queue.reserveCapacity(16)
    }

    var count: Int { queue.count }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? { queue.popFirst() }

    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime { quantum }
}
