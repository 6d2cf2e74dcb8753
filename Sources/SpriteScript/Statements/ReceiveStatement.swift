/// `receive P`: V Receive; blocks until a message is there.
struct ReceiveSyntax: StatementSyntax {
    static let keywords = ["receive"]
    static let help = HelpEntry(
        topic: "receive",
        summary: "V Receive: take the oldest delivered message, or block until one arrives",
        usage: ["receive PROCESS [as LABEL]"],
        details: "After receiving, the process owes the sender a reply; until then it may moveto/movefrom "
            + "the sender's memory.",
        example: """
            cluster { workstation ws1; server fs1; process client on ws1; process fileserver on fs1 }
            send client -> fileserver "read block 7"
            receive fileserver
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let process = try parser.parseName("a process name")
        return ReceiveStatement(span: keyword.span.through(process.span), process: process,
                                label: try parser.parseLabel())
    }
}

struct ReceiveStatement: Statement {
    let span: SourceSpan
    let process: Name
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveActingProcess(process, step: "receive")
        checker.declareLabel(label, kind: .receive)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let op = interpreter.simulation.receive(by: try interpreter.process(process))
        interpreter.track(op, span: span, label: label)
    }
}
