/// Stride scheduling: each process has a pass value that advances by its
/// stride (a large constant over its tickets) per quantum of CPU it uses; the
/// lowest pass runs next. Proportional share like lottery, but exact.
final class Stride: SchedulingPolicy {
    private var queue: ContiguousArray<ProcessID> = []
    private let quantum: SimTime
    /// Processes this queue handed to a CPU that may still run: their passes
    /// count, with the waiting ones', in the pass a newcomer starts from.
    private var handedOut: ContiguousArray<ProcessID> = []
    /// 2^8 · 3^2 · 5^8 · 7: every ticket count from 1 to 10 and the round ones
    /// (20, 25, 50, 100, 250, 500, 1000 … 10^6) divide it, so their strides keep
    /// the tickets' exact ratios and equal shares tie exactly (2^20 did not).
    static let strideOne: Int64 = 6_300_000_000

    init(quantum: SimTime) {
        self.quantum = quantum
        queue.reserveCapacity(16)
        handedOut.reserveCapacity(4)
    }

    var count: Int { queue.count }

    static func stride(tickets: Int) -> Int64 { strideOne / Int64(max(1, tickets)) }

    /// A process arriving or waking starts from the lowest pass among those
    /// waiting or running (Waldspurger's global pass, OSTEP 9.6), unless its own
    /// is higher: time asleep or not yet arrived earns no credit.
    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        if why == .arrived || why == .woke {
            // One whose burst ends at this instant is leaving its CPU: it is not running any more.
            handedOut.removeAll { table[$0].phase != .running || $0 == process }
            var lowest: Int64?
            for other in queue where lowest.map({ table[other].pass < $0 }) ?? true { lowest = table[other].pass }
            for other in handedOut where table[other].remaining > .zero || table[other].spinningOn >= 0 {
                if lowest.map({ table[other].pass < $0 }) ?? true { lowest = table[other].pass }
            }
            if let lowest { table[process].pass = max(table[process].pass, lowest) }
        }
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard !queue.isEmpty else { return nil }
        var best = 0
        for index in 1..<queue.count where table[queue[index]].pass < table[queue[best]].pass { best = index }
        let process = queue.remove(at: best)
        if !handedOut.contains(process) { handedOut.append(process) }
        return process
    }

    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime { quantum }

    /// The pass advances in proportion to the part of a quantum used.
    func charge(_ process: ProcessID, ran: SimTime, table: ProcessTable) {
        let stride = Self.stride(tickets: table.tickets(of: process))
        let (product, overflow) = stride.multipliedReportingOverflow(by: ran.nanoseconds)
        let step = overflow ? Int64(min(Double(stride) * Double(ran.nanoseconds) / Double(quantum.nanoseconds), 1e18))
            : product / max(1, quantum.nanoseconds)
        table[process].pass = table[process].pass.addingReportingOverflow(step).partialValue
    }
}
