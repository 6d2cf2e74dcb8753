import SpriteKernel

/// `send A -> B "text" [segment SIZE]`: V Send; A blocks until B replies.
struct SendSyntax: StatementSyntax {
    static let keywords = ["send"]
    static let help = HelpEntry(
        topic: "send",
        summary: "V Send: a fixed 32-byte message; the sender blocks until the reply",
        usage: ["send PROCESS -> PROCESS [\"TEXT\"] [segment SIZE] [as LABEL]"],
        details: "TEXT (at most 32 bytes) travels in the fixed-size message. 'segment' piggybacks up to 1KB "
            + "of medium-sized data (ReceiveWithSegment). Larger data goes with moveto/movefrom.",
        example: """
            cluster { workstation ws1; server fs1; process client on ws1; process fileserver on fs1 }
            send client -> fileserver "read block 7" as r1
            receive fileserver
            reply fileserver -> client "ok"
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let (from, to) = try parseArrow(&parser, arrow: "->")
        let (text, segment) = try parseTextAndSegment(&parser)
        return SendStatement(span: keyword.span.through(to.span), from: from, to: to, text: text,
                             segment: segment, label: try parser.parseLabel())
    }

    static func parseArrow(_ parser: inout Parser, arrow: String) throws(Diagnostic) -> (Name, Name) {
        let from = try parser.parseName("a process name")
        guard parser.acceptSymbol(arrow) != nil else {
            throw parser.unexpected(expected: "'\(arrow)' and the other process")
        }
        return (from, try parser.parseName("a process name"))
    }

    static func parseTextAndSegment(
        _ parser: inout Parser
    ) throws(Diagnostic) -> ((String, SourceSpan)?, (Quantity, SourceSpan)?) {
        let text = parser.peek.kind == .string ? try parser.parseString("message text") : nil
        var segment: (Quantity, SourceSpan)?
        if parser.accept("segment") != nil { segment = try parser.parseQuantity(.size) }
        return (text, segment)
    }
}

/// Checks shared by send and reply.
enum MessageChecks {
    static func check(text: (String, SourceSpan)?, segment: (Quantity, SourceSpan)?, _ checker: inout Checker) {
        if let (text, span) = text, text.utf8.count > 32 {
            checker.error("message text is \(Plural.of(text.utf8.count, "byte")); a V message holds 32", at: span,
                          help: "shorten it, or move the data with 'segment' or moveto")
        }
        if let (size, span) = segment, size.integer > 1024 {
            checker.error("a segment carries at most 1KB, not \(Quantity.formatExact(size.integer, .size))", at: span,
                          help: "use moveto or movefrom for bulk data")
        }
    }
}

struct SendStatement: Statement {
    let span: SourceSpan
    let from: Name
    let to: Name
    let text: (String, SourceSpan)?
    let segment: (Quantity, SourceSpan)?
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveActingProcess(from, step: "send")
        checker.resolveProcess(to)
        if from.text == to.text {
            checker.error("a process cannot send to itself: it would block forever", at: to.span,
                          help: "send to another process, declared with: process NAME on NODE")
        }
        MessageChecks.check(text: text, segment: segment, &checker)
        checker.declareLabel(label, kind: .send)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let op = interpreter.simulation.send(from: try interpreter.process(from), to: try interpreter.peer(to),
                                             text: text?.0, segmentBytes: segment?.0.integer ?? 0)
        interpreter.track(op, span: span, label: label)
    }
}
