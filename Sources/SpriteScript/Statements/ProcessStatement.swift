/// `process NAMES on NODE`: V processes that send, receive and reply.
struct ProcessSyntax: StatementSyntax {
    static let keywords = ["process"]
    static let placement = StatementPlacement.clusterOrAnywhere
    static let help = HelpEntry(
        topic: "process",
        summary: "declare V processes on a node",
        usage: ["process NAMES on NODE"],
        details: "A process performs its steps (IPC, compute and its 'on PROCESS { }' file steps) in order; a "
            + "step that blocks (send, an empty receive, moveto, movefrom, compute, a file operation) holds the "
            + "steps after it; while its file operation is in flight it is blocked(file). "
            + "A declared process is a process like a "
            + "spawned one: they share one set of names and exchange V messages (a program sends to a declared "
            + "process by name; send, reply, moveto and movefrom may name a spawned process as the peer, though "
            + "only a declared one takes the script's steps). Its compute books its node's CPU, or is a burst under "
            + "the node's scheduler once one is declared (help compute); there it takes a file step only while it "
            + "holds a CPU, as a program does.",
        example: """
            cluster {
              workstation ws1; server fs1
              process client on ws1
              process fileserver on fs1
            }
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let names = try parser.parseNameList("a process name")
        _ = try parser.expectWord("on")
        let node = try parser.parseName("a node name")
        return ProcessStatement(span: keyword.span, names: names, node: node)
    }
}

struct ProcessStatement: Statement {
    let span: SourceSpan
    let names: [Name]
    let node: Name

    func check(_ checker: inout Checker) {
        guard checker.resolveNode(node) else { return }
        for name in names { checker.declareProcess(name, on: node.text) }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let index = try interpreter.node(node)
        for name in names {
            do {
                try interpreter.simulation.addProcess(named: name.text, on: index)
            } catch {
                throw Diagnostic(.runtime, "process '\(name.text)' is already declared", at: name.span,
                                 help: "an earlier 'at' block declared it by now: choose another name")
            }
        }
    }
}
