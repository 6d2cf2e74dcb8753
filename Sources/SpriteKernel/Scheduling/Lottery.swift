/// Lottery scheduling: each quantum, a ticket is drawn among the waiting
/// processes' tickets; a process's share of the CPU tends to its share of
/// tickets. Draws come from a generator seeded from the engine's.
final class Lottery: SchedulingPolicy {
    private var queue: ContiguousArray<ProcessID> = []
    private var random: SeededGenerator
    private let quantum: SimTime

    init(quantum: SimTime, seed: UInt64) {
        self.quantum = quantum
        random = SeededGenerator(seed: seed)
        queue.reserveCapacity(16)
    }

    var count: Int { queue.count }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard !queue.isEmpty else { return nil }
        var total: UInt64 = 0
        for process in queue { total += UInt64(max(1, table.tickets(of: process))) }
        var winner = random.next() % total
        for index in queue.indices {
            let tickets = UInt64(max(1, table.tickets(of: queue[index])))
            if winner < tickets { return queue.remove(at: index) }
            winner -= tickets
        }
        return queue.removeLast()
    }

    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime { quantum }
}
