import SpriteKernel

/// `workstation`, `server` and `node`: machines of the cluster.
struct NodeSyntax: StatementSyntax {
    static let keywords = ["workstation", "server", "node"]
    static let placement = StatementPlacement.clusterMember
    static let help = HelpEntry(
        topic: "nodes",
        summary: "declare workstations, file servers, or nodes with a role (inside cluster { })",
        usage: ["workstation NAMES [memory SIZE] [cpus N] [speed X] [DISK | diskless]",
                "server NAMES [options as above]",
                "node NAMES role workstation|server|both [options as above]",
                "DISK: disk T [rate R] | disk DRIVE | disk seek T [rpm N] [rate R]"],
        details: "NAMES is a comma-separated list; ws[1..8] expands to ws1 … ws8. Defaults: memory 16MB, "
            + "1 CPU, speed 1, a disk of 20ms access at 2MB/s, unless the cluster block's network preset is of "
            + "an era (see help network: sprite-1988 gives workstations 8MB, servers 16MB and fujitsu-eagle "
            + "disks). 'diskless' removes the disk. A disk has an average "
            + "seek, a spindle speed (rpm: half a revolution is the average rotational delay) and a media rate; "
            + "'disk T rate R' means seek T with no rotational delay. DRIVE is a named drive: "
            + DrivePreset.allCases.map(\.rawValue).joined(separator: ", ") + " (rate, seek or rpm after it "
            + "override its figures). See help disk, and docs/COST-MODEL.md, Disks.",
        example: """
            cluster {
              workstation ws[1..8] memory 8MB diskless
              server fs1 memory 32MB cpus 2 disk 15ms rate 1MB/s
              server fs2 disk fujitsu-eagle
              workstation ws9 disk seek 8.5ms rpm 7200 rate 200MB/s
            }
            """)

