import SpriteKernel

/// `migration [preset P] [strategy S] [precopy-rounds N] [precopy-stop PAGES]`: the costs of each migration
/// phase, the default strategy, and when pre-copy stops copying while the process runs.
struct MigrationSyntax: StatementSyntax {
    static let keywords = ["migration"]
    /// Pre-copy rounds a script may allow: each is an RPC while the process runs.
    static let maxRounds = 1000
    static let help = HelpEntry(
        topic: "migration",
        summary: "set process migration's phase costs (a preset of an era) and its default strategy",
        usage: ["migration [preset modern|sparcstation-1991|sprite-1988] [strategy flush|copy|precopy|lazy] "
                + "[precopy-rounds N] [precopy-stop PAGES]"],
        details: "Each migration phase is real RPCs (through the network, on the era's wire) plus the kernel "
            + "CPU the preset gives it at the node that serves it: select and release the host, the process "
            + "state (a remote exec's exec-time state, with no address space, costs less), 3 RPCs per open "
            + "file, and a CPU cost per KB for dirty file blocks, dirty VM pages and exec arguments. "
            + "sparcstation-1991 reproduces Douglis and Ousterhout's Table 1 (select and release 36 ms, a null "
            + "process 76 ms, a remote exec 35 ms: 81 ms fork, exec and wait with migration less 46 ms without, "
            + "9.4 ms a file, 480 KB/s file blocks, 660 KB/s VM pages, 480 KB/s exec arguments) on the "
            + "sprite-1988 network; sprite-1988 the Sun-3/75 figures (190 ms, 14 ms a file, a remote exec "
            + "60 ms). Pre-copy copies the dirty pages in rounds while the process runs, at most "
            + "precopy-rounds of them (4 in every preset, at most \(maxRounds)), and freezes it once precopy-stop "
            + "pages or fewer are dirty (4): the freeze copies the rest. A preset sets both back. With no "
            + "argument, shows the costs. See help migrate and docs/COST-MODEL.md.",
        example: """
            cluster { network ethernet preset sprite-1988; server fs1; workstation ws1, ws2 }
            migration preset sparcstation-1991 strategy flush
            migration precopy-rounds 8 precopy-stop 2
            migration
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        var statement = MigrationStatement(span: keyword.span)
        while !parser.atStatementEnd {
            let (word, _) = try parser.parseOption(["preset": 0, "strategy": 1, "precopy-rounds": 2,
                                                    "precopy-stop": 3], of: "migration")
            switch word.text {
            case "preset" where statement.preset == nil:
                statement.preset = try parser.parseChoice(MigrationPreset.self, "migration preset", "presets")
            case "strategy" where statement.strategy == nil:
                statement.strategy = try parser.parseChoice(MigrationStrategyKind.self, "migration strategy",
                                                            "strategies")
            case "precopy-rounds" where statement.rounds == nil:
                let span = parser.peek.span
                let rounds = try parser.parseCount("the most pre-copy rounds, as in precopy-rounds 4")
                guard rounds <= maxRounds else {
                    throw Diagnostic(.check, "\(rounds) pre-copy rounds is more than the \(maxRounds) allowed",
                                     at: span, help: "give at most \(maxRounds) (0: freeze at once)")
                }
                statement.rounds = rounds
            case "precopy-stop" where statement.stopPages == nil:
                statement.stopPages = Int64(try parser.parseCount("the dirty pages pre-copy stops at, as in "
                                                                  + "precopy-stop 4"))
            default:
                throw Diagnostic(.check, "'\(word.text)' is given twice", at: word.span, help: "keep one")
            }
        }
        return statement
    }
}

struct MigrationStatement: Statement {
    let span: SourceSpan
    var preset: MigrationPreset?
    var strategy: MigrationStrategyKind?
    var rounds: Int?
    var stopPages: Int64?

    func check(_ checker: inout Checker) {}

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        if let preset { s.setMigrationPreset(preset) }
        if let strategy { s.migrationStrategy = strategy }
        if let rounds { s.migrationCosts.precopyRounds = rounds }
        if let stopPages { s.migrationCosts.precopyStopPages = stopPages }
        guard preset == nil && strategy == nil && rounds == nil && stopPages == nil else { return }
        interpreter.emit(.table(Self.costs(s)))
        interpreter.emit(.table(Self.preCopy(s)))
    }

    /// When pre-copy stops copying while the process runs.
    static func preCopy(_ s: Simulation) -> Table {
        let c = s.migrationCosts
        return Table(name: "migration-precopy", title: "pre-copy: rounds while the process runs, and the dirty "
                        + "pages it is frozen at",
                     columns: [Column("rounds at most", key: "rounds"), Column("stop at pages", key: "stop_pages")],
                     rows: [[.count(Int64(c.precopyRounds)), .count(c.precopyStopPages)]])
    }

    static func costs(_ s: Simulation) -> Table {
        let c = s.migrationCosts
        let rows: [[Cell]] = [
            [.text("select, release"), .time(c.selectCPU), .count(1), .bytes(64), .text("call")],
            [.text("state"), .time(c.stateCPU), .count(1), .bytes(c.stateBytes), .text("migration")],
            [.text("exec-time state"), .time(c.execStateCPU), .count(1), .bytes(c.execStateBytes), .text("migration")],
            [.text("open file"), .time(c.perFileCPU), .count(Int64(c.fileRPCs)), .bytes(c.fileRPCBytes),
             .text("call")],
            [.text("dirty file blocks"), .time(c.fileFlushCPU), .count(1), .none, .text("KB")],
            [.text("dirty VM pages"), .time(c.pageFlushCPU), .count(1), .none, .text("KB")],
            [.text("exec arguments"), .time(c.execArgumentCPU), .count(1), .none, .text("KB")],
        ]
        return Table(name: "migration", title: "migration costs (preset \(s.migrationPreset?.rawValue ?? "custom"), "
                        + "strategy \(s.migrationStrategy.rawValue)); each phase also pays its RPCs on the wire",
                     columns: ["phase", Column("cpu", key: "cpu_ns"), "rpcs", Column("rpc size", key: "rpc_bytes"),
                               Column("cpu per", key: "cpu_per")], rows: rows)
    }
}
