import SpriteKernel

/// `show migrations`: each migration with its freeze and total time, bytes moved, pre-copy rounds, pages
/// fetched from (or lost with) the node it left, and its phases' times.
enum ShowMigrations {
    static func table(_ s: Simulation, _ c: RenderContext) -> Table {
        let reports = s.migrationReports
        let rows: [[Cell]] = reports.map { r in
            [.text(s.processName(Int(r.process.index))), .text(s.nodeName(r.from)), .text(s.nodeName(r.to)),
             .text(r.execTime ? "exec" : r.strategy.rawValue), .time(r.requested),
             r.freezeTime.map(Cell.time) ?? .none, r.totalTime.map(Cell.time) ?? .none, .bytes(r.bytes),
             .count(Int64(r.openFiles)), .count(Int64(r.precopyRounds)), .count(Int64(r.residualFetches)),
             .count(Int64(r.residualLost)), .text(r.state.rawValue)]
        }
        var notes: [String] = reports.isEmpty ? ["  no process has migrated"] : []
        // A process that moved more than once: each line names its move, so the lines tell them apart.
        var movesOf: [ProcessID: Int] = [:]
        for r in reports { movesOf[r.process, default: 0] += 1 }
        for r in reports where !r.phases.isEmpty || r.failure != nil {
            var parts = r.phases.map { "\($0.phase.rawValue) \($0.elapsed)" }
            if r.precopyRounds > 0 {
                parts.append("\(Plural.of(r.precopyRounds, "pre-copy round")) copied "
                             + Quantity.formatBytes(r.precopiedBytes))
            }
            if r.residualPages > 0 {
                parts.append("\(Plural.of(r.residualPages, "page")) left at \(s.nodeName(r.from)): "
                             + "\(r.residualFetches) fetched, \(r.residualLost) lost")
            }
            if r.pagesWrittenAtTarget > 0 {
                parts.append("\(Plural.of(r.pagesWrittenAtTarget, "copied page")) found no free frame on "
                             + "\(s.nodeName(r.to)): written to the backing file")
            }
            if let failure = r.failure { parts.append("failed: " + MigrationEventWords.words(failure, c)) }
            if let failure = r.releaseFailure { parts.append("release failed: " + EventWords.words(failure, c)) }
            let name = s.processName(Int(r.process.index))
            let label = (movesOf[r.process] ?? 0) > 1
                ? "\(name) \(s.nodeName(r.from)) -> \(s.nodeName(r.to)) at \(r.requested)" : name
            notes.append("  \(label): " + parts.joined(separator: ", "))
        }
        return Table(name: "migrations", title: "migrations",
                     columns: ["process", "from", "to", Column("strategy", short: "how"),
                               Column("asked", key: "asked_ns", dropRank: 3),
                               Column("frozen", key: "frozen_ns"), Column("total", key: "total_ns"),
                               Column("bytes", key: "bytes"), Column("files", key: "open_files"),
                               Column("rounds", key: "precopy_rounds", dropRank: 2),
                               Column("residual", key: "residual_fetches", short: "res"),
                               Column("lost", key: "residual_lost", dropRank: 1), "state"],
                     rows: rows, notes: notes)
    }
}

/// What `expect` reads of a process's migrations: how many, time frozen and in all, and each phase's time
/// (`phase-NAME`), summed over its finished migrations.
enum MigrationFields {
    static let phasePrefix = "phase-"
    static let process: [String: Dimension?] = {
        var fields: [String: Dimension?] = ["migrations": .count, "frozen": .duration, "migration-time": .duration,
                                            "forwarded": .count, "forwarding": .duration, "migration-bytes": .size,
                                            "residual": .count, "residual-lost": .count, "precopy-rounds": .count]
        for phase in MigrationPhase.allCases { fields[phasePrefix + phase.rawValue] = .duration }
        return fields
    }()

    static var helpLines: String {
        "  migrated process: " + process.keys.sorted().joined(separator: " ")
            + " (summed over its finished migrations; forwarded: calls made to its home node, forwarding: the "
            + "time it waited for them; residual: pages fetched from a node it left, lazy copy; residual-lost: those "
            + "whose fetch failed, the node having crashed; precopy-rounds: pre-copy's rounds while it ran)"
    }

    static func measure(_ owner: Name, _ field: String, _ s: Simulation) -> ExpectStatement.Measured? {
        guard process[field] != nil, let id = s.processID(named: owner.text) else { return nil }
        let done = s.migrationReports.filter { $0.process == id && $0.state == .done }
        func sum(_ times: [SimTime]) -> ExpectStatement.Measured {
            .number(times.reduce(0) { $0 + $1.nanoseconds }, .duration)
        }
        switch field {
        case "migrations": return .number(Int64(done.count), .count)
        case "frozen": return sum(done.compactMap(\.freezeTime))
        case "migration-time": return sum(done.compactMap(\.totalTime))
        case "migration-bytes": return .number(done.reduce(0) { $0 + $1.bytes }, .size)
        // Pages fetched from a node it left (lazy copy): the residual dependency it had.
        case "residual": return .number(Int64(done.reduce(0) { $0 + $1.residualFetches }), .count)
        // Fetches that failed: the page's only copy died with the node it was left on.
        case "residual-lost": return .number(Int64(done.reduce(0) { $0 + $1.residualLost }), .count)
        case "precopy-rounds": return .number(Int64(done.reduce(0) { $0 + $1.precopyRounds }), .count)
        case "forwarded": return .number(Int64(s.forwardedCalls(of: id).calls), .count)
        case "forwarding": return .number(s.forwardedCalls(of: id).time.nanoseconds, .duration)
        default:
            guard let phase = MigrationPhase(rawValue: String(field.dropFirst(phasePrefix.count))) else { return nil }
            return sum(done.map { $0.time(of: phase) })
        }
    }
}

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

    static func mean(_ times: [SimTime]) -> Value {
        guard !times.isEmpty else { return .noMean(.duration) }
        return .duration(.ns(times.reduce(0) { $0 + $1.nanoseconds } / Int64(times.count)))
    }

    static func migrationRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.migrationReports.isEmpty ? [] : migration.map { ($0.name, $0.value(s)) }
    }

    static let migrationDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: migration.map { ($0.name, $0.value(empty).dimension) })
    }()
}
