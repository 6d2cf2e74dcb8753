/// Transparency: a location-dependent kernel call (time of day, process ids, signals, some devices) is
/// answered by the process's home node. At home it is ordinary kernel work; away from home it is an RPC
/// to the home kernel, which does the work, while the process waits: a migrated process that makes many
/// such calls slows down, though its results are the same.
extension Simulation {
    /// The call step: nil when it took no time (the walk goes on), else what the process does now.
    func locationCallStep(_ process: Int32, _ call: LocationCall, cpu: SimTime, speed: Double) -> StepOutcome? {
        let s = scheduler
        let node = Int(s.table[process].node)
        let home = Int(migration.homes[process] ?? Int32(node))
        guard home != node else {
            // At home: the call is kernel work here, as a syscall step.
            let work = cpu.scaled(bySpeed: speed)
            guard work > .zero else {
                s.table[process].pc += 1
                return nil
            }
            s.table[process].kernelWork = true
            if let spinning = enterKernel(process) { return spinning }
            s.table[process].remaining = work
            s.table[process].memoryShare = 0
            return .compute
        }
        s.table[process].pc += 1
        let op = kernelRPC(from: node, to: home, requestBytes: 64, replyBytes: 64, service: cpu)
        switch operations[Int(op)].status {
        case .done, .failed:
            return nil
        case .queued, .running:
            migration.forwarded[op] = (process, now)
            block(process, .forwarded, on: -1)
            return .blocked
        }
    }

    /// The home node answered (or the call failed with it): the process goes on.
    func forwardedCallEnded(_ op: Int32) {
        guard let (process, since) = migration.forwarded.removeValue(forKey: op) else { return }
        if case .failed = operations[Int(op)].status { return homeCallFailed(process) }
        var counted = migration.forwardedCalls[process] ?? (0, .zero)
        counted.calls += 1
        counted.time += now - since
        migration.forwardedCalls[process] = counted
        logForwardedCall(process, since: since)
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .forwarded else { return }
        s.table[process].blockedTime += now - s.table[process].since
        s.table[process].blockKind = .none
        s.table[process].blockedOn = -1
        continueOffCPU(process, why: .woke)
    }

    /// A child created by a process running away from home belongs to that home, as its family and process id
    /// live there: its location-dependent calls go home, an eviction sends it home, a home crash kills it.
    func inheritHome(of parent: Int32, by child: Int32) {
        guard let home = migration.homes[parent], home != scheduler.table[parent].node else { return }
        migration.homes[child] = home
    }

    /// Calls the process forwarded to its home node, and the time it waited for their answers.
    public func forwardedCalls(of process: ProcessID) -> (calls: Int, time: SimTime) {
        migration.forwardedCalls[process.index] ?? (0, .zero)
    }
}
