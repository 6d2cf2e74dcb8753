/// `on NODE { … }`: file operations performed by one node, in order.
struct OnSyntax: StatementSyntax {
    static let keywords = ["on"]
    static let help = HelpEntry(
        topic: "on",
        summary: "perform file operations on a node, one after another",
        usage: ["on NODE { open …; read; write …; close; … }"],
        details: "A node's file operations run in order: each starts when the one before it has finished. "
            + "Blocks for different nodes issued at the same time run side by side.",
        example: "on jack { open /notes rw; write \"jack was here\"; close }")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let node = try parser.parseName("a node name")
        let body = try parser.parseBlock(opening: keyword)
        return OnStatement(span: keyword.span, node: node, body: body)
    }
}

struct OnStatement: Statement {
    let span: SourceSpan
    let node: Name
    let body: [any Statement]

    func check(_ checker: inout Checker) {
        checker.resolveNode(node)
        let outer = checker.currentNode
        checker.currentNode = node.text
        checker.check(body)
        checker.currentNode = outer
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let outer = interpreter.currentNode
        interpreter.currentNode = try interpreter.node(node)
        defer { interpreter.currentNode = outer }
        try interpreter.execute(body)
    }
}
