/// Lock, unlock and barrier steps. A lock is handed straight to the next
/// waiter when released: a spinner running on a CPU sees it first; else the
/// first blocked waiter (woken by an event now, never re-entering the
/// releasing process's step loop); else it stays free and a spinner that is
/// off its CPU takes it when it runs again. Locks are not reentrant: taking a
/// lock one holds, or releasing one not held, is a fault of the step (the
/// process ends there; the run reports it). A process that ends holding
/// locks releases them, so its waiters go on. A process that starts to wait
/// for a lock whose holders' chain leads back to it closes a deadlock, which
/// is recorded (Deadlock.swift); the processes stay blocked, as they would.
extension Simulation {
    /// Returns nil once the lock is taken (the process goes on), else what the process does while it waits.
    func lockStep(_ process: Int32, name: Int32, kind: LockKind) -> StepOutcome? {
        let s = scheduler
        let id = s.locks.lock(node: synchronisationNode(process), name: name)
        let holder = s.locks.locks[id].holder
        if holder == process { return stepFault(process, .relock, lock: name) }
        if holder < 0 {
            give(lock: id, to: process)
            s.locks.locks[id].acquisitions += 1
            s.locks.locks[id].transactions += 1
            s.table[process].pc += 1
            return nil
        }
        s.locks.locks[id].contended += 1
        s.locks.locks[id].waiters.append(process)
        switch kind {
        case .blocking:
            s.locks.locks[id].blocks += 1
            block(process, .lock, on: name)
            checkForDeadlock(process, waitingFor: id)
            return .blocked
        case .spin, .testAndTestAndSet:
            s.table[process].spinningOn = Int32(id)
            s.table[process].spinsTestAndSet = kind == .spin
            s.table[process].remaining = .never
            checkForDeadlock(process, waitingFor: id)
            return .compute
        case .spinThenBlock(let limit):
            guard limit > .zero else {
                s.locks.locks[id].blocks += 1
                block(process, .lock, on: name)
                checkForDeadlock(process, waitingFor: id)
                return .blocked
            }
            s.table[process].spinningOn = Int32(id)
            s.table[process].spinsTestAndSet = true
            s.table[process].remaining = limit
            checkForDeadlock(process, waitingFor: id)
            return .compute
        }
    }

    /// Returns nil once released, else the fault (the lock is not the process's).
    func unlockStep(_ process: Int32, name: Int32) -> StepOutcome? {
        let s = scheduler
        let id = s.locks.lock(node: synchronisationNode(process), name: name)
        guard s.locks.locks[id].holder == process else { return stepFault(process, .unlockNotHeld, lock: name) }
        s.table[process].pc += 1
        release(lock: id)
        return nil
    }

    /// `process` lets the lock go if it holds it (a kernel lock after a system call).
    func releaseLock(_ id: Int, by process: Int32) {
        guard scheduler.locks.locks[id].holder == process else { return }
        release(lock: id)
    }

    /// The holder lets the lock go: it is handed to a spinner on a CPU, else
    /// to the first sleeper. Each test-and-test-and-set spinner misses once
    /// on the line the release wrote.
    func release(lock id: Int) {
        let s = scheduler
        give(lock: id, to: -1)
        let waiters = s.locks.locks[id].waiters
        for waiter in waiters where s.table[waiter].spinningOn == Int32(id) && !s.table[waiter].spinsTestAndSet {
            s.locks.locks[id].transactions += 1
        }
        if let index = waiters.firstIndex(where: { s.table[$0].phase == .running }) {
            let spinner = s.locks.locks[id].waiters.remove(at: index)
            give(lock: id, to: spinner)
            let cpu = Int(s.table[spinner].cpu)
            scheduleSliceEnd(cpu, at: max(now, s.cpus[cpu].accountedTo + s.cpus[cpu].stallLeft))
        } else if let index = waiters.firstIndex(where: { s.table[$0].phase == .blocked }) {
            let sleeper = s.locks.locks[id].waiters.remove(at: index)
            give(lock: id, to: sleeper)
            s.locks.locks[id].acquisitions += 1
            s.locks.locks[id].transactions += 1
            s.table[sleeper].pc += 1
            schedule(.sched(.wake(process: sleeper)), at: now)
        }
    }

