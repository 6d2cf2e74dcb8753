/// Declaring a node's scheduler and multiprocessor options, and reading the
/// timeline and per-CPU statistics.
extension Simulation {
    /// The scheduler of `node` from now on, with the cost of one context
    /// switch. Waiting processes move to the new policy in the order they
    /// would have run; a running process finishes its slice.
    public func setScheduler(_ kind: SchedulerKind, on node: Int, contextSwitch: SimTime = .zero)
        throws(KernelError) {
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        try kind.validate()
        guard contextSwitch >= .zero, !contextSwitch.isPastHorizon else { throw .invalidValue("switch") }
        let slot = ensureSchedulerNode(node)
        scheduler.nodes[slot].contextSwitch = contextSwitch
        scheduler.nodes[slot].kind = kind
        scheduler.nodes[slot].schedulerDeclared = true
        rebuildQueues(slot)
        restartQuanta(slot)
    }

    /// A new policy applies to the bursts already running too: each running
    /// process gets the new policy's quantum, counted from the change.
    func restartQuanta(_ slot: Int) {
        let s = scheduler
        guard !s.nodes[slot].gangNode else { return }
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 {
            settle(cpu)
            let process = ProcessID(s.cpus[cpu].current)
            let quantum = s.policies[Int(s.cpus[cpu].queue)].quantum(for: process, table: s.table)
            s.cpus[cpu].quantumEnd = quantum == .never ? .never : max(now, s.cpus[cpu].accountedTo) + quantum
            if !s.cpus[cpu].preemptPending { cpuWorkChanged(cpu, slot: slot) }
        }
    }

    /// How the CPUs of `node` share work and what a change of CPU costs.
    public func setMultiprocessor(_ options: MultiprocessorOptions, on node: Int) throws(KernelError) {
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        guard options.cacheReload >= .zero, !options.cacheReload.isPastHorizon else {
            throw .invalidValue("reload")
        }
        guard options.queueLock >= .zero, !options.queueLock.isPastHorizon else { throw .invalidValue("queue lock") }
        let cpus = nodes[node].spec.cpus
        try options.organisation.validate(cpus: cpus)
        try options.interconnect?.validate(cpus: cpus)
        guard options.busTransaction > .zero, !options.busTransaction.isPastHorizon else {
            throw .invalidValue("bus transaction")
        }
        let slot = ensureSchedulerNode(node)
        applyOrganisation(options, slot: slot)
        rebuildQueues(slot)
        if scheduler.nodes[slot].masterSlave { moveToMasterSlaveSides(slot) }
    }

    /// The scheduler of `node` (FCFS until one is set).
    public func scheduler(on node: Int) -> SchedulerKind {
        schedulerSlot(node).map { scheduler.nodes[$0].kind } ?? .fcfs
    }

    public func contextSwitchCost(on node: Int) -> SimTime {
        schedulerSlot(node).map { scheduler.nodes[$0].contextSwitch } ?? .zero
    }

    public func multiprocessorOptions(on node: Int) -> MultiprocessorOptions {
        schedulerSlot(node).map { scheduler.nodes[$0].options } ?? MultiprocessorOptions()
    }

    /// The most slices the timeline keeps (default 100,000); later slices
    /// are counted in `timelineDropped`. Zero keeps none.
    public var timelineLimit: Int {
        get { scheduler.timelineLimit }
        set { scheduler.timelineLimit = max(0, newValue) }
    }

    public var timelineDropped: Int { scheduler.timelineDropped }

    /// The earliest start of a slice that was not kept (`.never` if none
    /// was): every slice that started before it is on the timeline, so a CPU
    /// drawn idle before it was idle, and from it on may have run what was dropped.
    public var timelineCompleteUntil: SimTime { scheduler.timelineDroppedFrom }

    /// Processes put on a CPU, over every node.
    public var dispatchCount: Int64 { scheduler.dispatchCount }

    /// The slices of `node` (every node if nil) that overlap [from, to], in
    /// the order they ended, not clipped; slices running now come last, ending now.
    public func timeline(node: Int? = nil, from: SimTime = .zero, to: SimTime = .never) -> [TimelineSlice] {
        let s = scheduler
        var out = s.timeline.filter { (node == nil || $0.node == node) && $0.end >= from && $0.start <= to }
        for cpu in s.cpus.indices where s.cpus[cpu].current >= 0 && (node == nil || Int(s.cpus[cpu].node) == node) {
            let slice = TimelineSlice(node: Int(s.cpus[cpu].node), cpu: Int(s.cpus[cpu].local),
                                      process: ProcessID(s.cpus[cpu].current), start: s.cpus[cpu].sliceStart,
                                      end: max(now, s.cpus[cpu].sliceStart), ending: .running)
            if slice.end >= from && slice.start <= to { out.append(slice) }
        }
        return out
    }

