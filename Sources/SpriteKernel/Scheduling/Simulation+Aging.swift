/// Aging under a preemptive policy: a waiting process gets better as it waits,
/// so it may come to beat a running process with no event of its own. The run
/// queue keeps one pending check, at the first instant the policy says that can
/// happen; it is posted again whenever who runs or waits changes, and a check
/// gone stale is dropped without moving the clock. Plain events: nothing allocated.
extension Simulation {
    /// Posts the queue's next aging check (the earlier one goes stale).
    func armAgingCheck(queue: Int, node: Int, afterCheck: Bool = false) {
        let s = scheduler
        s.queues[queue].agingEpoch &+= 1
        guard s.queues[queue].length > 0 else { return }
        var first: SimTime?
        for cpu in s.nodes[node].cpus where s.cpus[cpu].queue == Int32(queue) && s.cpus[cpu].current >= 0 {
            let running = ProcessID(s.cpus[cpu].current)
            if let at = s.policies[queue].nextPreemptionCheck(running: running, table: s.table, now: now),
               first.map({ at < $0 }) ?? true {
                first = at
            }
        }
        // Due now (a waiting process beats a running one at this very instant): looked at later in the
        // instant; but a check that has just looked posts none for now again.
        guard let first, first > now || (first == now && !afterCheck) else { return }
        schedule(.sched(.agingCheck(queue: Int32(queue), epoch: s.queues[queue].agingEpoch)), at: first)
    }

    /// The best waiting process may now beat a running one: looked at when the
    /// CPUs choose, once a CPU that frees at this instant has taken its process.
    func agingCheckFired(queue: Int) {
        let s = scheduler
        for index in s.agingDue.indices where s.agingDue[index] == Int32(queue) { return }
        s.agingDue.append(Int32(queue))
        postChoice()
    }

    /// While the best waiting process of a due queue beats a running one, it takes
    /// that CPU; then the queue's next check is posted.
    func preemptByAging() {
        let s = scheduler
        for index in s.agingDue.indices {
            let queue = Int(s.agingDue[index])
            let node = Int(s.queues[queue].node)
            while let best = s.policies[queue].peek(table: s.table, now: now),
                  preemptIfBetter(best.index, queue: queue, node: node, atOnce: true) {}
            armAgingCheck(queue: queue, node: node, afterCheck: true)
        }
        s.agingDue.removeAll()
    }
}
