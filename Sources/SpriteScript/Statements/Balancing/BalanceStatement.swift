import SpriteKernel

/// `balance NODES strategy S [threshold N] [probes N] [period T] [central NODE] [capacity N]`: how arriving
/// processes are placed on NODES and moved between them.
struct BalanceSyntax: StatementSyntax {
    static let keywords = ["balance"]
    static let maximumProbes = 64
    static let help = HelpEntry(
        topic: "balance",
        summary: "place arriving processes on other nodes: none, random, sender, receiver, symmetric, sprite, graph",
        usage: ["balance NODES strategy none|random|sender|receiver|symmetric|sprite|graph [threshold N] "
                + "[probes N] [period T] [central NODE] [capacity N]"],
        details: "A spawned program arriving on one of NODES may run elsewhere, moved by exec-time migration "
            + "(help migrate; it has not run, so only its state moves). none: it runs at home. random: at a node "
            + "drawn at random, no probe. sender: when its node already runs or queues THRESHOLD processes (default "
            + "1), the node probes up to N distinct nodes at random (default 3), each probe a 64-byte RPC both "
            + "ways, and the first with fewer than THRESHOLD (counting processes on their way to it) takes it; if "
            + "none does, it runs at home. receiver: when a "
            + "process ends and its node has fewer than THRESHOLD left, the node probes up to N nodes and the "
            + "first with more than THRESHOLD gives it the newest process waiting in its run queue, else its "
            + "running one: one that has run is preempted and moved by a full migration (frozen, its state "
            + "moved), one that has not like a remote exec; period T: the least time between one node's rounds. "
            + "Probes and migrations are served by the kernels they reach, taking the CPU from the process "
            + "running there. symmetric: both. sprite: only idle hosts (help idle) with no foreign process take "
            + "one, found by one RPC to the host-selection server (central NODE) or by probing; input on a host "
            + "evicts them (help input). graph: the processes named in 'traffic' lines are partitioned over "
            + "NODES (in order) to cut the least traffic, at most capacity processes a node (default: as even as "
            + "possible); an exact search when NODES^processes is at most 50 million (3 nodes: 16 processes) and "
            + "it ends within its budget, else greedy and Kernighan-Lin swaps (bounded work); the partition "
            + "is printed, and each named process arriving on one of NODES is moved to its node. Randomness "
            + "comes from the seed. show balance gives each node's load (the 20 busiest of a bigger cluster and "
            + "a line for the rest; show balance all: every node) and the counts; expect reads "
            + "stats.probes, stats.balance-bytes, stats.balance-transfers, stats.turnaround-mean, "
            + "stats.turnaround-p95, stats.turnaround-p99, and avg.slowdown (each finished process's turnaround "
            + "over its CPU time, then the mean of those ratios to the millionth, as the load-balancing "
            + "literature defines it: not mean turnaround over mean CPU time, so one tiny job that waited can "
            + "dominate it; show "
            + "balance gives the median beside it). See docs/COST-MODEL.md.",
        example: """
            cluster { server fs1; workstation ws1, ws2, ws3, ws4 }
            balance ws1, ws2, ws3, ws4 strategy sender threshold 1 probes 2
            program job { compute 100ms }
            spawn job as a on ws1
            spawn job as b on ws1
            run
            show balance
            expect stats.balance-transfers == 1
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offerNames([.node])
        if parser.peek.text == "strategy" {
            throw parser.unexpected(expected: "the nodes to balance before 'strategy'",
                                    help: "name them: balance ws1, ws2 strategy …")
        }
        let nodes = try parser.parseNameList("the nodes to balance")
        _ = try parser.expectWord("strategy")
        let strategyToken = parser.peek
        let strategy = try parser.parseChoice(BalancerKind.self, "balancing strategy", "strategies")
        var statement = BalanceStatement(span: keyword.span.through(strategyToken.span), nodes: nodes,
                                         strategy: strategy)
        var seen = Set<String>()
        while !parser.atStatementEnd {
            let (word, _) = try parser.parseOption(["threshold": 0, "probes": 1, "period": 2, "central": 3,
                                                    "capacity": 4], of: "balance")
            guard seen.insert(word.text).inserted else {
                throw Diagnostic(.check, "'\(word.text)' is given twice", at: word.span, help: "keep one")
            }
            switch word.text {
            case "threshold": statement.threshold = (try parser.parseCount("the threshold, a run-queue length"),
                                                     word.span)
            case "probes": statement.probes = (try parser.parseCount("the most nodes one round probes"), word.span)
            case "period": statement.period = try parser.parseQuantity(.duration)
            case "central":
                parser.offerNames([.node])
                statement.central = try parser.parseName("the host-selection server")
            default: statement.capacity = (try parser.parseCount("the most processes a node takes"), word.span)
            }
        }
        return statement
    }
}

struct BalanceStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let strategy: BalancerKind
    var threshold: (Int, SourceSpan)?
    var probes: (Int, SourceSpan)?
    var period: (Quantity, SourceSpan)?
    var central: Name?
    var capacity: (Int, SourceSpan)?

    init(span: SourceSpan, nodes: [Name], strategy: BalancerKind) {
        self.span = span
        self.nodes = nodes
        self.strategy = strategy
    }

    func check(_ checker: inout Checker) {
        for node in nodes { _ = checker.resolveNode(node) }
        if let central { _ = checker.resolveNode(central, servers: true) }
        if let (value, at) = threshold, value > 1_000 {
            checker.error("the threshold must be at most 1000", at: at, help: "give a run-queue length up to 1000")
        }
        if let (value, at) = probes, value > BalanceSyntax.maximumProbes {
            checker.error("at most \(BalanceSyntax.maximumProbes) probes a round", at: at,
                          help: "give a probe limit up to \(BalanceSyntax.maximumProbes)")
        }
        if let (value, at) = period, value.integer > Limits.longDuration {
            checker.error("the period must be at most \(SimTime(nanoseconds: Limits.longDuration))", at: at,
                          help: "give a shorter period")
        }
        if let central, strategy != .sprite {
            checker.error("'central' names Sprite's host-selection server: only strategy sprite uses one",
                          at: central.span, help: "drop 'central \(central.text)' or use strategy sprite")
        }
        if let (value, at) = capacity {
            if strategy != .graph {
                checker.error("'capacity' bounds a graph placement: only strategy graph uses it", at: at,
                              help: "drop 'capacity \(value)' or use strategy graph")
            } else if value < 1 || value > 100_000 {
                checker.error("the capacity must be 1 to 100000 processes a node", at: at, help: "give 1 or more")
            }
        }
        checkOptions(&checker)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        var indices: [Int] = []
        for node in nodes { indices.append(try interpreter.node(node)) }
        let server = try central.map { name throws(Diagnostic) in try interpreter.node(name) }
        warnBeforeExecuting(interpreter, nodes: indices)
        do {
            try s.setBalancing(strategy, nodes: indices, threshold: threshold?.0 ?? 1, probes: probes?.0 ?? 3,
                               period: period?.0.duration ?? .zero, central: server)
        } catch {
            throw Diagnostic(.runtime, "cannot balance: \(error)", at: span, help: "see help balance")
        }
        interpreter.balanceInForce = BalanceInForce(statement: self, nodes: indices,
                                                    simulation: ObjectIdentifier(s),
                                                    trafficPlaced: s.declaredTraffic.count)
        guard strategy == .graph else { return }
        try GraphPlacementTable.place(self, nodes: indices, interpreter)
    }
}