    /// Per-CPU statistics of `node` from time zero to now (zeros for a node
    /// no process has run on). Time the running processes have run in their
    /// current slices counts.
    public func cpuStatistics(node: Int) -> [CPUStatistics] {
        guard nodes.indices.contains(node) else { return [] }
        guard let slot = schedulerSlot(node) else {
            return (0..<nodes[node].spec.cpus).map {
                CPUStatistics(node: node, cpu: $0, busy: .zero, switching: .zero, cacheReload: .zero,
                              spinning: .zero, queueLock: .zero, contextSwitches: 0, dispatches: 0, preemptions: 0,
                              averageRunQueue: 0, span: now)
            }
        }
        let s = scheduler
        return s.nodes[slot].cpus.map { cpu in
            let state = s.cpus[cpu]
            let running = state.current >= 0 && now > state.accountedTo ? now - state.accountedTo : .zero
            let queue = s.queues[Int(state.queue)]
            let area = queue.area + Double(queue.length) * Double((now - queue.lastChange).nanoseconds)
            return CPUStatistics(
                node: node, cpu: Int(state.local), busy: state.busy + running, switching: state.switchTime,
                cacheReload: state.reloadTime, spinning: state.spinTime, queueLock: state.queueLockTime,
                contextSwitches: Int(state.contextSwitches),
                dispatches: Int(state.dispatches), preemptions: Int(state.preemptions),
                averageRunQueue: now > .zero ? area / Double(now.nanoseconds) : 0, span: now)
        }
    }

    /// Processes waiting on each run queue of `node` (one entry when shared).
    public func runQueueLengths(node: Int) -> [Int] {
        guard let slot = schedulerSlot(node) else { return [0] }
        return scheduler.nodes[slot].queues.map { Int(scheduler.queues[$0].length) }
    }

    /// The process running on each CPU of `node`, nil where idle.
    public func runningProcesses(node: Int) -> [ProcessID?] {
        guard let slot = schedulerSlot(node) else {
            return nodes.indices.contains(node) ? Array(repeating: nil, count: nodes[node].spec.cpus) : []
        }
        return scheduler.nodes[slot].cpus.map {
            scheduler.cpus[$0].current >= 0 ? ProcessID(scheduler.cpus[$0].current) : nil
        }
    }

    func schedulerSlot(_ node: Int) -> Int? {
        let s = scheduler
        guard node >= 0, node < s.nodeSlot.count, s.nodeSlot[node] >= 0 else { return nil }
        return Int(s.nodeSlot[node])
    }

    /// The node's scheduler slot, made (FCFS, one shared queue) on first use.
    @discardableResult
    func ensureSchedulerNode(_ node: Int) -> Int {
        if let slot = schedulerSlot(node) { return slot }
        let s = scheduler
        while s.nodeSlot.count < nodes.count { s.nodeSlot.append(-1) }
        let slot = s.nodes.count
        let count = Int32(nodes[node].spec.cpus)
        s.nodes.append(NodeCPUs(firstCPU: Int32(s.cpus.count), cpuCount: count, firstQueue: Int32(s.queues.count),
                                queueCount: 1))
        s.queues.append(RunQueueState(node: Int32(slot), lastChange: now))
        s.policies.append(SchedulerKind.fcfs.makePolicy(seed: 0))
        s.interconnects.append(nil)
        s.gangMatrices.append(nil)
        for local in 0..<count {
            s.cpus.append(CPUState(node: Int32(node), local: local, queue: s.nodes[slot].firstQueue))
            s.memoryDemand.append(0)
        }
        s.nodeSlot[node] = Int32(slot)
        return slot
    }

    /// New queues and policies for a node after its scheduler or layout
    /// changed; waiting processes move over in the order they would have run,
    /// and idle CPUs take work.
    func rebuildQueues(_ slot: Int) {
        let s = scheduler
        var waiting: [Int32] = []
        for queue in s.nodes[slot].queues {
            for process in s.policies[queue].removeAll(table: s.table, now: now) { waiting.append(process.index) }
            changeQueueLength(queue, by: -s.queues[queue].length)
        }
        let kind = s.nodes[slot].kind
        let gang = prepareGangMatrix(slot)
        let masterSlave = s.nodes[slot].masterSlave && gang == nil
        let cpuCount = s.nodes[slot].cpuCount
        // A gang node has a queue per CPU (its matrix column) and one for jobs waiting to be placed.
        let count: Int32 = gang != nil ? cpuCount + 1 : masterSlave ? 2
            : s.nodes[slot].queueLayout == .shared ? 1 : cpuCount
        s.nodes[slot].firstQueue = Int32(s.queues.count)
        s.nodes[slot].queueCount = count
        for index in 0..<count {
            s.queues.append(RunQueueState(node: Int32(slot), lastChange: now))
            if let gang, index < cpuCount {
                s.policies.append(GangColumn(matrix: gang, column: gang.columns(of: slot).lowerBound + Int(index)))
            } else {
                s.policies.append(kind.makePolicy(seed: kind.isRandomised ? random.next() : 0))
            }
        }
        for (offset, cpu) in s.nodes[slot].cpus.enumerated() {
            let queue = masterSlave ? Int32(min(offset, 1)) : count == 1 ? 0 : Int32(offset)
            s.cpus[cpu].queue = s.nodes[slot].firstQueue + queue
        }
        if gang != nil { placeRunningThreads(slot) }
        for process in waiting {
            let queue = chooseQueue(for: process, node: slot)
            s.table[process].queue = Int32(queue)
            changeQueueLength(queue, by: 1)
            s.policies[queue].enqueue(ProcessID(process), why: .woke, table: s.table, now: now)
        }
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current < 0 && !s.cpus[cpu].dispatchPending {
            dispatch(cpu: cpu)
        }
        if let period = kind.boostPeriod, !s.nodes[slot].boostArmed, !s.nodes[slot].processes.isEmpty {
            armBoost(slot, period)
        }
    }
}
