/// What `idleCPU` found.
enum IdleCPU {
    case free(Int)
    case pending
    case none
}

/// The dispatch path: run queues, CPUs, slices and their accounting. This is
/// the hot path of a scheduled workload: it touches plain-data records in
/// place and calls the queue's policy, and allocates nothing.
extension Simulation {
    /// A process becomes ready: onto a run queue, then an idle CPU that may
    /// take it is told to pick its next process once every arrival of this
    /// instant is in (so simultaneous arrivals are ordered by the policy, not by
    /// which came first); with no idle CPU, a preemptive policy may take a CPU
    /// from a process it likes less.
    func makeReady(_ process: Int32, why: ReadyReason) {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.table[process].node)])
        if s.nodes[slot].chargesBeforeAdmitting {
            for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 { settle(cpu) }
        }
        let (queue, node) = enqueueReady(process, why: why)
        switch idleCPU(for: queue, node: node, preferring: Int(s.table[process].lastCPU)) {
        case .free(let cpu):
            chooseLater(cpu)
            if s.policies[queue].isPreemptive { s.newcomers.append(process) }
        case .pending:
            if s.policies[queue].isPreemptive { s.newcomers.append(process) }
        case .none:
            // Whether it preempts is decided once the instant's CPUs have chosen: one may free meanwhile.
            if s.policies[queue].isPreemptive {
                s.newcomers.append(process)
                postChoice()
            }
            if s.nodes[node].agesWaiting { armAgingCheck(queue: queue, node: node) }
        }
        runQueueChanged(node: s.table[process].node, finished: -1)
    }

    /// Puts a ready process on its run queue; returns the queue and the node's slot.
    @inline(__always) func enqueueReady(_ process: Int32, why: ReadyReason) -> (queue: Int, node: Int) {
        let s = scheduler
        let node = Int(s.nodeSlot[Int(s.table[process].node)])
        s.table[process].phase = .ready
        s.table[process].since = now
        let queue = chooseQueue(for: process, node: node)
        s.table[process].queue = Int32(queue)
        changeQueueLength(queue, by: 1)
        s.policies[queue].enqueue(ProcessID(process), why: why, table: s.table, now: now)
        if let period = s.nodes[node].boostPeriod, !s.nodes[node].boostArmed { armBoost(node, period) }
        return (queue, node)
    }

    /// An idle CPU picks its next process once every event of this instant
    /// is in: a process that wakes or arrives at the same instant competes for
    /// it, whichever event was posted first.
    @inline(__always) func chooseLater(_ cpu: Int) {
        let s = scheduler
        s.cpus[cpu].dispatchPending = true
        s.choosing.append(Int32(cpu))
        postChoice()
    }

    /// Queues the choose event of this instant, unless it is queued already.
    @inline(__always) func postChoice() {
        let s = scheduler
        guard !s.choicePosted else { return }
        s.choicePosted = true
        schedule(.sched(.choose), at: now)
    }

    /// The choose event: if other events of this instant are still queued it
    /// goes behind them; else the waiting CPUs take work: those of a shared
    /// queue as `assignSharedQueue` says, the others in the order they freed.
    func chooseNow() {
        let s = scheduler
        if queue.nextTime == now {
            schedule(.sched(.choose), at: now)
            return
        }
        // Newcomers first (arrivals came as their events), then the quanta that ended at this instant.
        wakeTimedWaits()
        s.choicePosted = false
        expireQuantaInCPUOrder()
        for index in s.choosing.indices {
            let cpu = Int(s.choosing[index])
            s.cpus[cpu].dispatchPending = false
            if s.cpus[cpu].preemptAtChoose {
                // Preempted by a newcomer of this instant: it queues behind every newcomer of the instant,
                // as a process whose quantum ends at an arrival's instant does (Silberschatz).
                let running = s.cpus[cpu].current
                leaveCPU(cpu, .preempted)
                _ = enqueueReady(running, why: .preempted)
            }
        }
        // Each CPU takes from its own queue first; only then do idle ones steal.
        for index in s.choosing.indices {
            let cpu = Int(s.choosing[index])
            guard s.cpus[cpu].current < 0 else { continue }
            let node = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
            if s.nodes[node].queueLayout == .shared && !s.nodes[node].gangNode {
                assignSharedQueue(Int(s.cpus[cpu].queue), node: node)
            } else {
                dispatch(cpu: cpu, stealing: false)
            }
        }
        for index in s.choosing.indices {
            let cpu = Int(s.choosing[index])
            if s.cpus[cpu].current < 0 { dispatch(cpu: cpu) }
            releaseHeldSlice(cpu)
        }
        s.choosing.removeAll()
        // A newcomer the idle CPUs left waiting preempts as if no CPU had been idle.
        for index in s.newcomers.indices {
            let process = s.newcomers[index]
            guard s.table[process].phase == .ready else { continue }
            preemptIfBetter(process, queue: Int(s.table[process].queue),
                            node: Int(s.nodeSlot[Int(s.table[process].node)]), atOnce: true)
        }
        s.newcomers.removeAll()
        preemptByAging()
    }

    /// The quanta that ended at this instant, each node's lowest-numbered CPU
    /// first: a process goes to the back of its queue if anyone waits there now,
    /// newcomers of the instant included; otherwise it starts a new quantum on its CPU.
    @inline(__always) func expireQuantaInCPUOrder() {
        let s = scheduler
        for index in s.choosing.indices {
            let first = Int(s.choosing[index])
            guard s.cpus[first].expiresAtChoose else { continue }
            // The first expiry seen on a node takes the node's in CPU order; the others find theirs done.
            let node = Int(s.nodeSlot[Int(s.cpus[first].node)])
            for cpu in s.nodes[node].cpus where s.cpus[cpu].expiresAtChoose {
                s.cpus[cpu].expiresAtChoose = false
                let process = s.cpus[cpu].current
                let queue = Int(s.cpus[cpu].queue)
                if s.queues[queue].length > 0 {
                    leaveCPU(cpu, .quantum)
                    _ = enqueueReady(process, why: .quantumExpired)
                } else {
                    let quantum = s.policies[queue].quantum(for: ProcessID(process), table: s.table)
                    s.cpus[cpu].quantumEnd = quantum == .never ? .never : now + quantum
                    cpuWorkChanged(cpu, slot: node)
                }
            }
        }
    }

    /// The idle CPUs of a shared queue take its processes, best first: each goes
    /// to the CPU it last ran on if that one is idle (soft affinity), else to
    /// the lowest-numbered idle CPU (docs/COST-MODEL.md, "Which CPU").
    func assignSharedQueue(_ queue: Int, node: Int) {
        let s = scheduler
        let owner = Int32(queue)
        while s.queues[queue].length > 0,
              let lowest = s.nodes[node].cpus.first(where: { s.cpus[$0].current < 0 && s.cpus[$0].queue == owner }),
              let next = s.policies[queue].dequeue(table: s.table, now: now) {
            changeQueueLength(queue, by: -1)
            let last = Int(s.table[next.index].lastCPU)
            let home = s.nodes[node].cpus.contains(last) && s.cpus[last].current < 0 && s.cpus[last].queue == owner
            start(next.index, on: home ? last : lowest, from: queue)
        }
    }

    /// The queue a ready process joins: the node's one queue, or the queue of
    /// the CPU it last ran on (affinity), else the shortest.
    @inline(__always) func chooseQueue(for process: Int32, node: Int) -> Int {
        let s = scheduler
        let first = Int(s.nodes[node].firstQueue)
        guard s.nodes[node].queueCount > 1 else { return first }
        if s.nodes[node].gangNode { return gangQueue(for: process, node: node) }
        if s.nodes[node].masterSlave { return first + (s.table[process].kernelWork ? 0 : 1) }
        let last = Int(s.table[process].lastCPU)
        if last >= 0 { return Int(s.cpus[last].queue) }
        if s.nodes[node].privateOS { return bindToCPU(process, node: node) }
        var best = first
        var bestLoad = Int.max
        for queue in s.nodes[node].queues {
            let cpu = Int(s.nodes[node].firstCPU) + queue - first
            let load = Int(s.queues[queue].length) + (s.cpus[cpu].current >= 0 ? 1 : 0)
            if load < bestLoad {
                best = queue
                bestLoad = load
            }
        }
        return best
    }

    /// An idle CPU that takes work from `queue` (the preferred one if idle),
    /// or `.pending` when such CPUs are idle but already about to pick.
    @inline(__always) func idleCPU(for queue: Int, node: Int, preferring: Int) -> IdleCPU {
        let s = scheduler
        let layout = s.nodes[node].queueLayout
        var pending = false
        if layout == .shared || layout == .perCPU(stealing: true) {
            // Master-slave has two queues, each with its own CPUs; otherwise any CPU may take the work.
            let any = !s.nodes[node].masterSlave
            if preferring >= 0, s.nodes[node].cpus.contains(preferring), s.cpus[preferring].current < 0,
               !s.cpus[preferring].dispatchPending, any || s.cpus[preferring].queue == Int32(queue) {
                return .free(preferring)
            }
            for cpu in s.nodes[node].cpus where s.cpus[cpu].current < 0
                && (any || s.cpus[cpu].queue == Int32(queue)) {
                if !s.cpus[cpu].dispatchPending { return .free(cpu) }
                pending = true
            }
            return pending ? .pending : .none
        }
        let offset = queue - Int(s.nodes[node].firstQueue)
        // A gang node's queue of jobs waiting for CPUs has no CPU of its own.
        guard offset < Int(s.nodes[node].cpuCount) else { return .none }
        let owner = Int(s.nodes[node].firstCPU) + offset
        guard s.cpus[owner].current < 0 else { return .none }
        return s.cpus[owner].dispatchPending ? .pending : .free(owner)
    }

    /// Keeps the time-weighted queue length up to date.
    @inline(__always) func changeQueueLength(_ queue: Int, by delta: Int32) {
        let s = scheduler
        let elapsed = now - s.queues[queue].lastChange
        s.queues[queue].area += Double(s.queues[queue].length) * Double(elapsed.nanoseconds)
        s.queues[queue].lastChange = now
        s.queues[queue].length += delta
    }

    /// Puts the next process on an idle CPU, if there is one to run.
    func dispatch(cpu: Int, stealing: Bool = true) {
        guard let (process, queue) = takeWork(for: cpu, stealing: stealing) else { return }
        start(process, on: cpu, from: queue)
    }

    /// The next process for `cpu` and the queue it came from: its own queue,
    /// else (work stealing, if `stealing`) the node's longest queue.
    @inline(__always) func takeWork(for cpu: Int, stealing: Bool) -> (process: Int32, queue: Int)? {
        let s = scheduler
        let queue = Int(s.cpus[cpu].queue)
        if s.queues[queue].length > 0, let next = s.policies[queue].dequeue(table: s.table, now: now) {
            changeQueueLength(queue, by: -1)
            return (next.index, queue)
        }
        let node = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        guard stealing && s.nodes[node].stealing else { return nil }
        var victim = -1
        for other in s.nodes[node].queues where s.queues[other].length > 0 {
            if victim < 0 || s.queues[other].length > s.queues[victim].length { victim = other }
        }
        guard victim >= 0, let stolen = s.policies[victim].steal(table: s.table, now: now) else { return nil }
        changeQueueLength(victim, by: -1)
        return (stolen.index, victim)
    }

    /// Puts `process` on the idle `cpu`: a context switch if the CPU last ran
    /// another process, a cache reload if the process last ran elsewhere.
    func start(_ process: Int32, on cpu: Int, from queue: Int) {
        let s = scheduler
        let node = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        // Taking a process off a queue holds the queue's lock: CPUs that dispatch at once wait their turn.
        var ready = now
        let lockHold = s.nodes[node].options.queueLock
        if lockHold > .zero {
            ready = max(now, s.queues[queue].lockFreeAt) + lockHold
            s.queues[queue].lockFreeAt = ready
            s.cpus[cpu].queueLockTime += ready - now
        }
        var switchCost = SimTime.zero
        let last = s.cpus[cpu].lastProcess
        if last >= 0 && last != process {
            switchCost = s.nodes[node].contextSwitch
            s.cpus[cpu].contextSwitches += 1
            s.cpus[cpu].switchTime += switchCost
            s.table[process].contextSwitches += 1
        }
        var reload = SimTime.zero
        let lastCPU = s.table[process].lastCPU
        if lastCPU >= 0 && lastCPU != Int32(cpu) {
            reload = s.nodes[node].options.cacheReload
            s.cpus[cpu].reloadTime += reload
            s.table[process].cacheReloads += 1
        }
        let begin = ready + switchCost
        s.table[process].waitTime += begin - s.table[process].since
        s.table[process].phase = .running
        s.table[process].cpu = Int32(cpu)
        s.table[process].lastCPU = Int32(cpu)
        s.table[process].queue = -1
        s.cpus[cpu].current = process
        s.cpus[cpu].lastProcess = process
        s.cpus[cpu].sliceStart = begin
        s.cpus[cpu].accountedTo = begin
        s.cpus[cpu].reloadLeft = reload
        s.cpus[cpu].kernelLeft = kernelWorkAhead(cpu)
        if s.cpus[cpu].heldProcess == process && begin == now {
            // Put straight back on the CPU it just left: it never lost the CPU, so one slice goes on.
            s.cpus[cpu].sliceStart = s.cpus[cpu].heldStart
            s.cpus[cpu].heldProcess = -1
        } else {
            releaseHeldSlice(cpu)
            s.table[process].dispatches += 1
            s.cpus[cpu].dispatches += 1
            s.dispatchCount += 1
        }
        let quantum = s.policies[Int(s.cpus[cpu].queue)].quantum(for: ProcessID(process), table: s.table)
        s.cpus[cpu].quantumEnd = quantum == .never ? .never : begin + quantum
        if s.nodes[node].modelsMemory { placeMemory(process, cpu: cpu, slot: node) }
        cpuWorkChanged(cpu, slot: node)
        if s.nodes[node].agesWaiting { armAgingCheck(queue: Int(s.cpus[cpu].queue), node: node) }
    }

    /// (Re)schedules the end of the running slice: the burst's end or the
    /// quantum's, whichever comes first. Any earlier pending end goes stale.
    @inline(__always) func scheduleSliceEnd(_ cpu: Int, at time: SimTime? = nil) {
        let s = scheduler
        let process = s.cpus[cpu].current
        let from = max(now, s.cpus[cpu].accountedTo)
        let run = realTime(for: s.table[process].remaining, rate: s.cpus[cpu].rate)
        let burstEnd = from + s.cpus[cpu].stallLeft + run
        if time == nil { s.cpus[cpu].burstEnd = burstEnd }
        var end = time ?? min(s.cpus[cpu].quantumEnd, burstEnd)
        if time == nil, s.table[process].space >= 0 { end = min(end, pagingBound(process, cpu: cpu, from: from)) }
        // A spinner that finds its lock free takes it as soon as it runs.
        if time == nil, s.table[process].spinningOn >= 0, spinCanTakeLock(process) {
            end = from + s.cpus[cpu].stallLeft
        }
        // Under gang scheduling a burst is planned no further than its slot's end (`gangSlotBound`).
        let slotBound = time == nil && s.table[process].spinningOn < 0 ? gangSlotBound(cpu) : .never
        s.cpus[cpu].slotBoundEnd = slotBound < end ? slotBound : .never
        end = min(end, slotBound)
        s.cpus[cpu].epoch &+= 1
        schedule(.sched(.sliceEnd(cpu: Int32(cpu), epoch: s.cpus[cpu].epoch)), at: end)
    }

    /// Charges the running process for its time on `cpu` up to now: kernel
    /// work and reload first, then burst progress (or spinning).
    @inline(__always) func settle(_ cpu: Int) {
        let s = scheduler
        let from = s.cpus[cpu].accountedTo
        guard now > from else { return }
        var elapsed = now - from
        let process = s.cpus[cpu].current
        if s.cpus[cpu].kernelLeft > .zero {
            // Kernel work on this CPU comes first and is not the process's time (Simulation+KernelService).
            let kernel = min(s.cpus[cpu].kernelLeft, elapsed)
            s.cpus[cpu].kernelLeft = s.cpus[cpu].kernelLeft - kernel
            s.cpus[cpu].kernelTime += kernel
            s.cpus[cpu].accountedTo = from + kernel
            elapsed = elapsed - kernel
            guard elapsed > .zero else { return }
        }
        // It first runs when it first gets CPU time: one preempted the instant its switch-in ends has not run.
        if s.table[process].firstRun == .never { s.table[process].firstRun = now - elapsed }
        let reload = min(s.cpus[cpu].reloadLeft, elapsed)
        s.cpus[cpu].reloadLeft = s.cpus[cpu].reloadLeft - reload
        let work = elapsed - reload
        let rate = s.cpus[cpu].rate
        let done = rate == 1 ? work : progress(in: work, rate: rate, remaining: s.table[process].remaining,
                                               complete: now >= s.cpus[cpu].burstEnd)
        s.table[process].remaining = s.table[process].remaining - done
        if s.table[process].space >= 0 { referencesWorked(process, done) }
        if s.table[process].spinningOn >= 0 {
            s.table[process].spinTime += work
            s.cpus[cpu].spinTime += work
            chargeSpin(process, work)
        }
        s.table[process].cpuTime += elapsed
        s.cpus[cpu].busy += elapsed
        s.cpus[cpu].accountedTo = now
        s.policies[Int(s.cpus[cpu].queue)].charge(ProcessID(process), ran: elapsed, table: s.table)
    }

    /// The running process leaves `cpu` (already settled); the slice goes on the timeline.
    /// A slice that ends by quantum or preemption is held until the CPU
    /// chooses: if it picks the same process again, the slice goes on and
    /// nothing was preempted.
    @inline(__always) func leaveCPU(_ cpu: Int, _ ending: SliceEnding) {
        let s = scheduler
        let process = s.cpus[cpu].current
        if ending == .preempted || ending == .quantum {
            s.cpus[cpu].heldProcess = process
            s.cpus[cpu].heldStart = s.cpus[cpu].sliceStart
            s.cpus[cpu].heldEnd = now
            s.cpus[cpu].heldPreempted = ending == .preempted
        } else {
            recordSlice(cpu, process: process, start: s.cpus[cpu].sliceStart, end: now, ending: ending)
        }
        s.cpus[cpu].current = -1
        s.cpus[cpu].preemptPending = false
        s.cpus[cpu].preemptAtChoose = false
        s.cpus[cpu].expiresAtChoose = false
        s.cpus[cpu].kernelLeft = .zero
        s.cpus[cpu].epoch &+= 1
        s.cpus[cpu].rate = 1
        s.table[process].cpu = -1
        let slot = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        if s.nodes[slot].modelsMemory { cpuWorkChanged(cpu, slot: slot) }
        runQueueChanged(node: s.cpus[cpu].node, finished: ending == .done || ending == .exit ? process : -1)
    }

    @inline(__always) func recordSlice(_ cpu: Int, process: Int32, start: SimTime, end: SimTime,
                                       ending: SliceEnding) {
        let s = scheduler
        guard s.timeline.count < s.timelineLimit else {
            s.timelineDropped += 1
            s.timelineDroppedFrom = min(s.timelineDroppedFrom, start)
            return
        }
        s.timeline.append(TimelineSlice(node: Int(s.cpus[cpu].node), cpu: Int(s.cpus[cpu].local),
                                        process: ProcessID(process), start: start, end: end, ending: ending))
    }

    /// The held slice of `cpu` ends for good: on the timeline, and its process was preempted.
    @inline(__always) func releaseHeldSlice(_ cpu: Int) {
        let s = scheduler
        let process = s.cpus[cpu].heldProcess
        guard process >= 0 else { return }
        s.cpus[cpu].heldProcess = -1
        s.cpus[cpu].preemptions += 1
        s.table[process].preemptions += 1
        recordSlice(cpu, process: process, start: s.cpus[cpu].heldStart, end: s.cpus[cpu].heldEnd,
                    ending: s.cpus[cpu].heldPreempted ? .preempted : .quantum)
    }

    /// A preemptive policy: `process` takes the CPU of the worst running
    /// process it beats, among the CPUs that take from its queue. `atOnce`, at
    /// the end of an instant: the CPU goes to the best waiting process now, so
    /// the next newcomer weighs what then runs there.
    /// Returns whether it took a CPU at once.
    @discardableResult
    func preemptIfBetter(_ process: Int32, queue: Int, node: Int, atOnce: Bool = false) -> Bool {
        let s = scheduler
        let policy = s.policies[queue]
        var victim = -1
        for cpu in s.nodes[node].cpus where s.cpus[cpu].queue == Int32(queue) && s.cpus[cpu].current >= 0
            && !s.cpus[cpu].preemptAtChoose && !s.cpus[cpu].expiresAtChoose {
            settle(cpu)
            // A burst that ends at this very instant leaves nothing to preempt.
            let running = s.cpus[cpu].current
            if s.table[running].remaining <= .zero && s.table[running].spinningOn < 0 { continue }
            if victim < 0 || policy.shouldPreempt(running: ProcessID(s.cpus[cpu].current),
                                                  by: ProcessID(s.cpus[victim].current), table: s.table, now: now) {
                victim = cpu
            }
        }
        guard victim >= 0 else { return false }
        let running = s.cpus[victim].current
        guard policy.shouldPreempt(running: ProcessID(running), by: ProcessID(process), table: s.table, now: now)
        else { return false }
        // A switch or cache reload under way is not cut short: the preemption waits for its end.
        let overheadEnd = s.cpus[victim].accountedTo + s.cpus[victim].stallLeft
        if now < overheadEnd {
            s.cpus[victim].preemptPending = true
            scheduleSliceEnd(victim, at: overheadEnd)
            return false
        }
        guard atOnce else {
            preempt(victim)
            return false
        }
        leaveCPU(victim, .preempted)
        _ = enqueueReady(running, why: .preempted)
        dispatch(cpu: victim, stealing: false)
        releaseHeldSlice(victim)
        return true
    }

    /// The running process (settled) goes back to its queue once every event
    /// of this instant is in; the CPU then takes the best waiting process,
    /// which may be the same one.
    func preempt(_ cpu: Int) {
        scheduler.cpus[cpu].preemptAtChoose = true
        chooseLater(cpu)
    }

    /// A slice's end event: the burst is done, the quantum is up, or a spin ends.
    func sliceEnded(cpu: Int, epoch: UInt32) {
        let s = scheduler
        guard s.cpus[cpu].epoch == epoch, s.cpus[cpu].current >= 0 else { return }
        let process = s.cpus[cpu].current
        settle(cpu)
        let preemptPending = s.cpus[cpu].preemptPending
        s.cpus[cpu].preemptPending = false
        let spinning = s.table[process].spinningOn >= 0
        // Only after a change to master-slave mid-burst: the burst goes on on the right side.
        if s.cpus[cpu].local == 0 || s.table[process].kernelWork,
           s.nodes[Int(s.nodeSlot[Int(s.cpus[cpu].node)])].masterSlave, onWrongSide(process, cpu: cpu),
           movesForKernelWork(process, cpu: cpu) {
            return
        }
        if preemptPending && (spinning || s.table[process].remaining > .zero) {
            preempt(cpu)
        } else if spinning {
            spinSliceEnded(process, cpu: cpu)
        } else if s.table[process].untilFault <= .zero, s.table[process].remaining > .zero,
                  pageFaultReached(process, cpu: cpu) {
            // A page fault or a batch of references planned (Processes/Simulation+PageFaults.swift).
        } else if s.table[process].remaining <= .zero {
            s.table[process].remaining = .zero
            if s.table[process].inKernel { leaveKernel(process) }
            // Dispatched to take instant steps, or back to take more: it has no burst to step past.
            if s.table[process].stepsPending {
                s.table[process].stepsPending = false
                if s.table[process].firstRun == .never { s.table[process].firstRun = now }
            } else {
                s.table[process].pc += 1
            }
            continueOnCPU(process, cpu: cpu)
        } else if s.cpus[cpu].slotBoundEnd <= now && now < s.cpus[cpu].quantumEnd {
            // Planned to its gang slot's end, and no slot switch took it off: the burst goes on.
            scheduleSliceEnd(cpu)
        } else {
            quantumExpired(process, cpu: cpu)
        }
    }

    /// The quantum is up: once every event of this instant is in, the process
    /// goes to the back of the queue if anyone waits for this CPU; otherwise it
    /// starts a new quantum, with no switch (`expireQuantaInCPUOrder`).
    func quantumExpired(_ process: Int32, cpu: Int) {
        let s = scheduler
        guard !s.cpus[cpu].expiresAtChoose else { return }
        s.cpus[cpu].expiresAtChoose = true
        chooseLater(cpu)
    }

    /// The process on `cpu` takes its next steps; it keeps the CPU for the
    /// next burst if its quantum lasts.
    func continueOnCPU(_ process: Int32, cpu: Int) {
        switch advance(process) {
        case .compute:
            let slot = Int(scheduler.nodeSlot[Int(scheduler.cpus[cpu].node)])
            if scheduler.nodes[slot].masterSlave, movesForKernelWork(process, cpu: cpu) { return }
            if scheduler.nodes[slot].gangNode, alternateMustYield(cpu) { return preempt(cpu) }
            if now < scheduler.cpus[cpu].quantumEnd {
                cpuWorkChanged(cpu, slot: slot)
            } else {
                quantumExpired(process, cpu: cpu)
            }
        case .blocked:
            // A DSM fault ends its slice as a page fault does (DSM/Simulation+DSMFaultLog.swift).
            leaveCPU(cpu, waitsOnDSMFault(process) ? .fault : .blocked)
            chooseLater(cpu)
        case .finished(let exited):
            leaveCPU(cpu, exited ? .exit : .done)
            chooseLater(cpu)
        case .needsCPU:
            break
        case .yielded:
            // It keeps the CPU and goes on at this instant, in an event of its own.
            scheduler.table[process].remaining = .zero
            scheduler.table[process].stepsPending = true
            scheduleSliceEnd(cpu, at: now)
        }
    }

    /// A process not on a CPU goes on: a burst, or a step it takes only on a
    /// CPU (fork, lock, I/O …), makes it ready; it takes that step once dispatched.
    /// So does a long run of instant steps, which it goes on with once dispatched.
    func continueOffCPU(_ process: Int32, why: ReadyReason) {
        // A migration waits for this point to freeze it (Migration/Simulation+MigrationFreeze.swift).
        if scheduler.table[process].migrationPending, freezeAtSafePoint(process, why: why) { return }
        switch advance(process, onCPU: false) {
        case .compute:
            makeReady(process, why: why)
        case .needsCPU, .yielded:
            scheduler.table[process].remaining = .zero
            scheduler.table[process].stepsPending = true
            makeReady(process, why: why)
        case .finished:
            // It ended off a CPU (its last step a file operation): its node has one process fewer all the same.
            runQueueChanged(node: scheduler.table[process].node, finished: process)
        case .blocked:
            break
        }
    }
}
