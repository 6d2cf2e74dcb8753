/// `cluster { … }`: the block that declares the network and the nodes.
/// A later `cluster` block extends the same cluster.
struct ClusterSyntax: StatementSyntax {
    static let keywords = ["cluster"]
    static let help = HelpEntry(
        topic: "cluster",
        summary: "declare the network and the nodes (a later block extends the cluster)",
        usage: ["cluster [NAME] { network …; workstation …; server …; node …; link …; process … }"],
        details: "Inside the block: 'network' sets the cost model and topology, 'workstation', 'server' and "
            + "'node' declare machines, 'link' sets a loss rate between two nodes, 'process' declares V processes.",
        example: """
            cluster {
              network ethernet preset v-1983 topology bus
              server fs1 memory 32MB disk 20ms rate 1MB/s
              workstation ws[1..4] memory 8MB diskless
            }
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = parser.peek.kind == .identifier ? try parser.parseName("a cluster name") : nil
        let body = try parser.parseBlock(opening: keyword)
        return ClusterStatement(span: keyword.span, name: name, body: body)
    }
}

struct ClusterStatement: Statement {
    let span: SourceSpan
    let name: Name?
    let body: [any Statement]

    func check(_ checker: inout Checker) {
        let outer = checker.inCluster
        checker.inCluster = true
        for statement in body {
            if !(statement is NetworkStatement || statement is NodeStatement || statement is LinkStatement
                 || statement is ProcessStatement) {
                checker.error("only network, node, link and process declarations belong in a cluster block",
                              at: statement.span, help: "move this statement after the closing '}'")
            }
            statement.check(&checker)
        }
        checker.inCluster = outer
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.execute(body)
    }
}
