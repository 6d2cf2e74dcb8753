/// `on NODE { … }`: file operations performed by one node, in order; `on PROCESS { … }` by a V process.
struct OnSyntax: StatementSyntax {
    static let keywords = ["on"]
    static let help = HelpEntry(
        topic: "on",
        summary: "perform file operations on a node, one after another",
        usage: ["on NODES { open …; read; write …; close; … }", "on PROCESS { open …; read; … }"],
        details: "A node's file operations run in order: each starts when the one before it has finished. "
            + "Blocks for different nodes issued at the same time run side by side; 'on ws[1..4] { … }' gives "
            + "each node the same steps. 'on PROCESS' (a process declared with 'process NAME on NODE') issues "
            + "them as that process: its open files, transaction and history are its own, while its node's "
            + "cache is shared with the node's other processes. They join that process's steps, after its "
            + "earlier sends, receives and computes (help process), and run beside the node's own and other "
            + "processes' steps: each process has its own operation in flight.",
        example: """
            cluster { server fs1; workstation jack }
            domain / on fs1
            on jack { open /notes rw; write "jack was here"; close }
            run
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offerNames([.process])   // a declared V process issues file steps of its own
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
        let actors = nodes.map { checker.resolveFileActor($0) }
        let outer = (checker.currentNode, checker.currentProcess)
        checker.transactionBegun = nil
        if let first = nodes.first {
            checker.currentNode = actors.first.flatMap { $0 } ?? first.text
            checker.currentProcess = checker.currentNode == first.text ? nil : first.text
        }
        checker.check(body)
        (checker.currentNode, checker.currentProcess) = outer
        checker.transactionBegun = nil
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let outer = (interpreter.currentNode, interpreter.currentProcess)
        defer { (interpreter.currentNode, interpreter.currentProcess) = outer }
        for name in nodes {
            // A V process's steps run on its node, as its own: its sessions, its transaction.
            if interpreter.simulation.node(named: name.text) == nil,
               let process = interpreter.simulation.process(named: name.text) {
                interpreter.currentNode = interpreter.simulation.processInfo(process).node
                interpreter.currentProcess = process
            } else {
                interpreter.currentNode = try interpreter.node(name)
                interpreter.currentProcess = nil
            }
            try interpreter.execute(body)
        }
    }
}
