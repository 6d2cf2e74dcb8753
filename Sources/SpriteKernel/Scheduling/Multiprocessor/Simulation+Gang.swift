/// Gang scheduling and space sharing over a `GangMatrix`: placing a parallel
/// job's threads, switching every CPU to the next slot together (on one node,
/// or on every node of a coordinated gang), and giving freed CPUs to waiting jobs.
extension Simulation {
    /// Starts a parallel job: `threads` processes NAME-1 … NAME-T running
    /// `program` on `node`, one address space (a sharing group), placed
    /// together by a gang or space-sharing scheduler (elsewhere they are
    /// scheduled as separate processes).
    @discardableResult
    public func spawnGang(program: String, name: String, node: Int, threads: Int, at time: SimTime? = nil,
                          priority: Int = 0, tickets: Int = 100) throws(KernelError) -> [ProcessID] {
        try spawnGang(program: program, name: name, nodes: [node], threads: threads, at: time, priority: priority,
                      tickets: tickets)
    }

    /// A parallel job whose threads are dealt over `nodes` in turn: NAME-1 on
    /// the first, NAME-2 on the second, …, round again. Threads on one node
    /// share an address space; threads on different nodes do not (a
    /// multicomputer shares no memory) and talk by messages. The threads form
    /// the job NAME, or join the job `job`.
    @discardableResult
    public func spawnGang(program: String, name: String, nodes placement: [Int], threads: Int,
                          at time: SimTime? = nil, priority: Int = 0, tickets: Int = 100, job: String? = nil)
        throws(KernelError) -> [ProcessID] {
        guard threads >= 1, threads <= 1024 else { throw .invalidValue("threads") }
        guard !placement.isEmpty else { throw .invalidValue("nodes") }
        for node in placement where !nodes.indices.contains(node) { throw .unknownNode("#\(node)") }
        guard scheduler.table.scriptProcessCount + threads <= scheduler.processLimit else {
            throw .limitReached("processes")
        }
        for index in 1...threads where scheduler.table.index["\(name)-\(index)"] != nil {
            throw .duplicateProcess("\(name)-\(index)")
        }
        let gang = gangNamed(job ?? name)
        var ids: [ProcessID] = []
        var leaders: [Int: Int32] = [:]
        for index in 1...threads {
            let node = placement[(index - 1) % placement.count]
            let id = try spawn(program: program, name: "\(name)-\(index)", node: node, at: time, priority: priority,
                               tickets: tickets)
            scheduler.table[id].gang = gang
            scheduler.table[id].group = leaders[node] ?? id.index
            leaders[node] = leaders[node] ?? id.index
            scheduler.gangs[Int(gang)].append(id.index)
            ids.append(id)
        }
        return ids
    }

    /// `process` joins the parallel job called `job` (made if new): gang
    /// schedulers place it with the job's other threads, on any node.
    public func joinGang(_ process: ProcessID, job: String) throws(KernelError) {
        guard process.index >= 0, Int(process.index) < scheduler.table.count else { throw .invalidValue("process") }
        guard scheduler.table[process.index].gang < 0 else { throw .invalidValue("job") }
        let gang = gangNamed(job)
        scheduler.table[process.index].gang = gang
        scheduler.gangs[Int(gang)].append(process.index)
    }

    /// The threads of the parallel job called `name`, in the order they joined (nil: no such job).
    public func gangThreads(_ name: String) -> [ProcessID]? {
        scheduler.gangIndex[name].map { scheduler.gangs[Int($0)].map(ProcessID.init) }
    }

    /// The names of the parallel jobs, in the order they were made.
    public var gangNames: [String] {
        scheduler.gangIndex.sorted { $0.value < $1.value }.map(\.key)
    }

    private func gangNamed(_ name: String) -> Int32 {
        if let gang = scheduler.gangIndex[name] { return gang }
        let gang = Int32(scheduler.gangs.count)
        scheduler.gangs.append([])
        scheduler.gangIndex[name] = gang
        return gang
    }

