import SpriteKernel

/// `reply B -> A "text"`: V Reply; unblocks A. B does not block.
struct ReplySyntax: StatementSyntax {
    static let keywords = ["reply"]
    static let help = HelpEntry(
        topic: "reply",
        summary: "V Reply: answer a process that sent to us; the replier does not block",
        usage: ["reply PROCESS -> PROCESS [\"TEXT\"] [segment SIZE] [as LABEL]"],
        details: "The receiver must have received a message from that process and not replied yet. "
            + "'segment' is ReplyWithSegment: up to 1KB of data rides on the reply.",
        example: """
            cluster { workstation ws1; server fs1; process client on ws1; process fileserver on fs1 }
            send client -> fileserver "read block 7"
            receive fileserver
            reply fileserver -> client "ok" segment 512B
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let (from, to) = try SendSyntax.parseArrow(&parser, arrow: "->")
        let (text, segment) = try SendSyntax.parseTextAndSegment(&parser)
        return ReplyStatement(span: keyword.span.through(to.span), from: from, to: to, text: text,
                              segment: segment, label: try parser.parseLabel())
    }
}

struct ReplyStatement: Statement {
    let span: SourceSpan
    let from: Name
    let to: Name
    let text: (String, SourceSpan)?
    let segment: (Quantity, SourceSpan)?
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveActingProcess(from, step: "reply")
        checker.resolveProcess(to)
        MessageChecks.check(text: text, segment: segment, &checker)
        checker.declareLabel(label, kind: .reply)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let op = interpreter.simulation.reply(from: try interpreter.process(from), to: try interpreter.peer(to),
                                              text: text?.0, segmentBytes: segment?.0.integer ?? 0)
        interpreter.track(op, span: span, label: label)
    }
}
