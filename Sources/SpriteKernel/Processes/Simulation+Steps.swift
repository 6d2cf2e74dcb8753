/// What a process's instant steps left it doing.
enum StepOutcome {
    /// It has a burst (or a spin) to run: it needs a CPU.
    case compute
    /// It waits for a timer, a device, a lock or a barrier.
    case blocked
    /// It ended: `exited` by an `exit` step, else at the end of its program.
    case finished(exited: Bool)
    /// Off a CPU, it reached a step a process takes only while it runs (fork, lock, I/O …).
    case needsCPU
    /// It took `instantStepBudget` steps that take no time: it goes on in a
    /// later event at the same instant, so the run loop's checks still come.
    case yielded
}

/// Steps that take no time (lock, unlock, signal, fork …) one event may take
/// before the process goes on in another event at the same instant: a loop of
/// such steps is then bounded by the events limit and the wall-clock checks.
/// Usage is checked every memory/64 events at most, and a step adds at most one
/// record (a queued message), so 64 keeps a run under twice its memory limit.
let instantStepBudget = 64

/// Walking a process's program: steps that take no time run at once, in
/// order, until one needs a CPU, blocks, or ends the process. A process takes
/// a step only while it holds a CPU (a fork happens when the parent runs): off
/// a CPU it walks only loop markers and empty bursts, and stops at any other step.
extension Simulation {
    func advance(_ process: Int32, onCPU: Bool = true) -> StepOutcome {
        let s = scheduler
        // A declared process's burst ended: its next steps come from its step queue.
        if s.table[process].kind == .declared { return declaredBurstEnded(process, onCPU: onCPU) }
        let program = Int(s.table[process].program)
        let speed = nodes[Int(s.table[process].node)].spec.speed
        var budget = instantStepBudget
        while true {
            budget -= 1
            if budget < 0 { return .yielded }
            let pc = Int(s.table[process].pc)
            guard pc < s.programs[program].steps.count else {
                finishProcess(process)
                return .finished(exited: false)
            }
            let step = s.programs[program].steps[pc]
            if !onCPU && step.needsCPU { return .needsCPU }
            switch step {
            case .compute(let duration, let share):
                if followsDSMPattern(process) {
                    if let outcome = dsmComputeStep(process, duration: duration, share: share, speed: speed) {
                        return outcome
                    }
                    continue
                }
                let work = duration.scaled(bySpeed: speed)
                if work > .zero {
                    s.table[process].remaining = work
                    s.table[process].memoryShare = share
                    s.table[process].kernelWork = false
                    return .compute
                }
                s.table[process].pc += 1
            case .syscall(let duration):
                let work = duration.scaled(bySpeed: speed)
                if work > .zero {
                    s.table[process].kernelWork = true
                    if let spinning = enterKernel(process) { return spinning }
                    s.table[process].remaining = work
                    s.table[process].memoryShare = 0
                    return .compute
                }
                s.table[process].pc += 1
            case .locationCall(let call, let cpu):
                // Made here at home, else forwarded to the home node (Migration/Simulation+HomeForwarding.swift).
                if let outcome = locationCallStep(process, call, cpu: cpu, speed: speed) { return outcome }
            case .io(let duration):
                s.table[process].pc += 1
                if duration > .zero { return blockFor(process, .io, duration) }
            case .sleep(let duration):
                s.table[process].pc += 1
                if duration > .zero { return blockFor(process, .timer, duration) }
            case .exit:
                finishProcess(process)
                return .finished(exited: true)
            case .pattern(let pattern):
                s.table[process].pc += 1
                leaveDSMPattern(process)
                followPattern(process, pattern)
            case .dsmPattern(let pattern):
                s.table[process].pc += 1
                followDSMPattern(process, pattern)
            case .repeatStart(let count, let end):
                if count == 0 {
                    s.table[process].pc = end + 1
                } else {
                    s.table.frames[Int(process)].append(LoopFrame(bodyStart: Int32(pc + 1), lapsLeft: count))
                    s.table[process].pc += 1
                }
            case .repeatEnd:
                let top = s.table.frames[Int(process)].count - 1
                s.table.frames[Int(process)][top].lapsLeft -= 1
                if s.table.frames[Int(process)][top].lapsLeft > 0 {
                    s.table[process].pc = s.table.frames[Int(process)][top].bodyStart
                } else {
                    s.table.frames[Int(process)].removeLast()
                    s.table[process].pc += 1
                }
            case .fork(let child, let shared):
                startChild(of: process, program: child, node: s.table[process].node, shared: shared)
                if let copy = takeForkCopyWork(process) { return copyForkedPages(process, work: copy) }
                s.table[process].pc += 1
            case .spawn(let child, let node):
                s.table[process].pc += 1
                startChild(of: process, program: child, node: node, shared: false)
            // Away from home these act on the home node's objects, by RPC (Simulation+SynchronisationHome.swift).
            case .lock(let name, let kind):
                if let outcome = forwardedHome(process) ?? lockStep(process, name: name, kind: kind) { return outcome }
            case .unlock(let name):
                if let outcome = forwardedHome(process) ?? unlockStep(process, name: name) { return outcome }
            case .signal(let name):
                if let outcome = forwardedHome(process) { return outcome }
                signalStep(process, name: name)
            case .wait(let name):
                if let outcome = forwardedHome(process) ?? waitStep(process, name: name) { return outcome }
            case .barrier(let name, let parties):
                if let outcome = forwardedHome(process) { return outcome }
                if !barrierStep(process, name: name, parties: parties) { return .blocked }
            case .send(let peer, let text, let wait):
                if let first = enterKernelForIPC(process) { return first }
                s.table[process].pc += 1
                let blocked = sendStep(process, peer: peer, text: text, wait: wait)
                if s.table[process].inKernel { leaveKernel(process) }
                if blocked { return .blocked }
            case .receive:
                if let first = enterKernelForIPC(process) { return first }
                s.table[process].pc += 1
                let blocked = receiveStep(process)
                if s.table[process].inKernel { leaveKernel(process) }
                if blocked { return .blocked }
            case .reply(let peer, let text):
                if let first = enterKernelForIPC(process) { return first }
                s.table[process].pc += 1
                replyStep(process, peer: peer, text: text)
                if s.table[process].inKernel { leaveKernel(process) }
            case .move(let peer, let bytes, let outward):
                if let first = enterKernelForIPC(process) { return first }
                s.table[process].pc += 1
                let blocked = moveStep(process, peer: peer, bytes: bytes, outward: outward)
                if s.table[process].inKernel { leaveKernel(process) }
                if blocked { return .blocked }
            case .file(let request):
                // A file operation is a system call: taken where the node's OS organisation takes them.
                if let first = enterKernelForIPC(process) { return first }
                s.table[process].pc += 1
                let blocked = fileStep(process, request: request)
                if s.table[process].inKernel { leaveKernel(process) }
                if blocked { return .blocked }
            case .dsmAccess, .dsmAcquire, .dsmRelease, .dsmBarrier:
                if let outcome = dsmStep(process, step, speed: speed) { return outcome }
            }
        }
    }