    /// Sets the lock's holder, keeping each process's count of locks held.
    func give(lock id: Int, to process: Int32) {
        let s = scheduler
        let holder = s.locks.locks[id].holder
        if holder >= 0 { s.table[holder].locksHeld -= 1 }
        s.locks.locks[id].holder = process
        if process >= 0 { s.table[process].locksHeld += 1 }
    }

    /// A process ends holding locks: each goes to its next waiter, or is free.
    func releaseLocks(of process: Int32) {
        let s = scheduler
        for id in s.locks.locks.indices where s.locks.locks[id].holder == process {
            s.locks.locks[id].waiters.removeAll { $0 == process }
            release(lock: id)
        }
    }

    /// The step cannot be taken: the fault is recorded for the run to report, and the process ends there.
    func stepFault(_ process: Int32, _ kind: StepFault.Kind, lock name: Int32) -> StepOutcome {
        let s = scheduler
        s.stepFaults.append(StepFault(process: ProcessID(process), time: now, kind: kind,
                                      lock: s.syncNames.indices.contains(Int(name)) ? s.syncNames[Int(name)] : "?"))
        finishProcess(process)
        return .finished(exited: true)
    }

    /// The slice of a spinning process ended: it takes the lock if it is free
    /// or was handed to it, blocks when its spin limit is up, else its quantum is.
    func spinSliceEnded(_ process: Int32, cpu: Int) {
        let s = scheduler
        let id = Int(s.table[process].spinningOn)
        let holder = s.locks.locks[id].holder
        if holder < 0 || holder == process {
            if holder < 0, let index = s.locks.locks[id].waiters.firstIndex(of: process) {
                s.locks.locks[id].waiters.remove(at: index)
            }
            if holder < 0 { give(lock: id, to: process) }
            s.locks.locks[id].acquisitions += 1
            s.locks.locks[id].transactions += 1
            s.table[process].spinningOn = -1
            s.table[process].remaining = .zero
            // A kernel lock is taken for the syscall step, which then runs; a lock step is done.
            if s.table[process].kernelLock == Int32(id) {
                s.table[process].inKernel = true
            } else {
                s.table[process].pc += 1
            }
            continueOnCPU(process, cpu: cpu)
        } else if s.table[process].remaining <= .zero {
            s.table[process].spinningOn = -1
            s.table[process].remaining = .zero
            s.locks.locks[id].blocks += 1
            block(process, .lock, on: s.locks.locks[id].name)
            leaveCPU(cpu, .blocked)
            chooseLater(cpu)
        } else {
            quantumExpired(process, cpu: cpu)
        }
    }

    /// Whether a spinning process sees its lock free (or handed to it) now.
    @inline(__always) func spinCanTakeLock(_ process: Int32) -> Bool {
        let s = scheduler
        let holder = s.locks.locks[Int(s.table[process].spinningOn)].holder
        return holder < 0 || holder == process
    }

    /// Returns whether the process passed the barrier (the last of its parties).
    func barrierStep(_ process: Int32, name: Int32, parties: Int32) -> Bool {
        let s = scheduler
        let id = s.barriers.barrier(node: synchronisationNode(process), name: name)
        guard s.barriers.barriers[id].waiting.count + 1 >= Int(parties) else {
            s.barriers.barriers[id].waiting.append(process)
            block(process, .barrier, on: name)
            return false
        }
        for waiter in s.barriers.barriers[id].waiting {
            s.table[waiter].pc += 1
            schedule(.sched(.wake(process: waiter)), at: now)
        }
        s.barriers.barriers[id].waiting.removeAll(keepingCapacity: true)
        s.barriers.barriers[id].generations += 1
        s.table[process].pc += 1
        return true
    }
}
