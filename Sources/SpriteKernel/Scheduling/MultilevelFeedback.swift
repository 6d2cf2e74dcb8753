import DequeModule

/// Multi-level feedback queue (OSTEP's rules): the highest non-empty level
/// runs first, round robin within a level; a process that uses its allotment
/// at a level moves down one; a newcomer starts at the top and preempts a
/// lower-level process; a periodic boost (driven by the engine) lifts all.
final class MultilevelFeedback: SchedulingPolicy {
    private var levels: [Deque<ProcessID>]
    private let quanta: [SimTime]
    private let allotment: SimTime?
    private(set) var count = 0

    init(_ config: MultilevelFeedbackConfiguration) {
        quanta = config.quanta
        allotment = config.allotment
        levels = Array(repeating: Deque(minimumCapacity: 8), count: config.quanta.count)
    }

    var isPreemptive: Bool { true }

    private func level(_ process: ProcessID, _ table: ProcessTable) -> Int {
        min(Int(table[process].level), quanta.count - 1)
    }

    private func allotment(at level: Int) -> SimTime { allotment ?? quanta[level] }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        levels[level(process, table)].append(process)
        count += 1
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        for index in levels.indices where !levels[index].isEmpty {
            count -= 1
            return levels[index].popFirst()
        }
        return nil
    }

    /// The level's quantum, cut short so the process is demoted exactly when
    /// its allotment runs out.
    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime {
        let at = level(process, table)
        let left = allotment(at: at) - table[process].levelUsed
        return max(.ns(1), min(quanta[at], left))
    }

    func charge(_ process: ProcessID, ran: SimTime, table: ProcessTable) {
        let at = level(process, table)
        table[process].levelUsed += ran
        guard table[process].levelUsed >= allotment(at: at) else { return }
        table[process].levelUsed = .zero
        if at + 1 < quanta.count { table[process].level = Int32(at + 1) }
    }

    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool {
        level(candidate, table) < level(running, table)
    }

    func boost(table: ProcessTable) {
        guard levels.count > 1 else { return }
        for index in 1..<levels.count {
            while let process = levels[index].popFirst() { levels[0].append(process) }
        }
    }
}
