import SpriteKernel

/// `migrate PROCESS to NODE [strategy S]`: move a running process to another node.
struct MigrateSyntax: StatementSyntax {
    static let keywords = ["migrate"]
    static let help = HelpEntry(
        topic: "migrate",
        summary: "move a process to another node: freeze, transfer, unfreeze (Sprite's process migration)",
        usage: ["migrate PROCESS to NODE [strategy flush|copy|precopy|lazy]"],
        details: "The target is reserved (an RPC), the process is frozen at its next safe point (at once if it "
            + "runs or waits for a CPU; one blocked in a call freezes when the call ends), its state goes to the "
            + "target, each open file's stream, offset and consistency state moves with its server (3 RPCs a "
            + "file) and its dirty file blocks are written back, then it is unfrozen on the target and the host "
            + "is released. Strategy flush (Sprite's, the default) writes dirty VM pages to their backing files "
            + "for the target to demand-page; copy moves every resident page inside the freeze; precopy copies "
            + "dirty pages in rounds while the process still runs, then the rest in a short freeze; lazy moves "
            + "only the state and leaves the pages at the source, each fetched by RPC at its first fault on the "
            + "target (PROCESS.residual counts these residual dependencies; if that node crashes, even if "
            + "it is back, the pages left there are lost: the next fault on one kills the process, counted in "
            + "PROCESS.residual-lost). A copied page that finds no free frame on the target is written to its "
            + "backing file from there. Pre-copy's rounds: 'migration precopy-rounds N precopy-stop PAGES' "
            + "(PROCESS.precopy-rounds counts them). The process "
            + "behaves the same: only its times change. Its home stays the node it was created on (a child it "
            + "forks away from home takes that home too, and an eviction sends it home with its parent): its "
            + "location-dependent calls (syscall gettimeofday|getpid|signal|device in its program) are RPCs to "
            + "the home kernel while it is away, counted in PROCESS.forwarded and PROCESS.forwarding; so are its "
            + "lock, unlock, signal, wait and barrier steps, which act on its home node's locks and channels. "
            + "If the home crashes while it is away it is killed at its next call home, as in Sprite (the home "
            + "kept its process id, family and signals): the run stops with a runtime error, or under 'try' goes on; "
            + "stats.home-crash-kills counts them. A forked child is named after the process the script "
            + "started, NAME.1, NAME.2, … in the order its family forks: 'migrate p.1 to ws2', 'expect "
            + "p.1.migrations == 1' (written together, no spaces). "
            + "Costs per phase: 'migration preset …' (help migration). show migrations lists each one, show "
            + "timeline draws it as an arrow between the host rows (help processes); expect reads "
            + "PROCESS.migrations, stats.migrations (finished ones), stats.migration-freeze, "
            + "stats.migration-time and stats.migration-select (means over finished migrations; select counts "
            + "the select and release RPCs), stats.migration-bytes (the sum over them). Works at the top level "
            + "and inside 'at T { }'. A migration refused (the "
            + "process has ended or is migrating already, a node is down, it is tied to its node) is a runtime "
            + "error, there as anywhere; under 'try' it is printed and the script goes on. A process is tied to "
            + "its node while it holds a lock, shares open files with a forked process, shares memory with "
            + "threads, or has pages on its node's swap area or of another page size than the target's.",
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            program job { compute 50ms }
            spawn job as a on ws1
            at 10ms { migrate a to ws2 }
            run
            show migrations
            expect a.migrations == 1
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offerNames([.process])
        let process = try parser.parseProcessName("the process to migrate")
        _ = try parser.expectWord("to")
        parser.offerNames([.node])
        let node = try parser.parseName("the node to migrate it to")
        var strategy: MigrationStrategyKind?
        if parser.accept("strategy") != nil {
            strategy = try parser.parseChoice(MigrationStrategyKind.self, "migration strategy", "strategies")
        }
        return MigrateStatement(span: keyword.span.through(node.span), process: process, node: node,
                                strategy: strategy)
    }
}

struct MigrateStatement: Statement {
    let span: SourceSpan
    let process: Name
    let node: Name
    let strategy: MigrationStrategyKind?

