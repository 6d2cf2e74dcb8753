import SpriteKernel

/// `workstation`, `server` and `node`: machines of the cluster.
struct NodeSyntax: StatementSyntax {
    static let keywords = ["workstation", "server", "node"]
    static let placement = StatementPlacement.clusterMember
    static let help = HelpEntry(
        topic: "nodes",
        summary: "declare workstations, file servers, or nodes with a role (inside cluster { })",
        usage: ["workstation NAMES [memory SIZE] [cpus N] [speed X] [disk T [rate R] | diskless]",
                "server NAMES [options as above]",
                "node NAMES role workstation|server|both [options as above]"],
        details: "NAMES is a comma-separated list; ws[1..8] expands to ws1 … ws8. Defaults: memory 16MB, "
            + "1 CPU, speed 1, a disk of 20ms access at 2MB/s. 'diskless' removes the disk.",
        example: """
            cluster {
              workstation ws[1..8] memory 8MB diskless
              server fs1 memory 32MB cpus 2 disk 15ms rate 1MB/s
            }
            """)

    static let options: [String: Dimension?] = [
        "memory": .size, "cpus": .count, "speed": .count, "disk": .duration, "rate": .rate,
        "diskless": nil, "role": nil,
    ]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let names = try parser.parseNameList("a node name")
        var statement = NodeStatement(span: keyword.span, keyword: keyword.text, names: names)
        statement.role = keyword.text == "server" ? .server : keyword.text == "workstation" ? .workstation : nil
        while !parser.atStatementEnd {
            let (option, dimension) = try parser.parseOption(options, of: "node")
            switch option.text {
            case "diskless": statement.diskless = option
            case "role":
                let role = try parser.parseChoice(NodeRole.self, "role", "roles")
                guard keyword.text == "node" else {
                    throw Diagnostic(.syntax, "'\(keyword.text)' already sets the role; use 'node NAME role …'",
                                     at: option.span, help: "remove 'role', or declare it as: node NAME role …")
                }
                statement.role = role
            default:
                let (value, span) = try parser.parseQuantity(dimension ?? .count)
                statement.settings.append((option, value, span))
            }
        }
        return statement
    }
}

struct NodeStatement: Statement {
    let span: SourceSpan
    let keyword: String
    let names: [Name]
    var role: NodeRole?
    var diskless: Name?
    var settings: [(Name, Quantity, SourceSpan)] = []

    static let defaultDisk = DiskSpec(accessLatency: .ms(20), bytesPerSecond: 2 << 20)

    func check(_ checker: inout Checker) {
        if !checker.inCluster {
            checker.error("'\(keyword)' declares a node; put it inside a cluster { } block", at: span,
                          help: "write: cluster { \(keyword) \(names.first?.text ?? "NAME") }")
        }
        if role == nil {
            checker.error("'node' needs a role", at: span, help: "add: role workstation, role server or role both")
        }
        for (option, value, valueSpan) in settings {
            switch option.text {
            case "cpus": checker.requireWhole(value, 1...1024, "cpus", at: valueSpan)
            case "speed":
                if value.real < 0.001 || value.real > 1000 {
                    checker.error("speed must be between 0.001 and 1000, not \(Checker.plain(value.real))",
                                  at: valueSpan, help: "speed scales the CPU against a standard node's 1: "
                                    + "0.5 is half as fast, 2 twice as fast; the range is 0.001 to 1000")
                }
            case "memory": checker.requireBetweenZeroAnd(value, Limits.memory, "memory", at: valueSpan)
            case "disk": checker.requireBetweenZeroAnd(value, Limits.duration, "the disk access time", at: valueSpan)
            case "rate": checker.requireBetweenZeroAnd(value, Limits.rate, "the disk rate", at: valueSpan)
            default: checker.requirePositive(value, option.text, at: valueSpan)
            }
            if let diskless, option.text == "disk" || option.text == "rate" {
                checker.error("a diskless node has no \(option.text)", at: diskless.span.through(diskless.span),
                              help: "drop 'diskless' or the disk settings")
            }
        }
        for name in names { checker.declareNode(name, role: role ?? .workstation) }
    }

    func spec(named name: String) -> NodeSpec {
        var spec = NodeSpec(name: name, role: role ?? .workstation, disk: diskless == nil ? Self.defaultDisk : nil)
        for (option, value, _) in settings {
            switch option.text {
            case "memory": spec.memoryBytes = value.integer
            case "cpus": spec.cpus = Int(value.integer)
            case "speed": spec.speed = value.real
            case "disk": spec.disk?.accessLatency = value.duration
            case "rate": spec.disk?.bytesPerSecond = value.integer
            default: break
            }
        }
        return spec
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for name in names {
            do {
                try interpreter.simulation.addNode(spec(named: name.text))
            } catch {
                throw Diagnostic(.runtime, "node '\(name.text)' is already declared", at: name.span,
                                 help: "an earlier 'at' block declared it by now: choose another name")
            }
        }
    }
}
