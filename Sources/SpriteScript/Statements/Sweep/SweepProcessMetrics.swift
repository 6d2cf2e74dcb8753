import SpriteKernel

/// A sweep's fields of scheduled processes, measured as `expect avg.turnaround`, `avg.response`,
/// `avg.slowdown` and `stats.migrations` are: the means over the programs that finished (a cell where none
/// did has none), the migrations that finished (a cell with no scheduled process and no migration has
/// none). They are measured in some cells only, so a sweep with no process in any cell shows none of them.
extension SweepMetric {
    static let processes: [SweepMetric] = [
        mean("mean-turnaround", title: "mean turnaround", short: "turn", key: "mean_turnaround_ns") {
            $0.turnaround.nanoseconds
        },
        mean("mean-response", title: "mean response", short: "resp", key: "mean_response_ns", dropRank: 7) {
            $0.response.nanoseconds
        },
        SweepMetric(field: "mean-slowdown", title: "mean slowdown", short: "slow", key: "mean_slowdown",
                    dimension: .count, dropRank: 8, everyCell: false, millionths: true,
                    unmeasured: noneFinished + ", or " + BalancingFields.noSlowdown) { interpreter in
            let finished = interpreter.processMetrics.filter { $0.finish != nil }
            // Undefined, as for expect avg.slowdown, when none finished or none that did used the CPU.
            guard let slowdown = BalancingFields.slowdown(finished) else { return nil }
            // Already rounded to the millionth: exact in millionths; a ratio past 9e12 (a process that
            // waited hours for a nanosecond of CPU) is held there rather than trapping the conversion.
            return Int64((min(slowdown, 9e12) * 1_000_000).rounded())
        },
        SweepMetric(field: "migrations", title: "migrations", short: "migr", key: "migrations", dimension: .count,
                    dropRank: 9, everyCell: false,
                    unmeasured: "the cell ran no scheduled process and no migration") { interpreter in
            let s = interpreter.simulation
            guard !interpreter.processMetrics.isEmpty || !s.migrationReports.isEmpty else { return nil }
            return Int64(s.migrationReports.filter { $0.state == .done }.count)
        },
    ]

    private static let noneFinished = "no scheduled process finished in the cell"

    /// A mean time over the cell's finished scheduled processes (`Averages`, as `show processes` gives it).
    private static func mean(_ field: String, title: String, short: String, key: String, dropRank: Int? = nil,
                             _ figure: @escaping @Sendable (Averages) -> Int64) -> SweepMetric {
        SweepMetric(field: field, title: title, short: short, key: key, dimension: .duration, dropRank: dropRank,
                    everyCell: false, unmeasured: noneFinished) { interpreter in
            let finished = interpreter.processMetrics.filter { $0.finish != nil }
            return finished.isEmpty ? nil : figure(Averages(finished))
        }
    }
}
