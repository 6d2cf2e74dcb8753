/// Gang scheduling and space sharing over a node's `GangMatrix`: placing a
/// parallel job's threads, switching every CPU to the next slot together,
/// and giving freed CPUs to waiting jobs.
extension Simulation {
    /// Starts a parallel job: `threads` processes NAME.1 … NAME.T running
    /// `program` on `node`, one address space (a sharing group), placed
    /// together by a gang or space-sharing scheduler (elsewhere they are
    /// scheduled as separate processes).
    @discardableResult
    public func spawnGang(program: String, name: String, node: Int, threads: Int, at time: SimTime? = nil,
                          priority: Int = 0, tickets: Int = 100) throws(KernelError) -> [ProcessID] {
        guard threads >= 1, threads <= 1024 else { throw .invalidValue("threads") }
        guard scheduler.table.count + threads <= scheduler.processLimit else { throw .limitReached("processes") }
        for index in 1...threads where scheduler.table.index["\(name)-\(index)"] != nil {
            throw .duplicateProcess("\(name)-\(index)")
        }
        let gang = Int32(scheduler.gangs.count)
        var ids: [ProcessID] = []
        for index in 1...threads {
            let id = try spawn(program: program, name: "\(name)-\(index)", node: node, at: time, priority: priority,
                               tickets: tickets)
            scheduler.table[id].gang = gang
            scheduler.table[id].group = ids.first?.index ?? id.index
            ids.append(id)
        }
        scheduler.gangs.append(ids.map(\.index))
        return ids
    }

    /// Sets up (or drops) the node's matrix for its scheduler; every process
    /// is placed again when it next becomes ready.
    func prepareGangMatrix(_ slot: Int) -> GangMatrix? {
        let s = scheduler
        let kind = s.nodes[slot].kind
        for process in s.nodes[slot].processes { s.table[process].gangCell = -1 }
        guard kind.usesGangMatrix else {
            s.gangMatrices[slot] = nil
            s.nodes[slot].gangNode = false
            s.nodes[slot].queueLayout = s.nodes[slot].options.effectiveLayout
            return nil
        }
        let matrix = GangMatrix(columns: Int(s.nodes[slot].cpuCount), rotates: kind.gangQuantum != nil)
        s.gangMatrices[slot] = matrix
        s.nodes[slot].gangNode = true
        s.nodes[slot].queueLayout = .perCPU(stealing: false)
        return matrix
    }

    /// The queue of a ready process on a gang node: its column's, once its
    /// job is placed; else the queue of jobs waiting for CPUs.
    func gangQueue(for process: Int32, node slot: Int) -> Int {
        let s = scheduler
        if s.table[process].gangCell < 0 { placeJob(of: process, slot: slot) }
        let cell = Int(s.table[process].gangCell)
        let columns = Int(s.nodes[slot].cpuCount)
        return Int(s.nodes[slot].firstQueue) + (cell < 0 ? columns : cell % columns)
    }

    /// Places the job `process` belongs to (its threads on this node that are
    /// not finished), unless space sharing already has a job waiting.
    private func placeJob(of process: Int32, slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot], !matrix.jobsWaiting else { return }
        let gang = s.table[process].gang
        let node = s.table[process].node
        let threads = gang < 0 ? [process] : s.gangs[Int(gang)].filter {
            s.table[$0].node == node && s.table[$0].phase != .done && s.table[$0].gangCell < 0
        }
        guard let cells = matrix.place(threads) else {
            matrix.jobsWaiting = true
            return
        }
        for (thread, cell) in zip(threads, cells) { s.table[thread].gangCell = Int32(cell) }
        if let quantum = s.nodes[slot].kind.gangQuantum, !matrix.slotArmed, matrix.needsRotation {
            armGangSlot(slot, quantum)
        }
    }

    /// Slots end at multiples of the quantum on the global clock, so every
    /// gang node with the same quantum switches at the same instants.
    private func armGangSlot(_ slot: Int, _ quantum: SimTime) {
        scheduler.gangMatrices[slot]?.slotArmed = true
        let next = SimTime.ns((now.nanoseconds / quantum.nanoseconds + 1) * quantum.nanoseconds)
        schedule(.sched(.gangSlot(node: Int32(slot))), at: next)
    }

    /// Every CPU leaves the slot's thread and takes the next row's, together.
    func gangSlotEnded(slot: Int) {
        let s = scheduler
        guard let matrix = s.gangMatrices[slot] else { return }
        matrix.slotArmed = false
        guard let quantum = s.nodes[slot].kind.gangQuantum else { return }
        let before = matrix.current
        matrix.nextSlot()
        if matrix.current != before {
            for cpu in s.nodes[slot].cpus where s.cpus[cpu].current >= 0 {
                settle(cpu)
                let process = s.cpus[cpu].current
                leaveCPU(cpu, .quantum)
                _ = enqueueReady(process, why: .quantumExpired)
            }
            for cpu in s.nodes[slot].cpus where s.cpus[cpu].current < 0 && !s.cpus[cpu].dispatchPending {
                dispatch(cpu: cpu)
                // A CPU the new row leaves idle ends its old slice here: held, it would run on until
                // the thread's row came back and its slice would cover the slots it did not run in.
                releaseHeldSlice(cpu)
            }
        }
        if matrix.needsRotation { armGangSlot(slot, quantum) }
    }

    /// A thread finished: its cell is free. Under space sharing, waiting jobs
    /// may now fit (once the finishing thread has left its CPU).
    func gangThreadFinished(_ process: Int32) {
        let s = scheduler
        let slot = Int(s.nodeSlot[Int(s.table[process].node)])
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
