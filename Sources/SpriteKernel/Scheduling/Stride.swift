/// Stride scheduling: each process has a pass value that advances by its
/// stride (a large constant over its tickets) per quantum of CPU it uses; the
/// lowest pass runs next. Proportional share like lottery, but exact.
final class Stride: SchedulingPolicy {
    private var queue: ContiguousArray<ProcessID> = []
    private let quantum: SimTime
    /// The pass of the last process dispatched: a newcomer starts there, so it
    /// neither monopolises the CPU nor waits behind the old passes.
    private var globalPass: Int64 = 0
    static let strideOne: Int64 = 1 << 20

    init(quantum: SimTime) {
        self.quantum = quantum
        queue.reserveCapacity(16)
    }

    var count: Int { queue.count }

    static func stride(tickets: Int) -> Int64 { strideOne / Int64(max(1, tickets)) }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        if why == .arrived || why == .woke { table[process].pass = max(table[process].pass, globalPass) }
        queue.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        guard !queue.isEmpty else { return nil }
        var best = 0
        for index in 1..<queue.count where table[queue[index]].pass < table[queue[best]].pass { best = index }
        let process = queue.remove(at: best)
        globalPass = max(globalPass, table[process].pass)
        return process
    }

    func quantum(for process: ProcessID, table: ProcessTable) -> SimTime { quantum }

    /// The pass advances in proportion to the part of a quantum used.
    func charge(_ process: ProcessID, ran: SimTime, table: ProcessTable) {
        let stride = Self.stride(tickets: table.tickets(of: process))
        let (product, overflow) = stride.multipliedReportingOverflow(by: ran.nanoseconds)
        let step = overflow ? .max / 2 : product / max(1, quantum.nanoseconds)
        table[process].pass = table[process].pass.addingReportingOverflow(step).partialValue
    }
}
