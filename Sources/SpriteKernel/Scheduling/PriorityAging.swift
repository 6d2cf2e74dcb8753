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

    private func bestIndex(_ table: ProcessTable, _ now: SimTime) -> Int? {
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
        return best
    }

    /// The process leaves with the priority it has aged to, and keeps it while it runs: were it to fall
    /// back to its own, whoever it beat would take the CPU straight back and aging would starve it again.
    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard let index = bestIndex(table, now) else { return nil }
        let process = queue.remove(at: index)
        table[process].runPriority = Int32(clamping: effective(process, table, now))
        return process
    }

    func peek(table: ProcessTable, now: SimTime) -> ProcessID? { bestIndex(table, now).map { queue[$0] } }

    /// The engine also asks it of two running processes, to find the one to preempt: a running one is
    /// worth the priority it was dispatched with, not an aging counted from when it last became ready.
    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool {
        let priority = table[candidate].phase == .running ? Int64(table[candidate].runPriority)
            : effective(candidate, table, now)
        return priority < Int64(table[running].runPriority)
    }

    /// A waiting process of base priority b beats a running one of priority r once it has gained
    /// b - r + 1 levels, at one per `aging` waited from when it became ready, if its floor lets it;
    /// one that beats it already (its preemption went to a CPU still switching in) is due now.
    func nextPreemptionCheck(running: ProcessID, table: ProcessTable, now: SimTime) -> SimTime? {
        guard isPreemptive, let aging else { return nil }
        let bar = Int64(table[running].runPriority)
        var first: SimTime?
        for process in queue {
            let base = Int64(table.priority(of: process))
            guard min(base, 0) < bar else { continue }
            let (wait, overflow) = aging.nanoseconds.multipliedReportingOverflow(by: max(0, base - bar + 1))
            guard !overflow else { continue }
            let at = max(now, table.readySince(process) + .ns(wait))
            if first.map({ at < $0 }) ?? true { first = at }
        }
        return first
    }

    func currentPriority(of process: ProcessID, table: ProcessTable, now: SimTime) -> Int? {
        Int(effective(process, table, now))
    }
}
