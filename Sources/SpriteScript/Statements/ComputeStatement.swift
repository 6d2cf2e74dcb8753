/// `compute P DURATION`: occupy a CPU of the process's node.
struct ComputeSyntax: StatementSyntax {
    static let keywords = ["compute"]
    static let help = HelpEntry(
        topic: "compute",
        summary: "a process computes for a while on one of its node's CPUs",
        usage: ["compute PROCESS DURATION [as LABEL]"],
        details: """
            With no scheduler declared on the node, the work books the node's earliest-free CPU first come, \
            first served, and takes DURATION / speed. After 'scheduler NODE …' it is a CPU burst under that \
            scheduler, like a program's compute: it waits on the run queue, may be preempted, and shows on \
            'show timeline'.
            """,
        example: """
            cluster { workstation ws1; process fileserver on ws1 }
            compute fileserver 2ms
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let process = try parser.parseName("a process name")
        let (duration, span) = try parser.parseQuantity(.duration)
        return ComputeStatement(span: keyword.span.through(span), process: process, duration: duration,
                                durationSpan: span, label: try parser.parseLabel())
    }
}

struct ComputeStatement: Statement {
    let span: SourceSpan
    let process: Name
    let duration: Quantity
    let durationSpan: SourceSpan
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveActingProcess(process, step: "compute")
        checker.requireBetweenZeroAnd(duration, Limits.longDuration, "the duration", at: durationSpan)
        checker.declareLabel(label, kind: .compute)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let op = interpreter.simulation.compute(by: try interpreter.process(process), duration: duration.duration)
        interpreter.track(op, span: span, label: label)
    }
}
