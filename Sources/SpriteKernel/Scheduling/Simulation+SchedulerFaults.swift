/// The scheduler's part of a node crash: the node's processes die with its
/// memory (their locks and barriers too), its CPUs and queues empty. A
/// process spawned to arrive later arrives if the node is up by then. The
/// slice a crash cuts short goes on the timeline, ending `killed`; pending
/// slice ends go stale, and a stale event does not move the clock.
extension Simulation {
    func schedulerCrash(_ node: Int) {
        guard let slot = schedulerSlot(node) else { return }
        let s = scheduler
        for cpu in s.nodes[slot].cpus {
            releaseHeldSlice(cpu)
            if s.cpus[cpu].current >= 0 {
                settle(cpu)
                recordSlice(cpu, process: s.cpus[cpu].current, start: s.cpus[cpu].sliceStart,
                            end: max(now, s.cpus[cpu].sliceStart), ending: .killed)
                s.table[s.cpus[cpu].current].cpu = -1
                s.cpus[cpu].current = -1
            }
            s.cpus[cpu].lastProcess = -1
            s.cpus[cpu].preemptPending = false
            s.cpus[cpu].preemptAtChoose = false
            s.cpus[cpu].expiresAtChoose = false
            s.cpus[cpu].epoch &+= 1
        }
        for queue in s.nodes[slot].queues {
            _ = s.policies[queue].removeAll(table: s.table, now: now)
            changeQueueLength(queue, by: -s.queues[queue].length)
        }
        for process in s.nodes[slot].processes where s.table[process].phase != .new {
            kill(process)
        }
        s.locks.forgetNode(Int32(node))
        s.barriers.forgetNode(Int32(node))
    }

    /// The process dies where it is: done, killed, never finished.
    func kill(_ process: Int32) {
        let s = scheduler
        guard s.table[process].phase != .done else { return }
        switch s.table[process].phase {
        case .blocked: s.table[process].blockedTime += now - s.table[process].since
        case .ready: s.table[process].waitTime += now - s.table[process].since
        case .new, .running, .done: break
        }
        s.table[process].killed = true
        s.table[process].spinningOn = -1
        s.table[process].queue = -1
        finishProcess(process)
    }
}
