import SpriteKernel

extension Interpreter {
    /// A crash killed processes it was home to and that ran elsewhere: the run ends with a runtime error
    /// that says which and why, as a failed page-in does. Under `try` the trace line says it and the
    /// script goes on.
    func checkHomeCrashKills(at span: SourceSpan) throws(Diagnostic) {
        guard let killed = simulation.takeHomeCrashKills().first, !allowFailures else { return }
        flushTrace()
        let s = simulation
        let name = s.processMetrics(killed.process)?.name ?? "\(killed.process)"
        let home = s.nodeName(killed.home)
        throw Diagnostic(.runtime, "process \(name) ran on \(s.nodeName(killed.node)) away from its home \(home), "
                         + "and its call home failed at \(killed.time) (\(home) did not answer): its home kept its "
                         + "location-dependent state (process id, family, signals, time of day), so the process "
                         + "was killed, as in Sprite",
                         at: span, help: "keep the home node up while its processes run elsewhere, or put 'try' "
                            + "before the statement to let the script go on (stats.home-crash-kills counts them)")
    }
}

extension StatisticsTable {
    /// Migrated processes killed because their home crashed; shown once a migration was asked for.
    static let homeCrash: [Statistic] = [
        Statistic(name: "home-crash-kills") { .count(Int64($0.homeCrashKills.count)) },
    ]

    static func homeCrashRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.migrationReports.isEmpty && s.homeCrashKills.isEmpty ? [] : homeCrash.map { ($0.name, $0.value(s)) }
    }

    static let homeCrashDimensions: [String: Dimension] = ["home-crash-kills": .count]
}
