/// A node's OS organisation and interconnect, and what they let a script read.
extension Simulation {
    /// Records the options and what the dispatch path reads of them.
    func applyOrganisation(_ options: MultiprocessorOptions, slot: Int) {
        let s = scheduler
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 { settle(cpu) }
        s.nodes[slot].options = options
        s.nodes[slot].queueLayout = options.effectiveLayout
        s.nodes[slot].masterSlave = options.organisation == .masterSlave
        s.nodes[slot].privateOS = options.organisation == .privatePerCPU
        s.nodes[slot].kernelLockNames = (0..<options.organisation.kernelLockCount).map {
            s.intern(options.organisation == .bigKernelLock ? "#kernel" : "#kernel \($0 + 1)")
        }
        let cpus = Int(s.nodes[slot].cpuCount)
        s.interconnects[slot] = options.interconnect?.make(cpus: cpus)
        s.nodes[slot].modelsMemory = options.interconnect != nil
        for cpu in s.nodes[slot].cpus {
            let process = s.cpus[cpu].current
            s.memoryDemand[cpu] = process >= 0 && s.nodes[slot].modelsMemory ? memoryDemand(of: process) : 0
            s.cpus[cpu].rate = 1
        }
        if s.nodes[slot].modelsMemory { rebalanceMemory(slot) }
        // Every running burst was settled above at its old rate: each gets its end at the new one.
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 && !s.cpus[cpu].preemptPending {
            scheduleSliceEnd(cpu)
        }
    }

    /// Every lock of `node` that has been used (kernel locks named
    /// "#kernel…"), in the order they were first used.
    public func lockStatistics(node: Int) -> [LockStatistics] {
        let s = scheduler
        let transaction = multiprocessorOptions(on: node).busTransaction
        return s.locks.locks.filter { Int($0.node) == node }.map { lock in
            let spinWrites = Int(lock.testAndSetSpin.nanoseconds / max(1, transaction.nanoseconds))
            return LockStatistics(node: node, name: s.syncNames[Int(lock.name)], acquisitions: lock.acquisitions,
                                  contended: lock.contended, spinTime: lock.spinTime,
                                  busTransactions: lock.transactions + spinWrites, blocks: lock.blocks,
                                  holder: lock.holder >= 0 ? ProcessID(lock.holder) : nil)
        }
    }
}

/// A lock's statistics from its first use to now.
public struct LockStatistics: Sendable, Equatable {
    public var node: Int
    /// As the script wrote it; kernel locks are "#kernel" (big lock) or "#kernel K".
    public var name: String
    public var acquisitions: Int
    /// Acquisitions that found the lock held.
    public var contended: Int
    /// Time waiters spent spinning on it (CPU time, wasted).
    public var spinTime: SimTime
    /// Bus transactions it caused: one test-and-set per acquisition, one per
    /// `busTransaction` of test-and-set spinning, and one miss per
    /// test-and-test-and-set spinner at each release.
    public var busTransactions: Int
    /// Waiters that gave up their CPU and slept (each costs two context switches).
    public var blocks: Int
    public var holder: ProcessID?
}
