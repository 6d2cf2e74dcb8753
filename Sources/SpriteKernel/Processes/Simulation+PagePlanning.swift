/// The hot path's hooks (Scheduling/Simulation+Dispatch.swift calls them):
/// a running process with a space stops at its next planned fault or batch
/// end, planned by Memory/ (Simulation+References.swift) over what is left of
/// its burst. A process without a space never comes here.
extension Simulation {
    /// Where the running slice of a process with a space must stop for its next planned fault or batch end
    /// (never when the burst ends first); plans a batch when none is under way.
    @inline(__always) func pagingBound(_ process: Int32, cpu: Int, from: SimTime) -> SimTime {
        let s = scheduler
        // It runs: the page just brought in for it is no longer kept from the other faults.
        if virtualMemory.processes[Int(process)].heldFrame >= 0 {
            releaseHeldFrame(process, node: Int(s.table[process].node))
        }
        guard s.table[process].spinningOn < 0, !s.table[process].kernelWork, s.table[process].remaining > .zero
        else { return .never }
        if s.table[process].untilFault == .never {
            // A batch runs to the quantum's end at most: the process plans again with what memory holds then.
            let quantumLeft = s.cpus[cpu].quantumEnd == .never ? SimTime.never
                : s.cpus[cpu].quantumEnd - from - s.cpus[cpu].stallLeft
            planReferences(process, budget: max(.ns(1), min(s.table[process].remaining, quantumLeft)))
        }
        let until = s.table[process].untilFault
        guard until < s.table[process].remaining else { return .never }
        return from + s.cpus[cpu].stallLeft + realTime(for: until, rate: s.cpus[cpu].rate)
    }

    /// `done` work of the burst went by (hook in `settle`): closer to the planned fault; a burst over
    /// leaves no plan, the next one makes its own.
    @inline(__always) func referencesWorked(_ process: Int32, _ done: SimTime) {
        let s = scheduler
        guard s.table[process].untilFault != .never, !s.table[process].kernelWork else { return }
        if s.table[process].remaining <= .zero {
            s.table[process].untilFault = .never
            s.table[process].faultEntry = -1
        } else {
            s.table[process].untilFault = s.table[process].untilFault - done
        }
    }

    /// Plans the process's next batch over `budget` of its burst's work.
    func planReferences(_ process: Int32, budget: SimTime) {
        let s = scheduler
        let plan = planBatch(process: process, space: s.table[process].space, budget: budget)
        s.table[process].untilFault = plan.until
        s.table[process].faultEntry = plan.entry
        s.table[process].faultWrite = plan.write
    }
}