    /// Blocks on a timer or device for `duration`; a wake event ends it.
    func blockFor(_ process: Int32, _ kind: BlockKind, _ duration: SimTime) -> StepOutcome {
        block(process, kind, on: -1)
        schedule(.sched(.wake(process: process)), at: now + duration)
        return .blocked
    }

    func block(_ process: Int32, _ kind: BlockKind, on name: Int32) {
        let s = scheduler
        s.table[process].phase = .blocked
        s.table[process].blockKind = kind
        s.table[process].blockedOn = name
        s.table[process].since = now
    }

    func finishProcess(_ process: Int32) {
        let s = scheduler
        s.table[process].phase = .done
        s.table[process].finish = now
        s.table[process].remaining = .zero
        s.table[process].stepsPending = false
        s.table.frames[Int(process)].removeAll()
        s.liveProcesses -= 1
        if s.table[process].migrationPending { migratingProcessEnded(process) }
        if s.table[process].gangCell >= 0 { gangThreadFinished(process) }
        if s.table[process].locksHeld > 0 { releaseLocks(of: process) }
        if !sharedMemory.locks.locks.isEmpty { dsmProcessEnded(process, node: Int(s.table[process].node)) }
        closeFilesLeftOpen(by: process)
        if s.table[process].space >= 0 { releaseSpace(of: process) }
        processEnded(process)
        if s.table.ended.records == .summary { s.table.ended.waiting.append(process) }
    }

    /// A fork (same node; `shared`: a thread in the parent's sharing group)
    /// or a spawn on another node. The child arrives now, with the parent's
    /// priority and tickets, named ROOT.N after the first ancestor the script
    /// started (a chain of forks makes bomb.1, bomb.2 …, never bomb.1.1.1: names
    /// stay short however deep it goes). Past the process limit the child is not made.
    func startChild(of parent: Int32, program: Int32, node: Int32, shared: Bool) {
        let s = scheduler
        guard s.table.scriptProcessCount < s.processLimit else {
            s.refusedForks += 1
            return
        }
        let root = s.table[parent].root
        s.table[root].children += 1
        var name = s.table.names[Int(root)] + "." + String(s.table[root].children)
        if s.table.index[name] != nil { name += "#" + String(s.table.count) }
        let id = s.table.nextID
        var child = SimProcess(node: node, program: program, arrival: now, priority: s.table[parent].priority,
                               tickets: s.table[parent].tickets, expectedBurst: .zero,
                               group: shared ? s.table[parent].group : id)
        child.parent = parent
        child.root = root
        if shared { s.threadedGroups.insert(child.group) }
        let placed = place(child, name: name).index
        shareOpenFiles(of: parent, with: placed)
        inheritHome(of: parent, by: placed)
    }

    /// Adds a process to the table and its node, and schedules its arrival.
    @discardableResult
    func place(_ process: SimProcess, name: String) -> ProcessID {
        let s = scheduler
        let slot = ensureSchedulerNode(Int(process.node))
        var process = process
        if process.root < 0 { process.root = s.table.nextID }
        let id = s.table.add(process, name: name, depth: s.programs[Int(process.program)].maxDepth)
        s.nodes[slot].processes.append(id.index)
        if s.programs[Int(process.program)].space >= 0 || process.parent >= 0 { attachProgramSpace(id.index) }
        s.liveProcesses += 1
        schedule(.sched(.arrival(process: id.index)), at: process.arrival)
        return id
    }
}
