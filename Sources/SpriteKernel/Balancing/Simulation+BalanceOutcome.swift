/// What balancing is judged by: every finished program's turnaround (arrival to end, probes and
/// transfers included) and its slowdown (turnaround over the CPU time it needed).
extension Simulation {
    public func balanceOutcome() -> BalanceOutcome {
        let s = scheduler
        var turnarounds: [Int64] = []
        var slowdown = 0.0
        for p in 0..<Int32(s.table.count) where s.table[p].kind == .program && s.table[p].phase == .done
            && !s.table[p].killed && s.table[p].finish != .never {
            let turnaround = s.table[p].finish - s.table[p].arrival
            turnarounds.append(turnaround.nanoseconds)
            if s.table[p].cpuTime > .zero { slowdown += turnaround.seconds / s.table[p].cpuTime.seconds }
        }
        turnarounds.sort()
        func rank(_ q: Double) -> SimTime {
            guard !turnarounds.isEmpty else { return .zero }
            let index = Int((q * Double(turnarounds.count)).rounded(.up)) - 1
            return .ns(turnarounds[max(0, min(turnarounds.count - 1, index))])
        }
        let n = turnarounds.count
        return BalanceOutcome(finished: n, meanTurnaround: n == 0 ? .zero : .ns(turnarounds.reduce(0, +) / Int64(n)),
                              p95: rank(0.95), p99: rank(0.99), meanSlowdown: n == 0 ? 0 : slowdown / Double(n))
    }
}

/// Finished programs' turnaround (mean and nearest-rank 95th and 99th percentiles) and mean slowdown.
public struct BalanceOutcome: Sendable, Equatable {
    public var finished: Int
    public var meanTurnaround: SimTime
    public var p95: SimTime
    public var p99: SimTime
    public var meanSlowdown: Double
}
