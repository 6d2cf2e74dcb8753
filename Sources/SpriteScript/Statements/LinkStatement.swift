/// `link A <-> B loss P`: a loss rate for the packets between two nodes.
struct LinkSyntax: StatementSyntax {
    static let keywords = ["link"]
    static let placement = StatementPlacement.clusterOrAnywhere
    static let help = HelpEntry(
        topic: "link",
        summary: "set the packet loss probability between two nodes",
        usage: ["link NODE <-> NODE loss PCT"],
        details: "Each packet between the two nodes is lost with this probability, drawn from the seeded "
            + "generator. Lost messages are retransmitted after the network's timeout, up to its retries.",
        example: """
            cluster { workstation ws1; server fs1; link ws1 <-> fs1 loss 20% }
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let a = try parser.parseName("a node name")
        guard parser.acceptSymbol("<->") != nil else {
            throw parser.unexpected(expected: "'<->' between the two nodes")
        }
        let b = try parser.parseName("a node name")
        _ = try parser.expectWord("loss")
        let (loss, span) = try parser.parseQuantity(.percent)
        return LinkStatement(span: keyword.span, a: a, b: b, loss: loss.real, lossSpan: span)
    }
}

struct LinkStatement: Statement {
    let span: SourceSpan
    let a: Name
    let b: Name
    let loss: Double
    let lossSpan: SourceSpan

    func check(_ checker: inout Checker) {
        checker.resolveNode(a)
        checker.resolveNode(b)
        if a.text == b.text {
            checker.error("a link joins two different nodes", at: b.span,
                          help: "name two nodes: link ws1 <-> fs1 loss 5%")
        }
        if loss < 0 || loss > 1 {
            checker.error("loss must be between 0% and 100%", at: lossSpan, help: "give a percentage from 0% to 100%")
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.simulation.setLoss(loss, between: try interpreter.node(a), and: try interpreter.node(b))
    }
}
