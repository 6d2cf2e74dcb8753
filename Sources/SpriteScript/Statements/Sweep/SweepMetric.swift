import SpriteKernel

/// One row of a sweep's table: what `expect NAME[…].FIELD` checks, measured the way the
/// statistic it stands for is (`expect stale-reads MODEL`, `lost-updates`, `crash-losses`,
/// `stats.file-rpcs`, `stats.to-server`, `stats.messages`, `now`).
struct SweepMetric: Sendable {
    /// The name `expect` uses.
    let field: String
    /// The row's heading when cells are columns.
    let title: String
    /// The column's short heading when cells are rows and the table is narrow.
    let short: String
    /// The JSON key.
    let key: String
    let dimension: Dimension
    /// When cells are rows and the table is still too wide: the lowest rank is left out first.
    var dropRank: Int?
    let measure: @Sendable (Interpreter) -> Int64

    static let all: [SweepMetric] = [
        stale(.unix, short: "unix"), stale(.session, short: "sess"), stale(.immutable, short: "imm", dropRank: 5),
        stale(.transaction, short: "txn", dropRank: 4),
        SweepMetric(field: "lost-updates", title: "lost updates", short: "lost", key: "lost_updates",
                    dimension: .count, dropRank: 6) { Int64($0.semantics().lostUpdates.count) },
        SweepMetric(field: "crash-losses", title: "crash losses", short: "crash", key: "crash_losses",
                    dimension: .count) { Int64($0.simulation.crashLosses.count) },
        SweepMetric(field: "file-rpcs", title: "server rpcs", short: "rpcs", key: "file_rpcs",
                    dimension: .count) { Int64($0.simulation.fileSystemStatistics.rpcs.values.reduce(0, +)) },
        SweepMetric(field: "to-server", title: "bytes to server", short: "bytes", key: "to_server_bytes",
                    dimension: .size, dropRank: 3) { $0.simulation.fileSystemStatistics.bytesToServer },
        SweepMetric(field: "messages", title: "messages", short: "msgs", key: "messages",
                    dimension: .count, dropRank: 1) { Int64($0.simulation.statistics.messagesSent) },
        SweepMetric(field: "time", title: "simulated time", short: "time", key: "time_ns",
                    dimension: .duration, dropRank: 2) { $0.simulation.now.nanoseconds },
    ]

    private static func stale(_ model: SharingModel, short: String, dropRank: Int? = nil) -> SweepMetric {
        SweepMetric(field: "stale-reads-\(model.rawValue)", title: "stale reads (\(model.rawValue))", short: short,
                    key: "stale_reads_\(model.rawValue)", dimension: .count, dropRank: dropRank) { interpreter in
            Int64(interpreter.semantics().reads.filter { $0.judgement(model) != .fresh }.count)
        }
    }

    static func named(_ field: String) -> SweepMetric? { all.first { $0.field == field } }

    /// The value as text shows it: a count, a size, a time.
    func display(_ value: Int64) -> String {
        switch dimension {
        case .size: Quantity.formatBytes(value)
        case .duration: SimTime(nanoseconds: value).description
        default: String(value)
        }
    }
}
