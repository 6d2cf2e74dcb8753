import SpriteKernel

/// `cache client policy …` and `cache NODES on|off [size SIZE]`.
struct CacheSyntax: StatementSyntax {
    static let keywords = ["cache"]
    static let help = HelpEntry(
        topic: "cache",
        summary: "choose the client write policy, or turn a node's file cache on or off",
        usage: ["cache client policy write-through|delayed-write|write-on-close [flush T] [age T] [block SIZE]",
                "cache NODES on|off [size SIZE]"],
        details: "write-through sends every write to the server before returning; delayed-write keeps dirty "
            + "blocks until a daemon, every 'flush' (30s, at least 10ms), writes back those older than 'age' (30s); "
            + "write-on-close writes back at close. A client cache holds whole files, sized in blocks (default: "
            + "half the node's memory) and never more: least recently used files not open on the node leave to "
            + "make room, a dirty one written back first; a file larger than the cache is read and written "
            + "through to its server. A server caches blocks in its whole memory: 'cache SERVER off' turns that "
            + "block cache off, so every read goes to its disk, and 'size' sets its size. A node of both roles "
            + "has both caches: on and off apply to both, size to its client cache.",
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            domain / on fs1
            cache client policy delayed-write flush 30s
            cache ws2 off
            cache fs1 on size 4MB
            """)

    static let policyOptions: [String: Dimension] = ["flush": .duration, "age": .duration, "block": .size]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        if parser.acceptPhrase(["client", "policy"]) {
            let policy = try parser.parseChoice(WritePolicyKind.self, "write policy", "policies")
            var settings: [(Name, Quantity, SourceSpan)] = []
            while !parser.atStatementEnd {
                let (option, dimension) = try parser.parseOption(policyOptions, of: "cache")
                let (value, span) = try parser.parseQuantity(dimension)
                settings.append((option, value, span))
            }
            return CachePolicyStatement(span: keyword.span, policy: policy, settings: settings)
        }
        let nodes = try parser.parseNameList("a node name, or 'client policy'")
        parser.offer(["on", "off"])
        let word = try parser.parseName("on or off")
        guard word.text == "on" || word.text == "off" else {
            throw Diagnostic(.syntax, "expected on or off, found '\(word.text)'", at: word.span,
                             help: "write on to enable the cache, off to disable it")
        }
        var size: (Quantity, SourceSpan)?
        if parser.accept("size") != nil { size = try parser.parseQuantity(.size) }
        return CacheNodeStatement(span: keyword.span, nodes: nodes, enabled: word.text == "on", size: size)
    }
}

struct CachePolicyStatement: Statement {
    let span: SourceSpan
    let policy: WritePolicyKind
    let settings: [(Name, Quantity, SourceSpan)]

    func check(_ checker: inout Checker) {
        for (option, value, valueSpan) in settings {
            if option.text == "block" {
                if value.integer < 512 {
                    checker.error("the block size must be at least 512B", at: valueSpan,
                                  help: "give a size from 512B, such as 4KB")
                } else {
                    checker.requireBetweenZeroAnd(value, 1 << 20, "the block size", at: valueSpan)
                }
            } else if option.text == "flush" && value.integer > 0 && value.integer < Limits.minimumFlush {
                // The daemon wakes every 'flush' while data is dirty: a tiny period spins a run to its limit.
                checker.error("the flush period must be at least \(SimTime(nanoseconds: Limits.minimumFlush))",
                              at: valueSpan, help: "the delayed-write daemon wakes this often while data is dirty")
            } else {
                checker.requireBetweenZeroAnd(value, Limits.duration, option.text, at: valueSpan)
            }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        var config = interpreter.simulation.fileSystemConfig
        config.writePolicy = policy
        for (option, value, _) in settings {
            interpreter.era.declaredPolicy.insert(option.text)
            switch option.text {
            case "flush": config.flushInterval = value.duration
            case "age": config.flushAge = value.duration
            default: config.blockSize = value.integer
            }
        }
        interpreter.simulation.configureFileSystem(config)
    }
}

struct CacheNodeStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let enabled: Bool
    let size: (Quantity, SourceSpan)?

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
        if let (value, valueSpan) = size {
            checker.requireBetweenZeroAnd(value, Limits.memory, "the cache size", at: valueSpan)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let simulation = interpreter.simulation
        for name in nodes {
            let node = try interpreter.node(name)
            let blocks = size.map { max(1, $0.0.integer / simulation.fileSystemConfig.blockSize) }
            // A workstation's cache is its client cache, a server's its block cache; a node of both roles has both,
            // and its size is its client cache's.
            let role = simulation.nodeSpec(node).role
            if role != .workstation {
                simulation.setServerCache(node: node, enabled: enabled, capacityBlocks: role == .server ? blocks : nil)
            }
            if role != .server {
                simulation.setClientCache(node: node, enabled: enabled, capacityBlocks: blocks)
            }
        }
    }
}