    static let options: [String: Dimension?] = [
        "memory": .size, "cpus": .count, "speed": .count, "disk": nil, "rate": .rate, "seek": .duration,
        "rpm": .count, "diskless": nil, "role": nil,
    ]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let names = try parser.parseNameList("a node name")
        var statement = NodeStatement(span: keyword.span, keyword: keyword.text, names: names)
        statement.role = keyword.text == "server" ? .server : keyword.text == "workstation" ? .workstation : nil
        while !parser.atStatementEnd {
            let (option, dimension) = try parser.parseOption(options, of: "node")
            switch option.text {
            case "diskless": statement.diskless = option
            case "disk": try parseDisk(&parser, option, into: &statement)
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

    /// After `disk`: an access time (`disk 20ms`), a drive's name, or
    /// nothing when `seek` follows (`disk seek 18ms rpm 3961`).
    private static func parseDisk(_ parser: inout Parser, _ option: Name,
                                  into statement: inout NodeStatement) throws(Diagnostic) {
        statement.disk = option
        let drives = DrivePreset.allCases.map(\.rawValue)
        if parser.peek.kind == .number {
            let (value, span) = try parser.parseQuantity(.duration)
            statement.settings.append((option, value, span))
            return
        }
        parser.offerAtEnd(.words(drives + ["seek"]))
        let word = parser.peek
        if word.kind == .identifier, word.text == "seek" { return }
        let help = "write an access time (disk 20ms), a drive (disk fujitsu-eagle) or its figures "
            + "(disk seek 18ms rpm 3961 rate 1.86MB/s); drives: " + drives.joined(separator: " ")
        guard word.kind == .identifier else {
            throw parser.unexpected(expected: "an access time like 20ms, a drive name or 'seek' after 'disk'",
                                    help: help)
        }
        parser.advance()
        guard let drive = DrivePreset(rawValue: word.text) else {
            let hint = Suggestions.didYouMean(word.text, among: drives + ["seek"])
            throw Diagnostic(.check, "unknown drive '\(word.text)'\(hint)", at: word.span, help: help)
        }
        statement.drive = (drive, Name(text: word.text, span: word.span))
    }
}

struct NodeStatement: Statement {
    let span: SourceSpan
    let keyword: String
    let names: [Name]
    var role: NodeRole?
    var diskless: Name?
    /// The `disk` word, and the drive it names if any.
    var disk: Name?
    var drive: (DrivePreset, Name)?
    var settings: [(Name, Quantity, SourceSpan)] = []

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
            case "seek": checker.requireBetweenZeroAnd(value, Limits.duration, "the disk seek", at: valueSpan)
            case "rpm": checker.requireWhole(value, 0...100_000, "rpm", at: valueSpan)
            default: checker.requirePositive(value, option.text, at: valueSpan)
            }
            if let diskless, Self.diskOptions.contains(option.text) {
                checker.error("a diskless node has no \(option.text)", at: diskless.span.through(diskless.span),
                              help: "drop 'diskless' or the disk settings")
            }
        }
        checkDiskForms(&checker)
        for name in names { checker.declareNode(name, role: role ?? .workstation) }
        if let memory = settings.last(where: { $0.0.text == "memory" }) {
            for name in names { checker.symbols.nodeMemory[name.text] = memory.1.integer }
        }
    }

    static let diskOptions: Set<String> = ["disk", "rate", "seek", "rpm"]

    /// The values this declaration leaves to the era: memory, and a disk it has but does not describe.
    var eraFields: [String] {
        let declared = Set(settings.map(\.0.text))
        var fields: [String] = []
        if !declared.contains("memory") { fields.append("memory") }
        if diskless == nil, drive == nil, declared.isDisjoint(with: Self.diskOptions) { fields.append("disk") }
        return fields
    }

    /// `disk T` is the whole access time, so it takes no seek or rpm; and a
    /// node has one disk, named once.
    private func checkDiskForms(_ checker: inout Checker) {
        if let diskless, let drive {
            checker.error("a diskless node has no disk", at: diskless.span,
                          help: "drop 'diskless' or 'disk \(drive.1.text)'")
        }
        let access = settings.first { $0.0.text == "disk" }
        for (option, _, span) in settings where option.text == "seek" || option.text == "rpm" {
            if let access {
                let time = Quantity.format(access.1.integer, .duration)
                checker.error("'disk \(time)' already gives the whole access time; it takes no \(option.text)",
                              at: option.span.through(span),
                              help: "write disk seek T rpm N [rate R], or drop '\(option.text)'")
            }
        }
    }

    /// The node as declared, its memory and disk starting from the era's
    /// (what the network preset gives a node that declares none).
    func spec(named name: String, era: EraMachines = .generic) -> NodeSpec {
        let role = role ?? .workstation
        var spec = NodeSpec(name: name, role: role, memoryBytes: era.memory(for: role),
                            disk: diskless == nil ? era.drive : nil)
        if let drive, diskless == nil { spec.disk = drive.0.drive }
        for (option, value, _) in settings {
            switch option.text {
            case "memory": spec.memoryBytes = value.integer
            case "cpus": spec.cpus = Int(value.integer)
            case "speed": spec.speed = value.real
            case "disk":
                spec.disk = spec.disk.map { DiskDrive(accessTime: value.duration, bytesPerSecond: $0.bytesPerSecond) }
            case "seek": spec.disk?.averageSeek = value.duration
            case "rpm": spec.disk?.rpm = value.integer
            case "rate": spec.disk?.bytesPerSecond = value.integer
            default: break
            }
            if Self.diskOptions.contains(option.text) { spec.disk?.model = nil }
        }
        return spec
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let preset = interpreter.era.blockPreset ?? interpreter.simulation.networkConfig.preset
        for name in names {
            do {
                try interpreter.simulation.addNode(spec(named: name.text, era: preset.machines))
                if preset.era != nil, !eraFields.isEmpty { interpreter.era.fromEra[name.text] = (preset, eraFields) }
            } catch {
                throw Diagnostic(.runtime, "node '\(name.text)' is already declared", at: name.span,
                                 help: "an earlier 'at' block declared it by now: choose another name")
            }
        }
    }
}
