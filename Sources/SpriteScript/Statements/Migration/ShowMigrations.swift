import SpriteKernel

/// `show migrations`: each migration with its freeze and total time, bytes moved, and its phases' times.
enum ShowMigrations {
    static func table(_ s: Simulation) -> Table {
        let reports = s.migrationReports
        let rows: [[Cell]] = reports.map { r in
            [.text(s.processName(Int(r.process.index))), .text(s.nodeName(r.from)), .text(s.nodeName(r.to)),
             .text(r.execTime ? "exec" : r.strategy.rawValue), .time(r.requested),
             r.freezeTime.map(Cell.time) ?? .none, r.totalTime.map(Cell.time) ?? .none, .bytes(r.bytes),
             .count(Int64(r.openFiles)), .text(r.state.rawValue)]
        }
        var notes: [String] = reports.isEmpty ? ["  no process has migrated"] : []
        for r in reports where !r.phases.isEmpty {
            let phases = r.phases.map { "\($0.phase.rawValue) \($0.elapsed)" }.joined(separator: ", ")
            notes.append("  \(s.processName(Int(r.process.index))): " + phases
                         + (r.failure.map { "; failed: \($0)" } ?? ""))
        }
        return Table(name: "migrations", title: "migrations",
                     columns: ["process", "from", "to", "strategy", Column("asked", key: "asked_ns"),
                               Column("frozen", key: "frozen_ns"), Column("total", key: "total_ns"),
                               Column("bytes", key: "bytes"), Column("files", key: "open_files"), "state"],
                     rows: rows, notes: notes)
    }
}

/// `expect stats.migration-*`: PROCESS.migrations is a scheduled process's field (ProcessFields).
extension StatisticsTable {
    /// Means over the finished migrations (zero before the first), bytes summed; shown once one was asked for.
    static let migration: [Statistic] = [
        Statistic(name: "migrations") { .count(Int64(finishedMigrations($0).count)) },
        Statistic(name: "migration-freeze") { mean(finishedMigrations($0).compactMap(\.freezeTime)) },
        Statistic(name: "migration-time") { mean(finishedMigrations($0).compactMap(\.totalTime)) },
        Statistic(name: "migration-select") {
            mean(finishedMigrations($0).map { $0.time(of: .select) + $0.time(of: .release) })
        },
        Statistic(name: "migration-bytes") { .size(finishedMigrations($0).reduce(0) { $0 + $1.bytes }) },
    ]

    private static func finishedMigrations(_ s: Simulation) -> [MigrationReport] {
        s.migrationReports.filter { $0.state == .done }
    }

    private static func mean(_ times: [SimTime]) -> Value {
        .duration(times.isEmpty ? .zero : .ns(times.reduce(0) { $0 + $1.nanoseconds } / Int64(times.count)))
    }

    static func migrationRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.migrationReports.isEmpty ? [] : migration.map { ($0.name, $0.value(s)) }
    }

    static let migrationDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: migration.map { ($0.name, $0.value(empty).dimension) })
    }()
}
