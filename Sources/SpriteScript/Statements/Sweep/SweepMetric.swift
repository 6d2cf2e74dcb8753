import SpriteKernel

/// One row of a sweep's table: what `expect NAME[…].FIELD` checks, measured the way the
/// statistic it stands for is (`expect stale-reads MODEL`, `lost-updates`, `crash-losses`,
/// `stats.file-rpcs`, `stats.to-server`, `stats.messages`, `now`; the process fields in
/// SweepProcessMetrics.swift).
///
/// A field is measured in every cell, or only in the cells that have something of it (`measure` gives
/// nil elsewhere: a mean turnaround where no scheduled process finished). The table shows a field when
/// some cell measured it, so a sweep of file-system cells keeps the same columns and JSON keys whatever
/// fields of processes exist; a cell that did not measure a shown field gives `-` (JSON null).
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
    /// Measured in every cell (nil never comes back): its JSON key is in every sweep's rows.
    var everyCell = true
    /// A real number held in millionths (a mean slowdown of 7/6 is 1166667), as `expect` measures ratios.
    var millionths = false
    /// Why a cell has no value, for an `expect` of it (fields measured in some cells only).
    var unmeasured = ""
    let measure: @Sendable (Interpreter) -> Int64?

    static let all: [SweepMetric] = files + processes

    /// The file-system fields, measured in every cell.
    static let files: [SweepMetric] = [
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

    /// The value as a real number in its base unit (a slowdown's millionths as the ratio).
    func real(_ value: Int64) -> Double { millionths ? Double(value) / 1_000_000 : Double(value) }

    /// The value as text shows it: a count, a size, a time, a ratio (`1.166667`).
    func display(_ value: Int64?) -> String {
        guard let value else { return "-" }
        if millionths { return ProcessTables.plain(real(value)) }
        return switch dimension {
        case .size: Quantity.formatBytes(value)
        case .duration: SimTime(nanoseconds: value).description
        default: String(value)
        }
    }
}