    /// Coordinated scheduling of a multicomputer: `nodes` share one gang
    /// matrix whose columns are all their CPUs, so a job's threads on
    /// different nodes sit in one row and every node switches rows at the same
    /// instant. `kind` must be gang scheduling.
    public func setScheduler(_ kind: SchedulerKind, coordinating nodes: [Int], contextSwitch: SimTime = .zero)
        throws(KernelError) {
        guard case .gang(let quantum, let alternates, _) = kind else { throw .invalidValue("coordinated") }
        try kind.validate()
        for node in nodes where !self.nodes.indices.contains(node) { throw .unknownNode("#\(node)") }
        guard !nodes.isEmpty, Set(nodes).count == nodes.count else { throw .invalidValue("nodes") }
        let coordinated = SchedulerKind.gang(quantum: quantum, alternates: alternates, coordinated: true)
        let slots = nodes.map { ensureSchedulerNode($0) }
        for slot in slots { leaveSharedMatrix(slot) }
        let matrix = GangMatrix(members: slots.map { (slot: $0, cpus: Int(scheduler.nodes[$0].cpuCount)) },
                                rotates: true, alternates: alternates)
        for slot in slots { scheduler.gangMatrices[slot] = matrix }
        for node in nodes { try setScheduler(coordinated, on: node, contextSwitch: contextSwitch) }
    }

    /// The nodes (by index) whose CPUs share a gang matrix with `node`, itself included, in column order.
    public func gangPeers(of node: Int) -> [Int] {
        guard let slot = schedulerSlot(node), let matrix = scheduler.gangMatrices[slot] else { return [node] }
        return matrix.members.compactMap { member in scheduler.nodeSlot.firstIndex(of: Int32(member.slot)) }
    }

    /// Sets up (or drops) the node's matrix for its scheduler. A coordinated
    /// gang keeps the matrix its nodes were given; a process keeps its cell
    /// only if that matrix holds it there, else it is placed again when it
    /// next becomes ready.
    func prepareGangMatrix(_ slot: Int) -> GangMatrix? {
        let s = scheduler
        let kind = s.nodes[slot].kind
        var matrix = s.gangMatrices[slot]
        if case .gang(_, _, coordinated: true) = kind, let shared = matrix, !shared.columns(of: slot).isEmpty {
            // Kept: the coordinated matrix this node was given.
        } else {
            leaveSharedMatrix(slot)
            matrix = nil
        }
        for process in s.nodes[slot].processes where s.table[process].gangCell >= 0 {
            if matrix?.occupant(cell: Int(s.table[process].gangCell)) != process { s.table[process].gangCell = -1 }
        }
        guard kind.usesGangMatrix else {
            s.gangMatrices[slot] = nil
            s.nodes[slot].gangNode = false
            s.nodes[slot].queueLayout = s.nodes[slot].options.effectiveLayout
            return nil
        }
        let built = matrix ?? GangMatrix(members: [(slot: slot, cpus: Int(s.nodes[slot].cpuCount))],
                                         rotates: kind.gangQuantum != nil, alternates: kind.gangAlternates)
        s.gangMatrices[slot] = built
        s.nodes[slot].gangNode = true
        s.nodes[slot].queueLayout = .perCPU(stealing: false)
        return built
    }

    /// The node leaves a matrix it shares with other nodes; they go on
    /// switching slots, driven by one of them if the node drove them.
    private func leaveSharedMatrix(_ slot: Int) {
        guard let matrix = scheduler.gangMatrices[slot], matrix.members.count > 1 else { return }
        let drove = matrix.driver == slot
        matrix.remove(slot: slot)
        scheduler.gangMatrices[slot] = nil
        if drove && matrix.slotArmed { schedule(.sched(.gangSlot(node: Int32(matrix.driver))), at: matrix.slotEnd) }
    }

    /// The queue of a ready process on a gang node: its column's, once its
    /// job is placed; else the queue of jobs waiting for CPUs.
    func gangQueue(for process: Int32, node slot: Int) -> Int {
        let s = scheduler
        if s.table[process].gangCell < 0 { placeJob(of: process, slot: slot) }
        if let matrix = s.gangMatrices[slot], !matrix.slotArmed { keepSwitching(matrix, slot: slot) }
        let cell = Int(s.table[process].gangCell)
        let first = Int(s.nodes[slot].firstQueue)
        guard cell >= 0, let matrix = s.gangMatrices[slot] else { return first + Int(s.nodes[slot].cpuCount) }
        return first + cell % matrix.columns - matrix.columns(of: slot).lowerBound
    }

