import SpriteKernel

/// `moveto B -> A SIZE` and `movefrom B <- A SIZE`: V bulk transfer into or
/// out of the memory of a process blocked awaiting B's reply.
struct MoveSyntax: StatementSyntax {
    static let keywords = ["moveto", "movefrom"]
    static let help = HelpEntry(
        topic: "moveto",
        summary: "V bulk data transfer to or from a process that awaits our reply",
        usage: ["moveto PROCESS -> PROCESS SIZE [as LABEL]", "movefrom PROCESS <- PROCESS SIZE [as LABEL]"],
        details: "The arrow shows where the data goes. The first process performs the move and blocks until "
            + "it is done; the second must be blocked in a send to the first, already received. Data travels "
            + "in MTU-sized packets acknowledged once; the trace shows the network penalty beside the time.",
        example: """
            cluster { workstation ws1; server fs1; process client on ws1; process fileserver on fs1 }
            send client -> fileserver "read 8KB"
            receive fileserver
            moveto fileserver -> client 8KB as page
            reply fileserver -> client "done"
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let arrow = keyword.text == "moveto" ? "->" : "<-"
        let (mover, peer) = try SendSyntax.parseArrow(&parser, arrow: arrow)
        let (size, sizeSpan) = try parser.parseQuantity(.size)
        return MoveStatement(span: keyword.span.through(sizeSpan),
                             direction: keyword.text == "moveto" ? .moveTo : .moveFrom,
                             mover: mover, peer: peer, bytes: size.integer, sizeSpan: sizeSpan,
                             label: try parser.parseLabel())
    }
}

struct MoveStatement: Statement {
    let span: SourceSpan
    let direction: MoveDirection
    let mover: Name
    let peer: Name
    let bytes: Int64
    let sizeSpan: SourceSpan
    let label: Name?

    func check(_ checker: inout Checker) {
        checker.resolveActingProcess(mover, step: direction == .moveTo ? "moveto" : "movefrom")
        checker.resolveProcess(peer)
        if bytes <= 0 {
            checker.error("the size must be greater than zero", at: sizeSpan, help: "give a size from 1B to 1GB")
        }
        if bytes > Limits.size {
            checker.error("moves are limited to 1GB", at: sizeSpan, help: "give a size from 1B to 1GB")
        }
        checker.declareLabel(label, kind: direction == .moveTo ? .moveTo : .moveFrom)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let simulation = interpreter.simulation
        let a = try interpreter.process(mover), b = try interpreter.peer(peer)
        let op = direction == .moveTo
            ? simulation.moveTo(from: a, to: b, bytes: bytes)
            : simulation.moveFrom(by: a, from: b, bytes: bytes)
        interpreter.track(op, span: span, label: label)
    }
}
