/// Priority scheduling: the lowest priority number runs first, ties in the
/// order they became ready. With aging, a waiting process gains one level
/// per `aging` interval waited, so a low-priority process cannot starve.
final class PriorityAging: SchedulingPolicy {
    private var queue: ContiguousArray<ProcessID> = []
    private let aging: SimTime?
    let isPreemptive: Bool

    init(aging: SimTime?, preemptive: Bool) {
        self.aging = aging
        self.isPreemptive = preemptive
        queue.reserveCapacity(16)
    }

    var count: Int { queue.count }

    /// Priority after aging: the base priority less one per interval waited,
    /// never past the top of the range, 0 (Silberschatz: 127 down to 0), unless it began there.
    private func effective(_ process: ProcessID, _ table: ProcessTable, _ now: SimTime) -> Int64 {
        let base = Int64(table.priority(of: process))
        guard let aging else { return base }
        let waited = now - table.readySince(process)
        return max(min(base, 0), base - max(0, waited.nanoseconds / aging.nanoseconds))
    }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard !queue.isEmpty else { return nil }
        var best = 0
        var bestPriority = effective(queue[0], table, now)
        for index in 1..<queue.count {
            let priority = effective(queue[index], table, now)
            if priority < bestPriority {
                best = index
                bestPriority = priority
            }
        }
        return queue.remove(at: best)
    }

    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool {
        effective(candidate, table, now) < Int64(table.priority(of: running))
    }
}
