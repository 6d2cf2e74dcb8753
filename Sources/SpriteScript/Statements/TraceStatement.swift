import SpriteKernel

/// `trace off|operations|faults|messages`: how much of what happens is printed.
struct TraceSyntax: StatementSyntax {
    static let keywords = ["trace"]
    static let help = HelpEntry(
        topic: "trace",
        summary: "choose how much is printed as the simulation runs",
        usage: ["trace off|operations|faults|messages"],
        details: "'operations' (the default) prints sends, receives, replies, moves, RPCs, failures and faults. "
            + "'faults' adds each page fault served (a DSM fault with where its page came from, its messages "
            + "and its wait) and each copy invalidated. 'messages' adds those and every message sent, delivered, "
            + "dropped and retransmitted, and each disk request with when the arm served it. 'off' prints only "
            + "expects, echoes and errors.",
        example: """
            cluster { workstation ws1; server fs1 }
            trace messages
            rpc ws1 -> fs1
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let level = try parser.parseChoice(TraceLevel.self, "trace level", "levels")
        return TraceStatement(span: keyword.span, level: level)
    }
}

struct TraceStatement: Statement {
    let span: SourceSpan
    let level: TraceLevel
    func check(_ checker: inout Checker) {}
    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.setTraceLevel(level)
    }
}
