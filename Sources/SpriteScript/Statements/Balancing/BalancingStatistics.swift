import SpriteKernel

extension StatisticsTable {
    /// Balancing's counts and the run's turnaround (every finished program); shown once a balancer, an idle
    /// rule or an input is declared.
    static let balancing: [Statistic] = [
        Statistic(name: "probes") { .count(Int64($0.balancingStatistics.probes)) },
        Statistic(name: "host-requests") { .count(Int64($0.balancingStatistics.centralRequests)) },
        Statistic(name: "balance-transfers") {
            .count(Int64($0.balancingStatistics.placed + $0.balancingStatistics.pulled))
        },
        Statistic(name: "balance-bytes") { s in
            let reports = s.migrationReports
            let moved = s.balancingTransfers.reduce(Int64(0)) {
                $0 + (reports.indices.contains($1) ? reports[$1].bytes : 0)
            }
            return .size(s.balancingStatistics.probeBytes + moved)
        },
        // Only processes that have left the host count, and only finished evictions give a time.
        Statistic(name: "evicted") { .count(Int64($0.evictionReports.reduce(0) { $0 + $1.moved })) },
        Statistic(name: "eviction-time") { mean($0.evictionReports.compactMap(\.time)) },
        // Over finished programs: none finished gives '-', not 0s.
        Statistic(name: "turnaround-mean") { outcome($0) { $0.meanTurnaround } },
        Statistic(name: "turnaround-p95") { outcome($0) { $0.p95 } },
        Statistic(name: "turnaround-p99") { outcome($0) { $0.p99 } },
    ]

    private static func outcome(_ s: Simulation, _ figure: (BalanceOutcome) -> SimTime) -> Value {
        let outcome = s.balanceOutcome()
        return outcome.finished == 0 ? .noMean(.duration) : .duration(figure(outcome))
    }

    static func balancingRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.balancerKind == .none && s.evictionReports.isEmpty && s.balancingStatistics == BalancingStatistics()
            && s.balancedNodes.isEmpty ? [] : balancing.map { ($0.name, $0.value(s)) }
    }

    static let balancingDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: balancing.map { ($0.name, $0.value(empty).dimension) })
    }()
}

/// `avg.slowdown`: turnaround over CPU time, averaged over the finished processes that used the CPU (1 for
/// one that never waited, was never blocked and never moved).
enum BalancingFields {
    /// NODE.load: its load average now; NODE.idle: 1 when the idle rule offers it now, else 0.
    static let node: [String: Dimension?] = ["load": .count, "idle": .count]

    static func measure(_ field: String, node: Int, _ s: Simulation) -> ExpectStatement.Measured? {
        switch field {
        case "load": .real(s.loadAverage(of: node))
        case "idle": .number(s.isIdle(node) ? 1 : 0, .count)
        default: nil
        }
    }

    /// Measured to the millionth, as expect measures ratios: `expect avg.slowdown == 1.166667` holds for a
    /// mean of 7/6, and JSON prints no float noise. Nil when no finished process used the CPU: slowdown =
    /// turnaround / CPU time is undefined for them (never 0: a slowdown is at least 1).
    static func slowdown(_ finished: [ProcessMetrics]) -> Double? {
        let ratios = finished.compactMap { m -> Double? in
            guard let finish = m.finish, m.cpuTime > .zero else { return nil }
            return (finish - m.arrival).seconds / m.cpuTime.seconds
        }
        guard !ratios.isEmpty else { return nil }
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        return (mean * 1_000_000).rounded() / 1_000_000
    }

    /// Why a slowdown is missing: said alike by expect, show balance and a sweep's cell.
    static let noSlowdown = "no finished process used the CPU, so slowdown (turnaround over CPU time) is undefined"
}
