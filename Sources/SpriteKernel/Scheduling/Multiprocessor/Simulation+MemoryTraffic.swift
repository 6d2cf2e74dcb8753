/// Compute bursts with a memory share progress as a fluid: each running
/// burst does `rate` stand-alone work per unit of time, and the rate changes
/// whenever a CPU of the node starts or stops memory work. On every such
/// change the node's running bursts are charged up to now at their old rates,
/// get their new rates, and have their end rescheduled (the CPU's epoch voids
/// the old end event). Nothing here allocates; nodes without an interconnect
/// never come here.
extension Simulation {
    /// The memory demand `process` puts on the interconnect while it runs.
    @inline(__always) func memoryDemand(of process: Int32) -> Double {
        let s = scheduler
        if s.table[process].spinningOn >= 0 { return s.table[process].spinsTestAndSet ? 1 : 0 }
        return s.table[process].kernelWork ? 0 : s.table[process].memoryShare
    }

    /// `cpu` now runs what it runs (or nothing): its demand may have
    /// changed, so every running burst of the node gets a new rate and end.
    /// Without an interconnect, only `cpu`'s slice end is (re)scheduled.
    @inline(__always) func cpuWorkChanged(_ cpu: Int, slot: Int) {
        let s = scheduler
        guard s.nodes[slot].modelsMemory else {
            if s.cpus[cpu].current >= 0 { scheduleSliceEnd(cpu) }
            return
        }
        let process = s.cpus[cpu].current
        s.memoryDemand[cpu] = process >= 0 ? memoryDemand(of: process) : 0
        rebalanceMemory(slot, changed: cpu)
    }

    /// Gives every running burst of the node its rate under the
    /// interconnect's slowdown now: a burst whose rate changes is settled at
    /// its old rate first and gets a new end; `changed` (the CPU that started
    /// or stopped work, or -1) gets a new end in any case.
    func rebalanceMemory(_ slot: Int, changed: Int = -1) {
        let s = scheduler
        guard let interconnect = s.interconnects[slot] else { return }
        let cpus = s.nodes[slot].cpus
        let contention = interconnect.contention(demands: s.memoryDemand[cpus])
        let perCell = max(1, Int(s.nodes[slot].cpuCount) / interconnect.cells)
        for cpu in cpus where s.cpus[cpu].current >= 0 {
            let process = s.cpus[cpu].current
            var rate = 1.0
            let share = s.table[process].spinningOn >= 0 || s.table[process].kernelWork
                ? 0 : s.table[process].memoryShare
            if share > 0 {
                let home = s.table[process].homeCell
                let remote = home >= 0 && home != s.cpus[cpu].local / Int32(perCell)
                let slowdown = interconnect.slowdown(contention: contention, remote: remote)
                rate = 1 / ((1 - share) + share * slowdown)
            }
            guard rate != s.cpus[cpu].rate || cpu == changed else { continue }
            settle(cpu)
            s.cpus[cpu].rate = rate
            // A preemption waiting for a switch to end keeps its event.
            if !s.cpus[cpu].preemptPending { scheduleSliceEnd(cpu) }
        }
    }

    /// NUMA: the cell of the CPU a process first runs on holds its memory;
    /// a thread (shared fork, parallel job) uses its group's address space,
    /// placed where the group's first process ran, if it has run.
    @inline(__always) func placeMemory(_ process: Int32, cpu: Int, slot: Int) {
        let s = scheduler
        guard s.table[process].homeCell < 0, let interconnect = s.interconnects[slot], interconnect.cells > 1
        else { return }
        let leader = s.table[process].group
        if leader != process, s.table[leader].homeCell >= 0, s.table[leader].node == s.table[process].node {
            s.table[process].homeCell = s.table[leader].homeCell
            return
        }
        let perCell = max(1, Int(s.nodes[slot].cpuCount) / interconnect.cells)
        s.table[process].homeCell = s.cpus[cpu].local / Int32(perCell)
    }

    /// Stand-alone work `work` takes this long at `rate`, rounded up to the
    /// nanosecond (the burst is never over before its work is) after
    /// dropping floating-point noise: 14ms at rate 1/1.4 is 14ms, not 14ms + 1ns.
    @inline(__always) func realTime(for work: SimTime, rate: Double) -> SimTime {
        guard rate != 1, work != .never, work > .zero else { return work }
        return .ns(Int64((Double(work.nanoseconds) / rate - 1e-6).rounded(.up)))
    }

    /// Stand-alone work done in `elapsed` at `rate`, at most `remaining`;
    /// all of it once the burst's projected end is reached.
    @inline(__always) func progress(in elapsed: SimTime, rate: Double, remaining: SimTime,
                                    complete: Bool) -> SimTime {
        guard rate != 1 else { return elapsed }
        if complete { return remaining }
        return min(remaining, .ns(Int64((Double(elapsed.nanoseconds) * rate).rounded())))
    }
}