    /// The node has just turned to gang or space scheduling: the threads running on its CPUs are placed
    /// first, a lone thread in its own CPU's cell of the current row, a job's threads together. One whose
    /// cell is elsewhere leaves its CPU now for its column's queue, whose CPU takes it if idle; the slots
    /// switch from here on.
    func placeRunningThreads(_ slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot] else { return }
        let first = matrix.columns(of: slot).lowerBound
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 {
            let process = s.cpus[cpu].current
            guard s.table[process].gangCell < 0 else { continue }
            let gang = s.table[process].gang
            let alone = gang < 0 || !s.gangs[Int(gang)].contains { $0 != process && s.table[$0].phase != .done }
            if alone, let cell = matrix.claimCurrent(column: first + Int(s.cpus[cpu].local), for: process) {
                s.table[process].gangCell = Int32(cell)
            } else {
                placeJob(of: process, slot: slot)
            }
        }
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 {
            let process = s.cpus[cpu].current
            guard matrix.occupant(column: first + Int(s.cpus[cpu].local)) != process else { continue }
            settle(cpu)
            preempt(cpu)
            // It joins its column's queue when the instant's CPUs choose: that column's CPU, if idle, must
            // choose then too, or the thread would wait there with nobody to take it.
            let cell = Int(s.table[process].gangCell)
            guard cell >= 0 else { continue }
            let owner = Int(s.nodes[slot].firstCPU) + cell % matrix.columns - first
            if s.cpus[owner].current < 0 && !s.cpus[owner].dispatchPending { chooseLater(owner) }
        }
        if !matrix.slotArmed { keepSwitching(matrix, slot: slot) }
    }

    /// Places the job `process` belongs to (its threads not finished, on any
    /// node of this matrix), unless space sharing already has a job waiting.
    private func placeJob(of process: Int32, slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot], !matrix.jobsWaiting else { return }
        let gang = s.table[process].gang
        var threads: [Int32] = []
        var ranges: [Range<Int>] = []
        for thread in gang < 0 ? [process] : s.gangs[Int(gang)]
        where s.table[thread].phase != .done && s.table[thread].gangCell < 0 {
            let threadSlot = Int(s.nodeSlot[Int(s.table[thread].node)])
            guard threadSlot >= 0, s.gangMatrices[threadSlot] === matrix else { continue }
            threads.append(thread)
            ranges.append(matrix.columns(of: threadSlot))
        }
        // Wider than a node, the job would be split over slots (gang) or never placed (space): noted.
        for range in Set(ranges) where ranges.count(where: { $0 == range }) > range.count {
            noteOversizedJob(gang, slot: matrix.members.first { $0.firstColumn == range.lowerBound }?.slot ?? slot)
        }
        // A thread that joins late goes in its partners' row if there is room (Ousterhout keeps a job in one row).
        let partner = gang < 0 ? nil : s.gangs[Int(gang)].first { thread in
            s.table[thread].gangCell >= 0 && s.gangMatrices[Int(s.nodeSlot[Int(s.table[thread].node)])] === matrix
        }
        let row = partner.map { Int(s.table[$0].gangCell) / matrix.columns }
        guard let cells = matrix.place(threads, within: ranges, preferring: row) else {
            matrix.jobsWaiting = true
            return
        }
        for (thread, cell) in zip(threads, cells) { s.table[thread].gangCell = Int32(cell) }
    }

    /// A thread is ready and no slot end is pending: slots asleep since
    /// everyone blocked make up the switches they missed, then go on.
    private func keepSwitching(_ matrix: GangMatrix, slot: Int) {
        guard let quantum = scheduler.nodes[slot].kind.gangQuantum else { return }
        catchUpSlots(matrix, quantum)
        matrix.asleepSince = nil
        if matrix.needsRotation { armGangSlot(matrix, quantum) }
    }

    /// The switches at the multiples of the quantum since the matrix fell asleep, up to now.
    private func catchUpSlots(_ matrix: GangMatrix, _ quantum: SimTime) {
        guard let since = matrix.asleepSince else { return }
        matrix.nextSlots(now.nanoseconds / quantum.nanoseconds - since.nanoseconds / quantum.nanoseconds)
        matrix.asleepSince = now
    }

    /// Slots end at multiples of the quantum on the global clock, so every
    /// gang node with the same quantum switches at the same instants.
    private func armGangSlot(_ matrix: GangMatrix, _ quantum: SimTime) {
        matrix.slotArmed = true
        matrix.slotEnd = .ns((now.nanoseconds / quantum.nanoseconds + 1) * quantum.nanoseconds)
        schedule(.sched(.gangSlot(node: Int32(matrix.driver))), at: matrix.slotEnd)
    }

    /// Every CPU of the matrix (on every node it spans) leaves the slot's
    /// thread and takes the next row's, together. An event whose matrix was
    /// re-armed or rebuilt since it was posted means nothing.
    func gangSlotEnded(slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot], matrix.slotArmed, matrix.slotEnd == now, matrix.driver == slot
        else { return }
        guard let quantum = s.nodes[slot].kind.gangQuantum else {
            matrix.slotArmed = false
            rearmSlotBoundSlices(matrix)
            return
        }
        // Still armed while the threads change places, so that none of them arms the next slot early.
        finishBurstsEndingNow(matrix)
        let before = matrix.current
        matrix.nextSlot()
        if matrix.current != before {
            for member in matrix.members {
                for cpu in s.nodes[member.slot].cpus where s.cpus[cpu].current >= 0 && !s.cpus[cpu].preemptAtChoose {
                    settle(cpu)
                    let process = s.cpus[cpu].current
                    leaveCPU(cpu, .quantum)
                    _ = enqueueReady(process, why: .quantumExpired)
                }
            }
            for member in matrix.members {
                for cpu in s.nodes[member.slot].cpus where s.cpus[cpu].current < 0 && !s.cpus[cpu].dispatchPending {
                    dispatch(cpu: cpu)
                    // A CPU the new row leaves idle ends its old slice here: held, it would run on until
                    // the thread's row came back and its slice would cover the slots it did not run in.
                    releaseHeldSlice(cpu)
                }
            }
        }
        // With every thread blocked no slot event ticks (it would tick for ever over threads that never
        // wake); the first to become ready makes up the switches missed.
        matrix.slotArmed = false
        if matrix.needsRotation {
            if matrix.hasRunnableThread(s.table) { armGangSlot(matrix, quantum) } else { matrix.asleepSince = now }
        }
        rearmSlotBoundSlices(matrix)
    }

    /// The latest a burst on `cpu` is planned to run on: the end of its slot while its gang matrix switches
    /// slots (the next one when the slot ends now). A switch that takes the thread off then leaves no event
    /// pending until the burst's own end: with long bursts and short slots such events would pile up by the
    /// million. A thread that keeps its CPU is planned again at each slot end (`rearmSlotBoundSlices`).
    @inline(__always) func gangSlotBound(_ cpu: Int) -> SimTime {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        guard s.nodes[slot].gangNode, let matrix = s.gangMatrices[slot], matrix.slotArmed,
              let quantum = s.nodes[slot].kind.gangQuantum else { return .never }
        if matrix.slotEnd > now { return matrix.slotEnd }
        let (next, overflow) = now.nanoseconds.addingReportingOverflow(quantum.nanoseconds)
        return overflow ? .never : .ns(next)
    }

    /// Whether the slot end due when `cpu`'s slice was planned to end is still to come at this instant:
    /// it then settles the CPU (switching its thread off, or planning its slice again), so the slice end
    /// means nothing and is dropped unseen, not counted as an event.
    func slotEndTakesOver(cpu: Int) -> Bool {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        guard let matrix = s.gangMatrices[slot] else { return false }
        return matrix.slotArmed && matrix.slotEnd == s.cpus[cpu].slotBoundEnd
    }

    /// After a slot end, a slice planned to end at it goes on (its CPU kept its thread), and one planned to
    /// the next slot end is planned again if no next slot comes (the matrix stopped switching).
    private func rearmSlotBoundSlices(_ matrix: GangMatrix) {
        let s = scheduler
        let next = matrix.slotArmed ? matrix.slotEnd : .never
        for member in matrix.members {
            for cpu in s.nodes[member.slot].cpus where s.cpus[cpu].current >= 0 {
                let bound = s.cpus[cpu].slotBoundEnd
                if bound != .never && (bound <= now || bound != next) { scheduleSliceEnd(cpu) }
            }
        }
    }

    /// A burst that ends at the slot's end completes before the slot switches: its slice-end event, due at
    /// this same instant, may come after this one, and the thread is not preempted with nothing left.
    private func finishBurstsEndingNow(_ matrix: GangMatrix) {
        let s = scheduler
        for member in matrix.members {
            for cpu in s.nodes[member.slot].cpus where s.cpus[cpu].current >= 0 {
                settle(cpu)
                let process = s.cpus[cpu].current
                guard s.table[process].remaining <= .zero, s.table[process].spinningOn < 0,
                      s.cpus[cpu].stallLeft <= .zero else { continue }
                sliceEnded(cpu: cpu, epoch: s.cpus[cpu].epoch)
            }
        }
    }

    /// A slot end that finds no thread ready or running is dropped unseen (the
    /// run may end before it): the matrix falls asleep from the slot before,
    /// so the switch is made up when a thread becomes ready. So is one whose
    /// node no longer drives an armed matrix (its scheduler changed).
    func gangSlotFallsAsleep(slot: Int) -> Bool {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot], matrix.slotArmed, matrix.driver == slot,
              let quantum = s.nodes[slot].kind.gangQuantum else { return true }
        guard !matrix.hasRunnableThread(s.table) else { return false }
        matrix.slotArmed = false
        matrix.asleepSince = matrix.slotEnd - quantum
        return true
    }

    /// Whether `cpu` runs an alternate while the thread of the current row in
    /// its column is ready: between two bursts the alternate gives the CPU
    /// back (a wake at the very end of its burst could not preempt it).
    func alternateMustYield(_ cpu: Int) -> Bool {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.cpus[cpu].node)])
        guard let matrix = s.gangMatrices[slot], matrix.alternates else { return false }
        let occupant = matrix.occupant(column: matrix.columns(of: slot).lowerBound + Int(s.cpus[cpu].local))
        return occupant >= 0 && occupant != s.cpus[cpu].current && s.table[occupant].phase == .ready
    }

    /// A thread finished: its cell is free. Under space sharing, waiting jobs
    /// may now fit (once the finishing thread has left its CPU).
    func gangThreadFinished(_ process: Int32) {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.table[process].node)])
        // Asleep, the matrix first makes the switches it missed with the thread still in place.
        if let matrix = s.gangMatrices[slot], let quantum = s.nodes[slot].kind.gangQuantum {
            catchUpSlots(matrix, quantum)
        }
        s.gangMatrices[slot]?.free(cell: Int(s.table[process].gangCell))
        s.table[process].gangCell = -1
        if let matrix = s.gangMatrices[slot], !matrix.rotates {
            schedule(.sched(.gangRefill(node: Int32(slot))), at: now)
        }
    }

    /// Jobs waiting for CPUs try again in the order they came; idle CPUs take work.
    func refillGangs(slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot] else { return }
        matrix.jobsWaiting = false
        let holding = Int(s.nodes[slot].firstQueue) + Int(s.nodes[slot].cpuCount)
        let waiting = s.policies[holding].removeAll(table: s.table, now: now)
        changeQueueLength(holding, by: -s.queues[holding].length)
        for process in waiting {
            let queue = gangQueue(for: process.index, node: slot)
            s.table[process.index].queue = Int32(queue)
            changeQueueLength(queue, by: 1)
            s.policies[queue].enqueue(process, why: .woke, table: s.table, now: now)
        }
        for cpu in s.nodes[slot].cpus where s.cpus[cpu].current < 0 && !s.cpus[cpu].dispatchPending {
            dispatch(cpu: cpu)
        }
    }
}
