/// `try STATEMENT`: the operations it starts may fail without stopping the script.
struct TrySyntax: StatementSyntax {
    static let keywords = ["try"]
    static let help = HelpEntry(
        topic: "try",
        summary: "allow the operations of one statement (or block) to fail",
        usage: ["try STATEMENT", "try { STATEMENTS }"],
        details: "Without 'try', an operation that fails (its node or peer crashed, every retransmission was "
            + "lost, a reply to a process that did not send, a nested begin or a commit without begin) is a "
            + "runtime error: exit status 3. With it, the failure is printed and the script goes on; check an "
            + "operation's with 'expect LABEL.status == \"failed\"'.",
        example: """
            cluster { workstation ws1; server fs1 }
            crash fs1
            try rpc ws1 -> fs1 as r1
            run
            expect r1.status == "failed"
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        if parser.peek.isSymbol("{") {
            return TryStatement(span: keyword.span, body: try parser.parseBlock(opening: keyword))
        }
        return TryStatement(span: keyword.span, body: [try parser.parseStatement()])
    }
}

struct TryStatement: Statement {
    let span: SourceSpan
    let body: [any Statement]

    func check(_ checker: inout Checker) { checker.check(body) }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let outer = interpreter.allowFailures
        interpreter.allowFailures = true
        defer { interpreter.allowFailures = outer }
        try interpreter.execute(body)
    }
}