    func check(_ checker: inout Checker) {
        let knownProcess = checker.resolveProcess(process)
        guard checker.resolveNode(node), knownProcess else { return }
        guard checker.symbols.scheduled.contains(process.text)
                || checker.symbols.forkedChildRoot(of: process.text) != nil else {
            checker.error("'\(process.text)' is a declared process: only a process that runs a program migrates",
                          at: process.span, help: "spawn a program instead: spawn PROGRAM as \(process.text) on "
                            + (checker.symbols.processes[process.text] ?? "NODE"))
            return
        }
        // Where it is when the statement runs depends on the migrations before it, `at` blocks' included:
        // migrating it to the node it is on is a runtime error.
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        let target = try interpreter.node(node)
        guard let id = s.processID(named: process.text) else {
            let root = interpreter.symbols.forkedChildRoot(of: process.text)
            return try refuse(Diagnostic(.runtime, "process '\(process.text)' does not exist at \(s.now)",
                                         at: process.span, help: root.map { "\($0)'s family has not forked it yet: "
                                            + "its children are \($0).1, \($0).2, … in the order they are forked" }
                                            ?? "spawn it before migrating it (a spawn 'at' a later time makes it "
                                            + "then)"), interpreter)
        }
        if let refusal = s.migrationRefusal(id, to: target) {
            return try refuse(Diagnostic(.runtime, Self.words(refusal, process.text, node.text, s), at: span,
                                         help: Self.help(refusal, process.text)), interpreter)
        }
        if s.nodeSpec(target).role == .server {
            interpreter.emit(.diagnostic(Diagnostic(.runtime, "\(node.text) is a file server: Sprite never "
                                                    + "migrated processes to its file servers", at: node.span,
                                                    help: "migrate to a workstation", severity: .warning)))
        }
        do {
            try s.migrate(id, to: target, strategy: strategy)
        } catch {
            throw Diagnostic(.runtime, "cannot migrate '\(process.text)': \(error)", at: span, help: "see help migrate")
        }
    }

    /// A refused migration is a runtime error like any failed operation: it stops the script (at the top
    /// level or in an `at` block alike), unless under 'try', where it is printed and the script goes on.
    /// Nothing was reserved yet, so nothing is left behind.
    private func refuse(_ error: Diagnostic, _ interpreter: Interpreter) throws(Diagnostic) {
        guard interpreter.allowFailures else { throw error }
        var warning = error
        warning.severity = .warning
        warning.message = "migration refused: " + error.message
        warning.help = nil
        interpreter.emit(.diagnostic(warning))
    }

    static func words(_ refusal: MigrationRefusal, _ process: String, _ node: String, _ s: Simulation) -> String {
        switch refusal {
        case .ended:
            if let killed = s.processID(named: process).flatMap({ s.processMetrics($0)?.killedAt }) {
                "'\(process)' was killed by a crash at \(killed): there is nothing to migrate"
            } else {
                "'\(process)' has ended: there is nothing to migrate"
            }
        case .notAProgram: "'\(process)' does not run a program: only such a process migrates"
        case .alreadyThere: "'\(process)' is already on \(node)"
        case .alreadyMigrating: "'\(process)' is migrating already"
        case .targetDown: "\(node) is down: it cannot take '\(process)'"
        case .sourceDown: "the node of '\(process)' is down"
        case .tiedToNode(let why): "'\(process)' cannot leave its node: it \(why)"
        }
    }

    static func help(_ refusal: MigrationRefusal, _ process: String) -> String {
        switch refusal {
        case .ended: "migrate it before it ends (show processes gives its state)"
        case .alreadyThere: "name another node"
        case .alreadyMigrating: "wait for the first migration to end (show migrations), then migrate it again"
        case .targetDown, .sourceDown: "restart the node first, or name another"
        case .tiedToNode(let why): wayOut(why)
        case .notAProgram: "see help migrate"
        }
    }

    /// What would let a process tied to its node move.
    static func wayOut(_ why: String) -> String {
        if why.contains("lock") { return "migrate it before its 'lock' or after its 'unlock'" }
        if why.contains("swap area") { return "give its node's vm 'backing files' so its pages can move" }
        if why.contains("bytes (the target's") { return "migrate it to a node whose vm has the same page size" }
        if why.contains("open files") { return "migrate it before its fork, or after the shared files are closed" }
        if why.contains("thread") { return "threads that share memory stay together: migrate a single process" }
        return "see help migrate"
    }
}
