import SpriteKernel

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
        checkLatePreset(&checker)
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

    /// A preset of another era in a later block does not change the nodes declared before it.
    private func checkLatePreset(_ checker: inout Checker) {
        guard let preset, preset.machines != checker.symbols.preset.machines, !checker.symbols.nodes.isEmpty else {
            return
        }
        let names = checker.symbols.nodes.keys.sorted()
        let shown = names.count > 4 ? names.prefix(4).joined(separator: ", ") + " …" : names.joined(separator: ", ")
        let verb = names.count == 1 ? "keeps" : "keep"
        checker.report(Diagnostic(
            .check, "preset \(preset.rawValue) comes after nodes were declared: \(shown) \(verb) the memory and disk "
                + "they were given", at: span,
            help: "name the preset in the cluster block that declares the nodes (anywhere in it), or declare "
                + "their memory and disk", severity: .warning))
    }

    /// The preset the block's last `network` line names, if any.
    var preset: CostPreset? { body.compactMap { ($0 as? NetworkStatement)?.preset }.last }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        // The block's nodes get its preset's era wherever the network line stands in it.
        let outer = interpreter.era.blockPreset
        interpreter.era.blockPreset = preset
        defer { interpreter.era.blockPreset = outer }
        try interpreter.execute(body)
    }
}
