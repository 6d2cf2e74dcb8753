import SpriteKernel

/// A distribution of durations, drawn from the engine's seeded generator.
enum DistributionWord: String, CaseIterable, Sendable {
    case fixed, uniform, exponential, bimodal

    /// What follows the word: how many durations, and whether a percentage ends it.
    var durations: Int { self == .uniform || self == .bimodal ? 2 : 1 }

    var usage: String {
        switch self {
        case .fixed: "fixed T"
        case .uniform: "uniform LOW HIGH"
        case .exponential: "exponential MEAN"
        case .bimodal: "bimodal SHORT LONG P%"
        }
    }
}

/// A distribution as written: its kind, its durations and, for bimodal, the share of short ones.
struct Distribution: Sendable {
    let kind: DistributionWord
    let kindSpan: SourceSpan
    let durations: [(Quantity, SourceSpan)]
    let share: (Quantity, SourceSpan)?

    static func parse(_ parser: inout Parser, what: String,
                      kinds: [DistributionWord] = DistributionWord.allCases) throws(Diagnostic) -> Distribution {
        let token = parser.peek
        let kind = try parser.parseChoice(DistributionWord.self, "distribution", "distributions")
        guard kinds.contains(kind) else {
            throw Diagnostic(.check, "\(what) cannot be \(kind.rawValue)", at: token.span,
                             help: "\(what): " + kinds.map(\.usage).joined(separator: " | "))
        }
        var durations: [(Quantity, SourceSpan)] = []
        for _ in 0..<kind.durations { durations.append(try parser.parseQuantity(.duration)) }
        let share = kind == .bimodal ? try parser.parseQuantity(.percent) : nil
        return Distribution(kind: kind, kindSpan: token.span, durations: durations, share: share)
    }

    func check(_ what: String, _ checker: inout Checker) {
        for (value, span) in durations {
            checker.requireBetweenZeroAnd(value, Limits.longDuration, what, at: span, allowZero: kind == .uniform)
        }
        if durations.count == 2, durations[0].0.integer > durations[1].0.integer {
            let names = kind == .uniform ? ("LOW", "HIGH") : ("SHORT", "LONG")
            checker.error("\(names.0) is longer than \(names.1)", at: durations[0].1.through(durations[1].1),
                          help: "write the shorter first: \(kind.usage)")
        }
        if let (share, span) = share, share.real > 1 {
            checker.error("the share of short bursts must be at most 100%", at: span,
                          help: "P% of the bursts are SHORT, the rest LONG")
        }
    }
}

/// `workload NODE jobs N [as PREFIX] [arrival DIST] burst DIST [bursts N io DIST]`: seeded generated jobs.
struct WorkloadSyntax: StatementSyntax {
    static let keywords = ["workload"]
    static let help = HelpEntry(
        topic: "workload",
        summary: "generate a seeded workload of jobs on a node: arrivals and burst lengths from distributions",
        usage: ["workload NODE jobs N [as PREFIX] [arrival DIST] burst DIST [bursts N io DIST]",
                "DIST: " + DistributionWord.allCases.map(\.usage).joined(separator: " | ")],
        details: "The jobs are named PREFIX1 … PREFIXN (default prefix: job). arrival is the time between "
            + "two arrivals (default fixed 0: all arrive now; bimodal is for bursts only); the first job "
            + "arrives now. Each job computes 'bursts' CPU bursts (default 1) drawn from the burst "
            + "distribution, with an I/O wait drawn from the io distribution between two of them. bimodal "
            + "SHORT LONG P% draws SHORT with probability P, else LONG. Every draw comes from the session's "
            + "seeded generator, so a script and a seed give the same jobs every time. N is at most "
            + "\(Limits.workloadJobs), bursts at most \(Limits.workloadBursts).",
        example: """
            cluster { workstation ws1 }
            scheduler ws1 rr quantum 10ms
            workload ws1 jobs 20 arrival exponential 10ms burst bimodal 2ms 50ms 80%
            run
            expect avg.response < 100ms
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let node = try parser.parseName("a node name")
        _ = try parser.expectWord("jobs")
        let countToken = parser.peek
        let count = try parser.parseCount("the number of jobs")
        var statement = WorkloadStatement(span: keyword.span.through(node.span), node: node, count: count,
                                          countSpan: countToken.span)
        if parser.accept("as") != nil { statement.prefix = try parser.parseName("a prefix for the job names") }
        if parser.accept("arrival") != nil {
            statement.arrival = try Distribution.parse(&parser, what: "arrival", kinds: [.fixed, .uniform,
                                                                                          .exponential])
        }
        _ = try parser.expectWord("burst")
        statement.burst = try Distribution.parse(&parser, what: "burst")
        if parser.accept("bursts") != nil {
            let token = parser.peek
            statement.bursts = (try parser.parseCount("the number of bursts per job"), token.span)
            _ = try parser.expectWord("io")
            statement.io = try Distribution.parse(&parser, what: "io")
        }
        return statement
    }
}

struct WorkloadStatement: Statement {
    let span: SourceSpan
    let node: Name
    let count: Int
    let countSpan: SourceSpan
    var prefix: Name?
    var arrival: Distribution?
    var burst: Distribution?
    var bursts: (Int, SourceSpan)?
    var io: Distribution?

    static let defaultPrefix = "job"

    /// The names of the jobs, made only when asked (the count is checked first).
    func name(_ index: Int) -> Name {
        Name(text: "\(prefix?.text ?? Self.defaultPrefix)\(index)", span: prefix?.span ?? countSpan)
    }

    func check(_ checker: inout Checker) {
        guard checker.resolveNode(node) else { return }
        checker.requireRange(count, 1...Limits.workloadJobs, "the number of jobs", at: countSpan)
        if let (bursts, span) = bursts {
            checker.requireRange(bursts, 1...Limits.workloadBursts, "bursts", at: span)
        }
        // Every job's bursts and I/O are drawn before any starts: bounded like a program's steps.
        let phases = Int64(count) * 2 * Int64(bursts?.0 ?? 1)
        if count <= Limits.workloadJobs, (bursts?.0 ?? 1) <= Limits.workloadBursts, phases > Limits.programSteps {
            checker.error("\(count) jobs of \(bursts?.0 ?? 1) bursts are \(phases) bursts and I/O waits to draw; "
                          + "a workload may have at most \(Limits.programSteps)", at: span,
                          help: "generate fewer jobs, or fewer bursts per job")
        }
        arrival?.check("the time between arrivals", &checker)
        burst?.check("a burst", &checker)
        io?.check("the I/O time", &checker)
        guard (1...Limits.workloadJobs).contains(count) else { return }
        let before = checker.diagnostics.count
        for index in 1...count {
            checker.declareScheduledProcess(name(index), on: node.text)
            // One clash is enough to say: the rest of the names clash the same way.
            if checker.diagnostics.count > before { return }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.generateWorkload(self, on: try interpreter.node(node))
    }
}
