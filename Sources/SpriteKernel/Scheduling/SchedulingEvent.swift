/// The scheduler's events. Payloads are small handles (ScheduledEvent stays 32 bytes).
public enum SchedulingEvent: Sendable, Equatable {
    /// A spawned process's arrival time comes.
    case arrival(process: Int32)
    /// The slice on a CPU (global index) ends: its burst, quantum or spin
    /// ends, or a lock was handed to the process spinning on it. Stale when
    /// the CPU's epoch has moved on.
    case sliceEnd(cpu: Int32, epoch: UInt32)
    /// Idle CPUs pick their next processes, once this instant's other events are in.
    case choose
    /// A blocked process may go on (sleep or I/O over, lock handed over, barrier complete).
    case wake(process: Int32)
    /// A node's MLFQ priority boost.
    case boost(node: Int32)
    /// The gang slot of a node (by slot) ends: every CPU switches row.
    case gangSlot(node: Int32)
    /// A thread of a gang node finished: free CPUs take waiting jobs.
    case gangRefill(node: Int32)
    /// A waiting process may have aged past a running one: the run queue (global
    /// index) looks again. Stale when the queue's epoch has moved on.
    case agingCheck(queue: Int32, epoch: UInt32)
}

extension Simulation {
    @inline(__always) func handle(_ e: SchedulingEvent) {
        switch e {
        case .sliceEnd(let cpu, let epoch): sliceEnded(cpu: Int(cpu), epoch: epoch)
        case .choose: chooseNow()
        case .arrival(let process): processArrived(process)
        case .wake(let process): processWoke(process)
        case .boost(let node): boostFired(node: Int(node))
        case .gangSlot(let node): gangSlotEnded(slot: Int(node))
        case .gangRefill(let node): refillGangs(slot: Int(node))
        case .agingCheck(let queue, _): agingCheckFired(queue: Int(queue))
        }
    }

    /// Whether the event has gone stale and means nothing: a slice end whose
    /// CPU moved on (or that its gang slot's end, due at the same instant, takes
    /// over), or a boost on a node none of whose processes is alive.
    /// The run loop drops such an event without moving the clock to it, so a
    /// leftover quantum or boost timer never makes a run end later than its work.
    @inline(__always) func isInvisible(_ e: SchedulingEvent) -> Bool {
        switch e {
        case .sliceEnd(let cpu, let epoch):
            let cpus = scheduler.cpus
            let index = Int(cpu)
            return cpus[index].epoch != epoch || cpus[index].current < 0
                || (cpus[index].slotBoundEnd != .never && slotEndTakesOver(cpu: index))
        case .boost(let node):
            guard !scheduler.nodes[Int(node)].hasLiveProcess(scheduler.table) else { return false }
            scheduler.nodes[Int(node)].boostArmed = false
            return true
        case .agingCheck(let queue, let epoch):
            return scheduler.queues[Int(queue)].agingEpoch != epoch
        case .gangSlot(let node):
            return gangSlotFallsAsleep(slot: Int(node))
        case .arrival, .choose, .wake, .gangRefill:
            return false
        }
    }

    /// After the end of time nothing fails: the burst, sleep or boost simply
    /// never ends, and the process stays where it is.
    func neverHappens(_ e: SchedulingEvent) {}

    /// A spawned process arrives: it dies at once if its node is down, else it takes its first steps.
    func processArrived(_ process: Int32) {
        guard scheduler.table[process].phase == .new else { return }
        scheduler.table[process].since = now
        guard nodes[Int(scheduler.table[process].node)].isUp else { return kill(process) }
        if arrivalTakenByBalancer(process) { return }
        continueOffCPU(process, why: .arrived)
    }

    /// A blocked process goes on (a stale wake, for one that died meanwhile, does nothing).
    func processWoke(_ process: Int32) {
        let s = scheduler
        guard s.table[process].phase == .blocked else { return }
        if isTimedWait(process) {
            for index in s.waking.indices where s.waking[index] == process { return }
            s.waking.append(process)
            postChoice()
            return
        }
        wake(process)
    }

    /// I/O and sleep end at a time fixed when they began: such waits ending at one
    /// instant become ready together, once the instant's other events are in.
    @inline(__always) func isTimedWait(_ process: Int32) -> Bool {
        let kind = scheduler.table[process].blockKind
        return kind == .io || kind == .timer
    }

    /// The timed waits ending now: ready in the order they began, ties by
    /// process number (spawn order), as a FIFO device would finish them.
    func wakeTimedWaits() {
        let s = scheduler
        guard !s.waking.isEmpty else { return }
        // Insertion sort in place: a handful of processes, and no allocation.
        for index in 1..<max(1, s.waking.count) {
            let process = s.waking[index]
            var slot = index
            while slot > 0, waitsLater(s.waking[slot - 1], than: process) {
                s.waking[slot] = s.waking[slot - 1]
                slot -= 1
            }
            s.waking[slot] = process
        }
        var index = 0
        while index < s.waking.count {
            let process = s.waking[index]
            if s.table[process].phase == .blocked && isTimedWait(process) { wake(process) }
            index += 1
        }
        s.waking.removeAll()
    }

    @inline(__always) private func waitsLater(_ one: Int32, than other: Int32) -> Bool {
        let (a, b) = (scheduler.table[one].since, scheduler.table[other].since)
        return a != b ? a > b : one > other
    }

    func wake(_ process: Int32) {
        let s = scheduler
        s.table[process].blockedTime += now - s.table[process].since
        s.table[process].blockKind = .none
        s.table[process].blockedOn = -1
        continueOffCPU(process, why: .woke)
    }

    /// The next boost comes at the next multiple of the period (OSTEP's mlfq.py):
    /// the boosts keep one phase, however long the node was idle between them.
    func armBoost(_ node: Int, _ period: SimTime) {
        scheduler.nodes[node].boostArmed = true
        let next = (now.nanoseconds / period.nanoseconds).addingReportingOverflow(1).partialValue
        let (at, overflow) = next.multipliedReportingOverflow(by: period.nanoseconds)
        schedule(.sched(.boost(node: Int32(node))), at: overflow ? .never : .ns(at))
    }

    /// MLFQ boost: every process of the node back to the top level; the boost
    /// goes on while the node has a process ready or running.
    func boostFired(node: Int) {
        let s = scheduler
        s.nodes[node].boostArmed = false
        guard let period = s.nodes[node].boostPeriod else { return }
        // Time used before the boost counts at the level it was used at; after it, a fresh allotment.
        for cpu in s.nodes[node].cpus where s.cpus[cpu].current >= 0 { settle(cpu) }
        var active = false
        for process in s.nodes[node].processes {
            s.table[process].level = 0
            s.table[process].levelUsed = .zero
            let phase = s.table[process].phase
            if phase == .ready || phase == .running { active = true }
        }
        for queue in s.nodes[node].queues { s.policies[queue].boost(table: s.table) }
        if active { armBoost(node, period) }
    }
}
