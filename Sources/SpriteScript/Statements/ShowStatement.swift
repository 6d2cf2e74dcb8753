import SpriteKernel

/// `show WHAT`: print part of the session's state.
struct ShowSyntax: StatementSyntax {
    static let keywords = ["show"]
    static let help = HelpEntry(
        topic: "show",
        summary: "print the nodes, network, processes, operations, statistics or trace so far",
        usage: ["show nodes|network|operations|stats|trace",
                "show outcomes|history|files|domains|mounts", "show prefixes [NODES]", "show cache NODE",
                "show processes [NODES]", "show timeline [NODES] [from T] [to T] [width N]",
                "show locks [NODES]",
                "show dsm SEG", "show memory NODE", "show migrations", "show faults [NODES] [from T] [to T]",
                "show balance [all]", "show pmake [BUILD]", "show sweep NAME"],
        details: "'outcomes' judges every read under UNIX, session, immutable-file and transaction semantics "
            + "and lists lost updates and crash losses; 'history' lists every recorded file operation; "
            + "'prefixes' shows the nodes' prefix tables with stale hints marked; 'cache' a node's cached files "
            + "and how full its cache is (a server's block cache: on or off, blocks held of its size). 'processes' "
            + "lists V processes, then for each node the scheduled processes' arrival, first run, finish, CPU, "
            + "wait, response and turnaround times, switches and preemptions, with their averages (a declared "
            + "process is listed there once its node's scheduler is declared: idle between the script's steps, "
            + "it never finishes, so the averages, over finished processes, leave it out); 'timeline' "
            + "draws which process ran on each CPU when, migrations as arrows between the hosts' rows (help "
            + "processes); 'stats' adds a table of each CPU's "
            + "utilization and average run-queue length once a node runs scheduled processes. 'locks' lists "
            + "each lock of the programs (and each kernel lock, #kernel) with its acquisitions, contended ones, "
            + "spinning time, bus transactions and blocks. 'dsm' a shared segment's pages (help dsm). "
            + "'migrations' each process migration's times, bytes and phases (help migrate). "
            + "'faults' lists each page fault, VM and DSM, that began in the window: node, process, page, access, "
            + "how it was served, where from, the wait and the messages (help memory). 'balance' each node's "
            + "load and idleness (the 20 busiest nodes; 'all': every one), the balancer's probes and transfers, "
            + "turnaround and evictions (help balance). "
            + "'pmake' each build's jobs, makespan, speedup and where the time went (help pmake). "
            + "'sweep' a sweep's table again (help sweep).",
        example: """
            cluster { server fs1; workstation jack, jill }
            domain / on fs1
            on jill { open /notes rw; write "hello"; close }
            run
            show network
            show outcomes
            show cache jill
            """)

    static let subjects = ["nodes", "network", "processes", "operations", "stats", "trace",
                           "outcomes", "history", "files", "domains", "prefixes", "cache", "mounts", "timeline",
                           "locks", "dsm", "memory", "migrations", "faults", "balance", "pmake", "sweep"]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offer(subjects)
        let word = try parser.parseName("what to show (\(subjects.joined(separator: ", ")))")
        guard subjects.contains(word.text) else {
            throw Diagnostic(.check, "cannot show '\(word.text)'\(Suggestions.didYouMean(word.text, among: subjects))",
                             at: word.span, help: "show " + subjects.joined(separator: "|"))
        }
        var nodes: [Name] = []
        if word.text == "cache" || word.text == "memory" {
            nodes = [try parser.parseName("the node whose \(word.text) to show")]
        } else if word.text == "pmake" {
            if parser.peek.kind == .identifier { nodes = [try parser.parseName("a build's name")] }
        } else if word.text == "dsm" {
            nodes = [try parser.parseName("a segment name")]
        } else if word.text == "sweep" {
            nodes = [try parser.parseName("a sweep's name")]
        } else if ["prefixes", "processes", "timeline", "locks", "faults"].contains(word.text) {
            // Optional nodes; for a timeline or the faults, the window may come first.
            parser.offerNames([.node])
            let window = ["timeline", "faults"].contains(word.text) && ["from", "to"].contains(parser.peek.text)
                || word.text == "timeline" && parser.peek.text == "width"
            if parser.peek.kind == .identifier && !window { nodes = try parser.parseNameList("a node name") }
        }
        var statement = ShowStatement(span: keyword.span, subject: word.text, nodes: nodes)
        if ["timeline", "faults"].contains(word.text) { statement.window = try TimelineWindow.parse(&parser) }
        if word.text == "timeline", parser.accept("width") != nil { statement.width = try parser.parseQuantity(.count) }
        if word.text == "balance" { statement.listsAll = parser.accept("all") != nil }
        return statement
    }
}

struct ShowStatement: Statement {
    let span: SourceSpan
    let subject: String
    var nodes: [Name] = []
    var window = TimelineWindow()
    /// `show timeline … width N`: the chart's widest line.
    var width: (Quantity, SourceSpan)?
    /// `show balance all`: every node, not only the busiest.
    var listsAll = false

