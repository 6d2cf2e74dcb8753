import SpriteKernel

/// `cache client policy …` and `cache NODES on|off [size SIZE]`.
struct CacheSyntax: StatementSyntax {
    static let keywords = ["cache"]
    static let help = HelpEntry(
        topic: "cache",
        summary: "choose the client write policy, turn a node's file cache on or off, or give it a disk cache",
        usage: ["cache client policy write-through|delayed-write|write-on-close [flush T] [age T] [block SIZE]"
                    + " [read-ahead N] [batch N]",
                "cache NODES on|off [size SIZE] [read-ahead N]", "cache NODES disk [size SIZE]"],
        details: "write-through sends every write to the server before returning; delayed-write keeps dirty "
            + "blocks until a daemon, every 'flush' (30s, at least 10ms), writes back those older than 'age' (30s); "
            + "write-on-close writes back at close. A client cache holds whole files, sized in blocks (default: "
            + "half the node's memory) and never more: least recently used files not open on the node leave to "
            + "make room, a dirty one written back first; a file larger than the cache is read and written "
            + "through to its server. A server caches blocks in its whole memory: 'cache SERVER off' turns that "
            + "block cache off, so every read goes to its disk, and 'size' sets its size. A node of both roles "
            + "has both caches: on and off apply to both, size to its client cache. "
            + "read-ahead N in the client policy: 'read PATH blocks A..B' starts the calls for the next N blocks "
            + "with each block it has to ask the server for (a window: blocks already asked for are not asked "
            + "again), and a read finding its block on the way waits for it; on a server, "
            + "a block read that follows the previous one and goes to the disk also reads the next N blocks into "
            + "its cache (the arm busy, the reply not delayed). batch N: 'write PATH blocks A..B' sends N blocks a "
            + "call; a call larger than the network's rpc-size goes as several RPCs of rpc-size (each counted in "
            + "rpc.write and in the trace's write calls). 'cache NODE disk' gives a node with a disk a disk cache "
            + "(64MB unless 'size'): a memory miss "
            + "looks there, on the node's own drive, before asking the server, and data from the server is written "
            + "there behind. It survives a crash and restart (the next open checks it with the server) and serves "
            + "reads the server does not answer (disconnected operation): such a read is judged stale when the "
            + "server holds a newer version, and says so; writes still fail (help access).",
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            domain / on fs1
            cache client policy delayed-write flush 30s
            cache ws2 off
            cache fs1 on size 4MB
            """)

    static let policyOptions: [String: Dimension] = ["flush": .duration, "age": .duration, "block": .size,
                                                      "read-ahead": .count, "batch": .count]

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
        parser.offer(["on", "off", "disk"])
        let word = try parser.parseName("on, off or disk")
        guard ["on", "off", "disk"].contains(word.text) else {
            let hint = Suggestions.didYouMean(word.text, among: ["on", "off", "disk"])
            throw Diagnostic(.syntax, "expected on, off or disk, found '\(word.text)'\(hint)", at: word.span,
                             help: "write on to enable the cache, off to disable it, disk for a disk cache")
        }
        var size: (Quantity, SourceSpan)?
        if parser.accept("size") != nil { size = try parser.parseQuantity(.size) }
        if word.text == "disk" { return CacheDiskStatement(span: keyword.span, nodes: nodes, size: size) }
        var readAhead: (Int, SourceSpan)?
        if word.text == "on", parser.accept("read-ahead") != nil {
            let span = parser.peek.span
            readAhead = (try parser.parseCount("a number of blocks to read ahead"), span)
        }
        return CacheNodeStatement(span: keyword.span, nodes: nodes, enabled: word.text == "on", size: size,
                                  readAhead: readAhead)
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
            } else if option.text == "read-ahead" || option.text == "batch" {
                checker.requireBetweenZeroAnd(value, 1024, option.text, at: valueSpan,
                                              allowZero: option.text == "read-ahead")
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
            case "read-ahead":
                config.readAhead = value.integer
                interpreter.simulation.noteCachePlacesUsed()
            case "batch":
                config.batch = value.integer
                interpreter.simulation.noteCachePlacesUsed()
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
    var readAhead: (Int, SourceSpan)?

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
        if let (value, valueSpan) = size {
            checker.requireBetweenZeroAnd(value, Limits.memory, "the cache size", at: valueSpan)
        }
        if let (count, span) = readAhead {
            if count > 1024 {
                checker.error("read-ahead \(count) is more than 1024 blocks", at: span,
                              help: "a server reads a few blocks ahead: try 8")
            }
            for node in nodes where checker.symbols.nodes[node.text] == .workstation {
                checker.error("\(node.text) is a workstation: 'cache NODE on read-ahead N' is a server's read-ahead",
                              at: node.span, help: "for clients, write cache client policy … read-ahead N")
            }
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
            if let (count, _) = readAhead { simulation.setServerReadAhead(node: node, blocks: Int64(count)) }
        }
    }
}

/// `cache NODES disk [size SIZE]`: a client disk cache on each node's own drive.
struct CacheDiskStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let size: (Quantity, SourceSpan)?

    func check(_ checker: inout Checker) {
        for node in nodes where checker.resolveNode(node) {
            if checker.symbols.nodes[node.text] == .server {
                checker.error("\(node.text) is a server: a disk cache is a client's", at: node.span,
                              help: "name workstations, or nodes of role both")
            }
        }
        if let (value, valueSpan) = size {
            checker.requireBetweenZeroAnd(value, Limits.memory, "the disk cache size", at: valueSpan)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for name in nodes {
            let node = try interpreter.node(name)
            guard interpreter.simulation.setDiskCache(node: node, capacityBytes: size?.0.integer) else {
                throw Diagnostic(.runtime, "\(name.text) has no disk: a disk cache lives on the client's own drive",
                                 at: name.span, help: "give it a drive (workstation \(name.text) disk fujitsu-eagle), "
                                    + "or cache in its memory: cache \(name.text) on")
            }
        }
    }
}
