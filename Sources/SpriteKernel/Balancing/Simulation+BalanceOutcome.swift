/// What balancing is judged by: every finished program's turnaround (arrival to end, probes and
/// transfers included) and its slowdown (turnaround over the CPU time it needed). The slowdown is the
/// load-balancing literature's (Harchol-Balter and Downey; Zhou): the mean over jobs of each job's ratio,
/// not the ratio of the means, so one tiny job that waited can dominate it; the median is given beside it.
extension Simulation {
    public func balanceOutcome() -> BalanceOutcome {
        let s = scheduler
        var turnarounds: [Int64] = []
        var slowdown = 0.0
        var ratios: [Double] = []
        for p in 0..<Int32(s.table.count) where s.table[p].kind == .program && s.table[p].phase == .done
            && !s.table[p].killed && s.table[p].finish != .never {
            let turnaround = s.table[p].finish - s.table[p].arrival
            turnarounds.append(turnaround.nanoseconds)
            if s.table[p].cpuTime > .zero {
                ratios.append(turnaround.seconds / s.table[p].cpuTime.seconds)
                slowdown += ratios[ratios.count - 1]
            }
        }
        // Ended processes summarised (EndedProcessRecords.summary) count through their totals.
        if s.table.ended.summary.recycled > 0 { return outcomeWithSummary(turnarounds, ratios) }
        turnarounds.sort()
        ratios.sort()
        // The middle ratio, or the mean of the two middle ones.
        let middle = ratios.count / 2
        let median = ratios.isEmpty ? 0 : ratios.count % 2 == 1 ? ratios[middle]
            : (ratios[middle - 1] + ratios[middle]) / 2
        func rank(_ q: Double) -> SimTime {
            guard !turnarounds.isEmpty else { return .zero }
            let index = Int((q * Double(turnarounds.count)).rounded(.up)) - 1
            return .ns(turnarounds[max(0, min(turnarounds.count - 1, index))])
        }
        let n = turnarounds.count
        let mean = ratios.isEmpty ? 0 : slowdown / Double(ratios.count)
        return BalanceOutcome(finished: n, meanTurnaround: n == 0 ? .zero : .ns(turnarounds.reduce(0, +) / Int64(n)),
                              p95: rank(0.95), p99: rank(0.99), meanSlowdown: mean, medianSlowdown: median,
                              slowdowns: ratios.count)
    }
}

/// Finished programs' turnaround (mean and nearest-rank 95th and 99th percentiles) and slowdown (the mean of
/// the per-program ratios, and their median).
public struct BalanceOutcome: Sendable, Equatable {
    public var finished: Int
    public var meanTurnaround: SimTime
    public var p95: SimTime
    public var p99: SimTime
    public var meanSlowdown: Double
    public var medianSlowdown: Double
    /// The finished programs that used the CPU: a slowdown (turnaround over CPU time) is defined for these
    /// only, so with none the two slowdowns above are undefined (0 here), not a measured 0.
    public var slowdowns: Int
}
