/// Kernel work (`syscall` steps) under the node's OS organisation: bound
/// CPUs (private), the master's queue (master-slave), kernel locks (SMP).
extension Simulation {
    /// Private per-CPU OS: a new process is bound to the next CPU in turn.
    func bindToCPU(_ process: Int32, node: Int) -> Int {
        let s = scheduler
        let offset = Int(s.nodes[node].nextBinding)
        s.nodes[node].nextBinding = Int32((offset + 1) % Int(s.nodes[node].cpuCount))
        return Int(s.nodes[node].firstQueue) + offset
    }

    /// Master-slave: a process whose next burst belongs on the other side
    /// (kernel work on the master, user work on a slave) leaves its CPU and
    /// queues there. Returns whether it left.
    func movesForKernelWork(_ process: Int32, cpu: Int) -> Bool {
        let s = scheduler
        let onMaster = s.cpus[cpu].local == 0
        guard s.table[process].kernelWork != onMaster else { return false }
        leaveCPU(cpu, .moved)
        makeReady(process, why: .woke)
        dispatch(cpu: cpu)
        return true
    }

    /// The node has just become master-slave: a user burst running on the
    /// master and kernel work running on a slave leave their CPUs now, as at
    /// a burst's end (slice ended `moved`); one whose switch-in is under way
    /// leaves when the switch ends (`sliceEnded` sees the wrong side).
    func moveToMasterSlaveSides(_ slot: Int) {
        let s = scheduler
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 {
            let process = s.cpus[cpu].current
            guard onWrongSide(process, cpu: cpu) else { continue }
            if now < s.cpus[cpu].accountedTo {
                scheduleSliceEnd(cpu, at: s.cpus[cpu].accountedTo)
            } else {
                _ = movesForKernelWork(process, cpu: cpu)
            }
        }
    }

    /// Master-slave: `process`, in the middle of a burst (not spinning), runs
    /// on the side it does not belong to (only after the organisation changed).
    @inline(__always) func onWrongSide(_ process: Int32, cpu: Int) -> Bool {
        let s = scheduler
        return s.table[process].spinningOn < 0 && s.table[process].remaining > .zero
            && s.table[process].kernelWork != (s.cpus[cpu].local == 0)
    }

    /// A V IPC step (send, receive, reply, moveto, movefrom) is a kernel call:
    /// under master-slave it is taken on the master (a process on a slave
    /// first moves there, with no burst: the step takes no time), under kernel
    /// locks holding its kernel lock (spinning for it first if it is held;
    /// the step's caller lets it go as soon as the step is taken, blocked or
    /// not). Returns nil when the step may be taken now. Private per-CPU and
    /// lock-free kernels take it where the process runs, as before.
    @inline(__always) func enterKernelForIPC(_ process: Int32) -> StepOutcome? {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.table[process].node)])
        if s.nodes[slot].masterSlave {
            let cpu = Int(s.table[process].cpu)
            guard cpu >= 0, s.cpus[cpu].local != 0 else { return nil }
            s.table[process].kernelWork = true
            s.table[process].remaining = .zero
            s.table[process].stepsPending = true
            return .compute
        }
        guard !s.nodes[slot].kernelLockNames.isEmpty else { return nil }
        return enterKernel(process)
    }

    /// Before a syscall's work, on an SMP node with kernel locks: takes the
    /// process's kernel lock (nil: taken, go on), else spins for it
    /// (test-and-set, as a kernel spin lock does).
    func enterKernel(_ process: Int32) -> StepOutcome? {
        let s = scheduler
        guard !s.table[process].inKernel else { return nil }
        let slot = Int(s.nodeSlot[Int(s.table[process].node)])
        let names = s.nodes[slot].kernelLockNames
        guard !names.isEmpty else { return nil }
        let name = names[Int(process) % names.count]
        let id = s.locks.lock(node: s.table[process].node, name: name)
        s.table[process].kernelLock = Int32(id)
        let holder = s.locks.locks[id].holder
        if holder < 0 || holder == process {
            give(lock: id, to: process)
            s.locks.locks[id].acquisitions += 1
            s.locks.locks[id].transactions += 1
            s.table[process].inKernel = true
            return nil
        }
        s.locks.locks[id].contended += 1
        s.locks.locks[id].waiters.append(process)
        s.table[process].spinningOn = Int32(id)
        s.table[process].spinsTestAndSet = true
        s.table[process].remaining = .never
        return .compute
    }

    /// The syscall's work is done: its kernel lock goes to the next waiter.
    func leaveKernel(_ process: Int32) {
        let s = scheduler
        let id = Int(s.table[process].kernelLock)
        s.table[process].inKernel = false
        s.table[process].kernelLock = -1
        if id >= 0 { releaseLock(id, by: process) }
    }

    /// Spinning time goes to the lock's statistics too.
    @inline(__always) func chargeSpin(_ process: Int32, _ spun: SimTime) {
        let s = scheduler
        let id = Int(s.table[process].spinningOn)
        s.locks.locks[id].spinTime += spun
        if s.table[process].spinsTestAndSet { s.locks.locks[id].testAndSetSpin += spun }
    }
}
