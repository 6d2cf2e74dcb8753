/// `on NODE { … }`: file operations performed by one node, in order.
struct OnSyntax: StatementSyntax {
    static let keywords = ["on"]
    static let help = HelpEntry(
        topic: "on",
        summary: "perform file operations on a node, one after another",
        usage: ["on NODES { open …; read; write …; close; … }"],
        details: "A node's file operations run in order: each starts when the one before it has finished. "
            + "Blocks for different nodes issued at the same time run side by side; 'on ws[1..4] { … }' gives "
            + "each node the same steps.",
        example: """
            cluster { server fs1; workstation jack }
            domain / on fs1
            on jack { open /notes rw; write "jack was here"; close }
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let nodes = try parser.parseNameList("a node name")
        let body = try parser.parseBlock(opening: keyword)
        return OnStatement(span: keyword.span, nodes: nodes, body: body)
    }
}

struct OnStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let body: [any Statement]

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
        let outer = checker.currentNode
        checker.transactionBegun = nil
        checker.currentNode = nodes.first?.text
        checker.check(body)
        checker.currentNode = outer
        checker.transactionBegun = nil
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let outer = interpreter.currentNode
        defer { interpreter.currentNode = outer }
        for node in nodes {
            interpreter.currentNode = try interpreter.node(node)
            try interpreter.execute(body)
        }
    }
}
