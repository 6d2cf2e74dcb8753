/// SJF and SRTF: the shortest known burst runs first (ties in the order they
/// became ready). SJF orders by the declared burst, else what is left of the
/// current one, and never preempts; SRTF orders by what is left and lets a
/// shorter newcomer take the CPU.
final class ShortestJobFirst: SchedulingPolicy {
    private var queue: ContiguousArray<ProcessID> = []
    let isPreemptive: Bool

    init(preemptive: Bool) {
        isPreemptive = preemptive
        queue.reserveCapacity(16)
    }

    var count: Int { queue.count }

    private func key(_ process: ProcessID, _ table: ProcessTable) -> SimTime {
        isPreemptive ? table.remainingBurst(of: process) : table.knownBurst(of: process)
    }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard !queue.isEmpty else { return nil }
        var best = 0
        var bestKey = key(queue[0], table)
        for index in 1..<queue.count {
            let candidate = key(queue[index], table)
            if candidate < bestKey {
                best = index
                bestKey = candidate
            }
        }
        return queue.remove(at: best)
    }

    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool {
        table.remainingBurst(of: candidate) < table.remainingBurst(of: running)
    }
}
