import SpriteKernel

/// One job of a job list: CPU bursts with I/O between them.
struct JobLine: Sendable {
    let name: Name
    /// compute, io, compute, io, …, compute: always an odd count.
    var phases: [(Quantity, SourceSpan)] = []
    var values: [(Name, Quantity, SourceSpan)] = []

    var settings: SpawnSettings { SpawnOptions.settings(values) }
}

/// `jobs NODE { NAME [at T] burst T [io T burst T …] [priority N] [tickets N] }`: the textbook job list.
struct JobsSyntax: StatementSyntax {
    static let keywords = ["jobs"]
    static let help = HelpEntry(
        topic: "jobs",
        summary: "declare a job list on a node: each job's arrival, CPU bursts and I/O",
        usage: ["jobs NODE { NAME [at T] burst T [io T burst T …] [priority N] [tickets N]; … }"],
        details: "Each line is a process that arrives at T (the time on the clock; default: now), computes "
            + "its bursts in order and between two bursts waits for its I/O, off the CPU. "
            + "Jobs arriving at the same time are queued in the order they are listed. The bursts are known, "
            + "so sjf and srtf can use them. show processes gives each job's response, wait and turnaround.",
        example: """
            cluster { workstation ws1 }
            scheduler ws1 fcfs
            jobs ws1 {
              A burst 24ms
              B burst 3ms
              C at 2ms burst 3ms io 5ms burst 2ms
            }
            run
            show processes
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let node = try parser.parseName("a node name")
        var lines: [JobLine] = []
        try parser.parseItems(opening: keyword, words: []) { (parser: inout Parser) throws(Diagnostic) in
            lines.append(try parseLine(&parser))
        }
        return JobsStatement(span: keyword.span.through(node.span), node: node, jobs: lines)
    }

    private static func parseLine(_ parser: inout Parser) throws(Diagnostic) -> JobLine {
        var line = JobLine(name: try parser.parseName("a new job name"))
        if let at = parser.accept("at") {
            let (value, span) = try parser.parseQuantity(.duration)
            line.values.append((Name(text: "at", span: at.span), value, span))
        }
        _ = try parser.expectWord("burst")
        line.phases.append(try parser.parseQuantity(.duration))
        while parser.accept("io") != nil {
            line.phases.append(try parser.parseQuantity(.duration))
            guard parser.accept("burst") != nil else {
                throw parser.unexpected(expected: "'burst' and the CPU burst after the I/O",
                                        help: "a job ends with a CPU burst: io 5ms burst 2ms")
            }
            line.phases.append(try parser.parseQuantity(.duration))
        }
        try SpawnOptions.parse(&parser, allowed: ["priority", "tickets"], into: &line.values)
        return line
    }
}

struct JobsStatement: Statement {
    let span: SourceSpan
    let node: Name
    let jobs: [JobLine]

    func check(_ checker: inout Checker) {
        guard checker.resolveNode(node) else { return }
        if jobs.isEmpty {
            checker.error("the job list is empty", at: span, help: "write one job a line: A burst 24ms")
        }
        for job in jobs {
            for (index, phase) in job.phases.enumerated() {
                checker.requireBetweenZeroAnd(phase.0, Limits.longDuration, index % 2 == 0 ? "a burst" : "the I/O",
                                              at: phase.1)
            }
            SpawnOptions.check(job.values, &checker)
            checker.declareScheduledProcess(job.name, on: node.text)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.startJobs(jobs, on: try interpreter.node(node), at: span)
    }
}