    func check(_ checker: inout Checker) {
        guard checker.allowedOutsideSweep("show", at: span) else { return }
        if subject == "dsm" { return ShowDSM.check(nodes[0], &checker) }
        if subject == "pmake" { return ShowPmake.check(nodes.first, &checker) }
        if subject == "sweep" { return ShowSweep.check(nodes[0], &checker) }
        for node in nodes { checker.resolveNode(node) }
        window.check(&checker)
        if let (width, span) = width {
            checker.requireWhole(width, TimelineChart.widths, "the chart's width", at: span)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        switch subject {
        case "nodes":
            var table = Self.nodes(s)
            table.notes += interpreter.eraNodeNotes + interpreter.multiprocessorNotes
            interpreter.emit(.table(table))
        case "network":
            var table = Self.network(s)
            table.notes += interpreter.eraNetworkNotes
            interpreter.emit(.table(table))
        case "processes": try ShowProcesses.processes(nodes, interpreter)
        case "timeline":
            let chartWidth = width.map { Int($0.0.integer) } ?? TimelineChart.defaultWidth
            try ShowProcesses.timeline(nodes, window, width: chartWidth, interpreter)
        case "faults": try ShowFaults.show(nodes, window, interpreter)
        case "locks": try ShowProcesses.locks(nodes, interpreter)
        case "dsm": try ShowDSM.show(nodes[0], interpreter)
        case "migrations": interpreter.emit(.table(ShowMigrations.table(s, interpreter.context)))
        case "balance": interpreter.emit(.table(ShowBalance.table(s, all: listsAll)))
        case "pmake": ShowPmake.show(nodes.first, interpreter)
        case "sweep": try ShowSweep.show(nodes[0], interpreter)
        case "operations": interpreter.emit(.table(Self.operations(s, interpreter.context)))
        case "stats":
            interpreter.emit(.table(Self.stats(s)))
            ShowProcesses.cpus(interpreter)
        case "outcomes":
            interpreter.emit(.table(FileSystemTables.outcomes(interpreter)))
            if let listings = ListingTable.listings(interpreter) { interpreter.emit(.table(listings)) }
        case "history": interpreter.emit(.table(FileSystemTables.history(interpreter)))
        case "files": interpreter.emit(.table(FileSystemTables.files(s, interpreter.context)))
        case "domains": interpreter.emit(.table(FileSystemTables.domains(s, interpreter.context)))
        case "mounts": interpreter.emit(.table(FileSystemTables.mounts(s, interpreter.context)))
        case "prefixes":
            var indices: [Int] = []
            for node in nodes { indices.append(try interpreter.node(node)) }
            if nodes.isEmpty { indices = Array(0..<s.nodeCount) }
            interpreter.emit(.table(FileSystemTables.prefixes(s, interpreter.context, nodes: indices)))
        case "memory":
            interpreter.emit(.table(ShowMemory.table(s, interpreter.context, node: try interpreter.node(nodes[0]))))
        case "cache":
            let node = try interpreter.node(nodes[0])
            interpreter.emit(.table(FileSystemTables.cache(s, interpreter.context, node: node)))
        default:
            interpreter.emit(.text("trace (\(Plural.of(interpreter.history.count, "event"))):"))
            for record in interpreter.history { interpreter.emit(.trace(record)) }
        }
    }

    static func nodes(_ s: Simulation) -> Table {
        let rows: [[Cell]] = (0..<s.nodeCount).map { index in
            let spec = s.nodeSpec(index)
            let disk: Cell = spec.disk.map { disk in
                .fields([("disk_latency_ns", .int(disk.positioning.nanoseconds)),
                         ("disk_bytes_per_second", .int(disk.bytesPerSecond)),
                         ("disk_drive", disk.model.map { .string($0.rawValue) } ?? .null),
                         ("disk_seek_ns", .int(disk.averageSeek.nanoseconds)), ("disk_rpm", .int(disk.rpm))],
                        shown: Self.shown(disk))
            } ?? .fields([("disk_latency_ns", .null), ("disk_bytes_per_second", .null), ("disk_drive", .null),
                          ("disk_seek_ns", .null), ("disk_rpm", .null)], shown: "diskless")
            return [.text(spec.name), .text(spec.role.rawValue), .count(Int64(spec.cpus)), .number(spec.speed),
                    .bytes(spec.memoryBytes), disk, .text(s.isUp(index) ? "up" : "down"), .time(s.cpuBusy(index))]
        }
        return Table(name: "nodes", title: "nodes (\(s.nodeCount))",
                     columns: ["name", "role", "cpus", "speed", Column("memory", key: "memory_bytes"), "disk", "state",
                               Column("cpu-busy", key: "cpu_busy_ns")], rows: rows)
    }

    /// A drive in `show nodes`: its name, or its figures as a script writes them.
    static func shown(_ disk: DiskDrive) -> String {
        if let model = disk.model { return model.rawValue }
        let rate = Quantity.formatBytes(disk.bytesPerSecond) + "/s"
        return disk.rpm == 0 ? "\(disk.averageSeek) @ \(rate)" : "\(disk.averageSeek) \(disk.rpm)rpm @ \(rate)"
    }

    static func network(_ s: Simulation) -> Table {
        let c = s.networkConfig
        let m = c.cost
        var topology = c.topology.rawValue
        if let width = c.gridWidth { topology += " width \(width)" }
        let pairs: [(String, Cell)] = [
            ("name", .text(c.name)), ("preset", .text(c.preset.rawValue)), ("topology", .text(topology)),
            ("bandwidth", .bandwidth(m.bitsPerSecond)), ("latency", .time(m.latency)),
            ("mtu", .bytes(m.mtuBytes)), ("header", .bytes(m.headerBytes)),
            ("send-overhead", .time(m.sendOverhead)), ("receive-overhead", .time(m.receiveOverhead)),
            ("local-cost", .time(m.localMessageCost)), ("local-copy-rate", .rate(m.localCopyBytesPerSecond)),
            ("loss", .ratio(c.lossProbability, shown: Self.percent(c.lossProbability))),
            ("timeout", .time(m.retransmitTimeout)), ("retries", .count(Int64(m.maxRetransmits))),
            ("copy-rate", m.copyBytesPerSecond > 0 ? .rate(m.copyBytesPerSecond) : .text("free")),
            ("packet-overhead", .time(m.packetOverhead)),
            ("rpc-size", m.maxRPCBytes == .max ? .text("unlimited") : .bytes(m.maxRPCBytes)),
            ("open-cpu", .time(m.fileCPU.open)), ("close-cpu", .time(m.fileCPU.close)),
            ("read-cpu", .time(m.fileCPU.read)), ("write-cpu", .time(m.fileCPU.write)),
            ("call-cpu", .time(m.fileCPU.other)),
            ("partitioned", .flag(s.isPartitioned)),
        ]
        let rows = pairs.map { [Cell.text($0.0), $0.1] }
        var notes: [String] = []
        if s.nodeCount > 1 {
            var diameter = 0
            let sampled = min(s.nodeCount, 256)
            for a in 0..<sampled {
                for b in 0..<sampled { diameter = max(diameter, s.hops(from: a, to: b)) }
            }
            notes.append("  \(Plural.of(s.nodeCount, "node")); longest route \(Plural.of(diameter, "hop"))"
                         + "; 32B one-way penalty \(s.networkPenalty(bytes: 32, from: 0, to: 1))"
                         + " between the first two nodes")
        }
        return Table(name: "network", title: "network", columns: ["setting", Column("value", withUnit: true)],
                     rows: rows, notes: notes)
    }

    static func percent(_ p: Double) -> String {
        let scaled = (p * 10_000).rounded() / 100
        return scaled == scaled.rounded() ? "\(Int(scaled))%" : "\(scaled)%"
    }

    static func processes(_ s: Simulation) -> Table {
        let rows: [[Cell]] = s.declaredProcesses.map { index in
            let p = s.processInfo(index)
            return [.text(p.name), .text(s.nodeName(p.node)), .text(stateWord(p.state, s)),
                    .count(Int64(p.queuedSteps)), .count(Int64(p.inboxCount)), .text(p.lastReceived)]
        }
        return Table(name: "processes", title: "processes (\(s.processCount))",
                     columns: ["name", "node", "state", "queued", "inbox", "last-received"], rows: rows)
    }

    static func stateWord(_ state: ProcessState, _ s: Simulation) -> String {
        switch state {
        case .ready: "ready"
        case .awaitingReply(let peer): "awaiting-reply(\(s.processName(peer)))"
        case .receiving: "receiving"
        case .busy: "busy"
        case .file: "blocked(file)"
        case .dead: "dead"
        }
    }

    static func statusWord(_ status: OperationStatus) -> String {
        switch status {
        case .queued: "queued"
        case .running: "running"
        case .done: "done"
        case .failed: "failed"
        }
    }

    static func operations(_ s: Simulation, _ context: RenderContext) -> Table {
        let rows: [[Cell]] = (0..<s.operationCount).compactMap { index in
            guard let op = s.operation(Int32(index)) else { return nil }
            return [.count(Int64(index)), .text(context.label(op.id)),
                    .text(EventWords.describe(operation: op, context)), .text(statusWord(op.status)),
                    .time(op.issuedAt), op.elapsed.map { .time($0) } ?? .none, .time(op.penalty), .count(op.packets)]
        }
        return Table(name: "operations", title: "operations (\(s.operationCount))",
                     columns: [Column("id", key: "op"), "label", "operation", "status",
                               Column("issued", key: "issued_t"), Column("time", key: "elapsed_ns"),
                               Column("penalty", key: "penalty_ns"), "packets"],
                     rows: rows)
    }

    static func stats(_ s: Simulation) -> Table {
        let rows = StatisticsTable.all(s).map { [Cell.text($0.name), StatisticsTable.cell($0.value)] }
        return Table(name: "stats", title: "stats", columns: ["statistic", Column("value", withUnit: true)], rows: rows)
    }
}
