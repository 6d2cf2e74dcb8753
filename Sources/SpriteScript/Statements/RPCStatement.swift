import SpriteKernel

/// `rpc CLIENTS -> SERVER …`: Sprite kernel-to-kernel remote procedure calls.
struct RPCSyntax: StatementSyntax {
    static let keywords = ["rpc"]
    static let help = HelpEntry(
        topic: "rpc",
        summary: "Sprite kernel RPC: request and reply, two packets for a small call",
        usage: ["rpc NODES -> NODE [request SIZE] [reply SIZE] [service T] [count N] [as LABEL]"],
        details: "Each client makes COUNT sequential calls (defaults: 32B request, 32B reply, 100us service, "
            + "1 call). The server's CPUs serve requests first come, first served. Arguments or results larger "
            + "than the MTU are fragmented; a fragmented reply is acknowledged once.",
        example: """
            cluster { workstation ws[1..4]; server fs1 }
            rpc ws[1..4] -> fs1 request 64B reply 16KB service 0.2ms count 10
            run
            """)

    static let options: [String: Dimension] = ["request": .size, "reply": .size, "service": .duration, "count": .count]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let clients = try parser.parseNameList("a client node")
        guard parser.acceptSymbol("->") != nil else { throw parser.unexpected(expected: "'->' and the server node") }
        let server = try parser.parseName("a server node")
        var statement = RPCStatement(span: keyword.span.through(server.span), clients: clients, server: server)
        while !parser.atStatementEnd, !parser.peek.isWord("as") {
            parser.offer(["as"])
            let (option, dimension) = try parser.parseOption(options, of: "rpc", article: "an")
            let (value, span) = try parser.parseQuantity(dimension)
            statement.settings[option.text] = (value, span)
        }
        statement.label = try parser.parseLabel()
        return statement
    }
}

struct RPCStatement: Statement {
    let span: SourceSpan
    let clients: [Name]
    let server: Name
    var settings: [String: (Quantity, SourceSpan)] = [:]
    var label: Name?

    func check(_ checker: inout Checker) {
        for client in clients {
            checker.resolveNode(client)
            if client.text == server.text { checker.error("an rpc goes to another node", at: client.span,
                              help: "name a server other than the client: rpc ws1 -> fs1") }
        }
        checker.resolveNode(server)
        if let (count, span) = settings["count"] { checker.requireWhole(count, 1...100_000_000, "count", at: span) }
        for key in ["request", "reply"] {
            if let (size, span) = settings[key] {
                checker.requireBetweenZeroAnd(size, Limits.size, key, at: span, allowZero: true)
            }
        }
        if let (service, span) = settings["service"] {
            checker.requireBetweenZeroAnd(service, Limits.duration, "service", at: span, allowZero: true)
        }
        if let label, clients.count > 1 {
            checker.error("'as' names one operation, but this rpc starts one per client", at: label.span,
                          help: "write one rpc statement per client to label each")
        }
        checker.declareLabel(label, kind: .rpc)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let serverIndex = try interpreter.node(server)
        for client in clients {
            let op = interpreter.simulation.rpc(
                from: try interpreter.node(client), to: serverIndex,
                requestBytes: settings["request"]?.0.integer ?? 32, replyBytes: settings["reply"]?.0.integer ?? 32,
                service: settings["service"]?.0.duration ?? .us(100), count: Int(settings["count"]?.0.integer ?? 1))
            interpreter.track(op, span: span, label: label)
        }
    }
}
