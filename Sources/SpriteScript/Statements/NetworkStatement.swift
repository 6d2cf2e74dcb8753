import SpriteKernel

/// `network …`: the cost model and the topology.
struct NetworkSyntax: StatementSyntax {
    static let keywords = ["network"]
    static let placement = StatementPlacement.clusterMember
    static let help = HelpEntry(
        topic: "network",
        summary: "set the network's cost model, topology and loss (inside cluster { })",
        usage: ["network [NAME] [preset modern|v-1983|v-1983-10mhz|sprite-1988|zero-overhead]",
                "        [topology bus|switched|ring|grid|torus|hypercube [width N]]",
                "        [bandwidth BW] [latency T] [mtu SIZE] [header SIZE]",
                "        [send-overhead T] [receive-overhead T]",
                "        [local-cost T] [loss PCT] [timeout T] [retries N]",
                "        [copy-rate RATE] [packet-overhead T] [rpc-size SIZE]",
                "        [open-cpu T] [close-cpu T] [read-cpu T] [write-cpu T] [call-cpu T]"],
        details: "A preset sets every cost; the other options override single values. A later 'network' line "
            + "changes only what it names. An era's preset (v-1983, sprite-1988) also supplies the era's machines "
            + "for what the script does not declare: the memory and drive of the nodes its cluster block declares, "
            + "wherever the network line stands in the block (sprite-1988: workstations 8MB, servers 16MB, "
            + "fujitsu-eagle disks), and the client caches' block size and daemon timing unless 'cache client "
            + "policy' names them (sprite-1988: 4KB blocks, flush 5s, age 30s); show nodes and show network say "
            + "which values came from the era. A lost message is sent again 'timeout' after it was sent, up to "
            + "'retries' times; an operation whose peer never answers (crashed, unreachable, or every copy lost) "
            + "fails timeout × (retries + 1) after its first attempt. copy-rate is the CPU's copy into and out of "
            + "the interface at each end (0B/s: free); packet-overhead is CPU time per packet at each end; "
            + "rpc-size is the most data one RPC carries (larger transfers take several RPCs); the -cpu options "
            + "are the file server's CPU per RPC of each kind (call-cpu: every other kind). A node's speed "
            + "divides its share of all of these. See docs/COST-MODEL.md.",
        example: """
            cluster { network ethernet preset sprite-1988 topology bus rpc-size 8KB copy-rate 4MB/s }
            """)

    static let options: [String: Dimension?] = [
        "preset": nil, "topology": nil, "width": .count, "bandwidth": .bandwidth, "latency": .duration,
        "mtu": .size, "header": .size, "send-overhead": .duration, "receive-overhead": .duration,
        "local-cost": .duration, "loss": .percent, "timeout": .duration, "retries": .count,
        "copy-rate": .rate, "packet-overhead": .duration, "rpc-size": .size, "open-cpu": .duration,
        "close-cpu": .duration, "read-cpu": .duration, "write-cpu": .duration, "call-cpu": .duration,
    ]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        var statement = NetworkStatement(span: keyword.span)
        if parser.peek.kind == .identifier, options[parser.peek.text] == nil,
           Suggestions.closest(to: parser.peek.text, among: options.keys) == nil {
            statement.name = try parser.parseName("a network name")
        }
        while !parser.atStatementEnd {
            let (option, dimension) = try parser.parseOption(options, of: "network")
            switch option.text {
            case "preset":
                let preset = try parser.parseChoice(CostPreset.self, "preset", "presets")
                statement.preset = preset
            case "topology":
                statement.topology = try parser.parseChoice(TopologyKind.self, "topology", "topologies")
            default:
                let (value, span) = try parser.parseQuantity(dimension ?? .count)
                statement.settings.append((option, value, span))
            }
        }
        return statement
    }
}

struct NetworkStatement: Statement {
    let span: SourceSpan
    var name: Name?
    var preset: CostPreset?
    var topology: TopologyKind?
    var settings: [(Name, Quantity, SourceSpan)] = []

    func check(_ checker: inout Checker) {
        if let preset { checker.symbols.preset = preset }
        if !checker.inCluster {
            checker.error("'network' belongs inside a cluster { } block", at: span,
                          help: "write: cluster { network … }")
        }
        for (option, value, valueSpan) in settings {
            switch option.text {
            case "loss":
                if value.real < 0 || value.real > 1 { checker.error("loss must be between 0% and 100%", at: valueSpan,
                              help: "give a percentage from 0% to 100%") }
            case "retries":
                checker.requireWhole(value, 0...100, "retries", at: valueSpan)
            case "width":
                checker.requireWhole(value, 1...100_000, "width", at: valueSpan)
            case "latency", "send-overhead", "receive-overhead", "local-cost", "packet-overhead", "open-cpu",
                 "close-cpu", "read-cpu", "write-cpu", "call-cpu":
                checker.requireBetweenZeroAnd(value, Limits.duration, option.text, at: valueSpan, allowZero: true)
            case "timeout":
                checker.requireBetweenZeroAnd(value, Limits.duration, option.text, at: valueSpan)
            case "bandwidth":
                checker.requireBetweenZeroAnd(value, Limits.bandwidth, option.text, at: valueSpan)
            case "copy-rate":
                checker.requireBetweenZeroAnd(value, Limits.rate, option.text, at: valueSpan, allowZero: true)
            case "rpc-size":
                checker.requireBetweenZeroAnd(value, Limits.size, option.text, at: valueSpan)
            case "header":
                checker.requireBetweenZeroAnd(value, Limits.header, option.text, at: valueSpan, allowZero: true)
            case "mtu":
                if value.integer < Limits.minimumMTU {
                    checker.error("mtu must be at least \(Limits.minimumMTU)B", at: valueSpan,
                              help: "give a size from \(Limits.minimumMTU)B, such as 1500B")
                } else {
                    checker.requireBetweenZeroAnd(value, Limits.size, option.text, at: valueSpan)
                }
            default:
                checker.requirePositive(value, option.text, at: valueSpan)
            }
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let simulation = interpreter.simulation
        var config = simulation.networkConfig
        if let name { config.name = name.text }
        if let preset {
            config.preset = preset
            config.cost = preset.model
        }
        if let topology { config.topology = topology }
        for (option, value, _) in settings {
            switch option.text {
            case "width": config.gridWidth = Int(value.integer)
            case "bandwidth": config.cost.bitsPerSecond = value.integer
            case "latency": config.cost.latency = value.duration
            case "mtu": config.cost.mtuBytes = value.integer
            case "header": config.cost.headerBytes = value.integer
            case "send-overhead": config.cost.sendOverhead = value.duration
            case "receive-overhead": config.cost.receiveOverhead = value.duration
            case "local-cost": config.cost.localMessageCost = value.duration
            case "loss": config.lossProbability = value.real
            case "timeout": config.cost.retransmitTimeout = value.duration
            case "retries": config.cost.maxRetransmits = Int(value.integer)
            case "copy-rate": config.cost.copyBytesPerSecond = value.integer
            case "packet-overhead": config.cost.packetOverhead = value.duration
            case "rpc-size": config.cost.maxRPCBytes = value.integer
            case "open-cpu": config.cost.fileCPU.open = value.duration
            case "close-cpu": config.cost.fileCPU.close = value.duration
            case "read-cpu": config.cost.fileCPU.read = value.duration
            case "write-cpu": config.cost.fileCPU.write = value.duration
            case "call-cpu": config.cost.fileCPU.other = value.duration
            default: break
            }
        }
        simulation.configureNetwork(config)
        if let preset { interpreter.applyEraPolicy(preset) }
    }
}
