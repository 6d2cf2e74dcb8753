/// `crash NODES` and `restart NODES`.
struct FaultSyntax: StatementSyntax {
    static let keywords = ["crash", "restart"]
    static let help = HelpEntry(
        topic: "crash",
        summary: "crash nodes (in-flight messages lost, processes die) or restart them",
        usage: ["crash NODES", "restart NODES"],
        details: "A crashed node's processes die and its messages in flight are lost. Operations waiting on it "
            + "fail after the retransmission budget; unless the statement that started them was written with "
            + "'try', that is a runtime error. A restarted node comes back with empty memory and fresh processes.",
        example: """
            cluster { server fs1; workstation ws1 }
            at 3ms { crash fs1 }
            at 1s { restart fs1 }
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        FaultStatement(span: keyword.span, crash: keyword.text == "crash",
                       nodes: try parser.parseNameList("a node name"))
    }
}

struct FaultStatement: Statement {
    let span: SourceSpan
    let crash: Bool
    let nodes: [Name]

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for node in nodes {
            let index = try interpreter.node(node)
            if crash { interpreter.simulation.crash(index) } else { interpreter.simulation.restart(index) }
        }
    }
}

/// `partition A, B | C` and `heal`.
struct PartitionSyntax: StatementSyntax {
    static let keywords = ["partition", "heal"]
    static let help = HelpEntry(
        topic: "partition",
        summary: "split the network into groups that cannot reach each other, or heal it",
        usage: ["partition NODES | NODES [| NODES …]", "heal"],
        details: "Nodes not named form one more group. Packets between groups are dropped, including those "
            + "already in flight when they arrive.",
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            partition ws1, ws2 | fs1
            heal
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        guard keyword.text == "partition" else { return PartitionStatement(span: keyword.span, groups: []) }
        var groups = [try parser.parseNameList("a node name")]
        while parser.acceptSymbol("|") != nil { groups.append(try parser.parseNameList("a node name")) }
        return PartitionStatement(span: keyword.span, groups: groups)
    }
}

struct PartitionStatement: Statement {
    let span: SourceSpan
    /// Empty for `heal`.
    let groups: [[Name]]

    func check(_ checker: inout Checker) {
        var seen: Set<String> = []
        for node in groups.joined() {
            checker.resolveNode(node)
            if !seen.insert(node.text).inserted { checker.error("node '\(node.text)' is in two groups", at: node.span,
                              help: "name each node in one group only") }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        if groups.isEmpty {
            interpreter.simulation.heal()
            return
        }
        var indices: [[Int]] = []
        for group in groups {
            var members: [Int] = []
            for node in group { members.append(try interpreter.node(node)) }
            indices.append(members)
        }
        interpreter.simulation.partition(indices)
    }
}
