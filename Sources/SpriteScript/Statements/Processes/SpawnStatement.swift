import SpriteKernel

/// What a process is given when it starts: its priority, tickets and known burst.
struct SpawnSettings: Sendable, Equatable {
    var arrival: SimTime?
    var priority: Int?
    var tickets: Int?
    /// The burst a scheduler that knows bursts (sjf, srtf) is told.
    var burst: SimTime?
    /// Threads of one parallel job (gang and space sharing): 1 is an ordinary process.
    var threads = 1
    /// The parallel job the processes join (`job NAME`); threads form the job NAME without it.
    var job: String?
}

/// Reads and checks `at`, `priority`, `tickets`, `burst` and `threads` after spawn and in job lines.
enum SpawnOptions {
    static let dimensions: [String: Dimension] = [
        "at": .duration, "priority": .count, "tickets": .count, "burst": .duration, "threads": .count,
    ]

    static func parse(_ parser: inout Parser, allowed: [String],
                      into values: inout [(Name, Quantity, SourceSpan)]) throws(Diagnostic) {
        var job: Name?
        try parse(&parser, allowed: allowed, into: &values, job: &job)
    }

    /// The options, and `job NAME` (the parallel job to join) where `allowed` has "job".
    static func parse(_ parser: inout Parser, allowed: [String], into values: inout [(Name, Quantity, SourceSpan)],
                      job: inout Name?) throws(Diagnostic) {
        var options: [String: Dimension?] = dimensions.filter { allowed.contains($0.key) }
        if allowed.contains("job") { options.updateValue(nil, forKey: "job") }
        while !parser.atStatementEnd {
            let (option, dimension) = try parser.parseOption(options, of: "spawn")
            let first = values.first(where: { $0.0.text == option.text })?.0 ?? (option.text == "job" ? job : nil)
            if let first {
                throw Diagnostic(.check, "'\(option.text)' is given twice", at: option.span,
                                 help: "the first is at \(first.span.location); keep one")
            }
            guard let dimension else {
                job = try parser.parseName("a job name")
                continue
            }
            let (value, span) = try parser.parseQuantity(dimension)
            values.append((option, value, span))
        }
    }

    static func check(_ values: [(Name, Quantity, SourceSpan)], _ checker: inout Checker) {
        for (option, value, span) in values {
            switch option.text {
            case "at": checker.requireBetweenZeroAnd(value, Limits.longDuration, "the arrival", at: span,
                                                     allowZero: true)
            case "burst": checker.requireBetweenZeroAnd(value, Limits.longDuration, "the burst", at: span)
            case "priority": checker.requireWhole(value, 0...Limits.priorities - 1, "priority", at: span)
            case "tickets": checker.requireWhole(value, 1...Limits.tickets, "tickets", at: span)
            default: checker.requireWhole(value, 1...1024, "threads", at: span)
            }
        }
    }

    static func settings(_ values: [(Name, Quantity, SourceSpan)]) -> SpawnSettings {
        var settings = SpawnSettings()
        for (option, value, _) in values {
            switch option.text {
            case "at": settings.arrival = value.duration
            case "priority": settings.priority = Int(value.integer)
            case "tickets": settings.tickets = Int(value.integer)
            case "burst": settings.burst = value.duration
            default: settings.threads = Int(value.integer)
            }
        }
        return settings
    }
}

/// `spawn PROGRAM [as NAMES] on NODE [OPTIONS]`: start processes running a program.
struct SpawnSyntax: StatementSyntax {
    static let keywords = ["spawn"]
    static let help = HelpEntry(
        topic: "spawn",
        summary: "start processes that run a program on a node, now or at a given time",
        usage: ["spawn PROGRAM [as NAMES] on NODES [at T] [priority N] [tickets N] [burst T] [threads N] [job J]",
                "spawn PROGRAM [as NAME] on NODE home HOME [args SIZE] [OPTIONS]"],
        details: "NAMES may be a range (w[1..4]); without 'as' the process takes the program's name. at T is "
            + "the arrival time (default: now); priority 0 is the highest (default \(Limits.defaultPriority)); "
            + "tickets weigh lottery and stride (default \(Limits.defaultTickets)); burst tells sjf and srtf "
            + "how long the process will compute (default: its program's compute time, summed). threads N "
            + "makes one parallel job of N threads NAME-1 … NAME-N sharing an address space, as shared fork "
            + "does: gang and space scheduling place them together, each on a CPU of its own, so under them a "
            + "job may have at most as many threads on a node as the node has CPUs (a spawn, a job J or a "
            + "scheduler change that would break this is an error). With several NODES (n1,n2 or n[1..4]) the "
            + "threads, or the processes named, are dealt over them in turn: NAME-1 on the first, NAME-2 on the "
            + "second …; threads on different nodes share no memory and talk by messages. With home HOME the "
            + "process is created on HOME and exec-time migrated to NODE as it starts (remote exec: no address "
            + "space to move, its arguments of SIZE, default 0, sent along); HOME answers its location-dependent "
            + "calls (help migrate). job J makes the "
            + "processes threads of the parallel job J, whatever their programs (a client and its server), so "
            + "gang scheduling places them together; with scheduler … gang coordinated, on several nodes. See "
            + "help processes.",
        example: """
            cluster { workstation ws1 }
            program worker { compute 30ms }
            spawn worker as w[1..3] on ws1 at 5ms tickets 50
            run
            show processes
            """)

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let program = try parser.parseName("a program name")
        let names = parser.accept("as") != nil ? try parser.parseNameList("a new process name") : []
        _ = try parser.expectWord("on")
        let nodes = try parser.parseNameList("a node name")
        let remote = try RemoteExec.parse(&parser)
        var values: [(Name, Quantity, SourceSpan)] = []
        var job: Name?
        try SpawnOptions.parse(&parser, allowed: Array(SpawnOptions.dimensions.keys) + ["job"], into: &values,
                               job: &job)
        return SpawnStatement(span: keyword.span.through(nodes[nodes.count - 1].span), program: program,
                              names: names, nodes: nodes, values: values, job: job, remote: remote)
    }
}

struct SpawnStatement: Statement {
    let span: SourceSpan
    let program: Name
    let names: [Name]
    /// The node, or the nodes threads and processes are dealt over in turn.
    let nodes: [Name]
    let values: [(Name, Quantity, SourceSpan)]
    let job: Name?
    /// `home HOME [args SIZE]`: created on HOME, exec-time migrated to the node (Migration/RemoteExec).
    var remote: RemoteExec?

    var node: Name { nodes[0] }

    /// The processes this statement starts: as named, or the program's name.
    var processNames: [Name] { names.isEmpty ? [program] : names }

    func check(_ checker: inout Checker) {
        ProgramStepChecker.resolveProgram(program, &checker)
        var known = true
        for node in nodes where !checker.resolveNode(node) { known = false }
        guard known else { return }
        SpawnOptions.check(values, &checker)
        let threads = SpawnOptions.settings(values).threads
        remote?.check(self, threads: threads, &checker)
        if threads == 1, nodes.count > processNames.count {
            let idle = nodes[processNames.count]
            let processes = Plural.of(processNames.count, "process", plural: "processes")
            checker.error("\(Plural.of(nodes.count, "node")) for \(processes): \(idle.text) would run nothing",
                          at: idle.span,
                          help: "name a process for each node (spawn \(program.text) as \(program.text)[1.."
                            + "\(nodes.count)] on …), or make one job of them: threads \(nodes.count)")
        }
        for (position, name) in processNames.enumerated() {
            // A parallel job's threads are NAME-1 … NAME-N, dealt over the nodes.
            if threads > 1, threads <= 1024 {
                declareThreads(of: name, threads, &checker)
                continue
            }
            let node = nodes[position % nodes.count]
            if names.isEmpty, checker.symbols.processes[name.text] != nil {
                checker.error("process '\(name.text)' is already declared", at: name.span,
                              help: "name the new one: spawn \(name.text) as \(checker.freeName(like: name.text)) "
                                + "on \(node.text)")
                continue
            }
            checker.declareScheduledProcess(name, on: node.text)
            if let job { checker.symbols.jobs[job.text, default: []].append(name.text) }
        }
    }

    /// NAME-1 … NAME-N, dealt over the nodes; one error for the statement if any of them is taken, naming a
    /// job whose threads are all free (`as J-2` would make J-2-1, so the number goes on the job's name).
    private func declareThreads(of name: Name, _ threads: Int, _ checker: inout Checker) {
        func threadNames(_ job: String) -> [String] { (1...threads).map { "\(job)-\($0)" } }
        func taken(_ thread: String) -> Bool {
            checker.symbols.processes[thread] != nil || checker.symbols.nodes[thread] != nil
        }
        if let clash = threadNames(name.text).first(where: taken) {
            let free = (2...).lazy.map { "\(name.text)\($0)" }
                .first { !taken($0) && !threadNames($0).contains(where: taken) } ?? name.text + "2"
            let what = checker.symbols.nodes[clash] != nil ? "node" : "process"
            checker.error("\(what) '\(clash)' is already declared: job '\(name.text)' would make threads "
                            + "\(name.text)-1 … \(name.text)-\(threads)", at: name.span,
                          help: checker.whereDeclared(clash) + "name the job another way: spawn \(program.text) "
                            + "as \(free) … (threads \(free)-1 … \(free)-\(threads))")
            return
        }
        for (index, thread) in threadNames(name.text).enumerated() {
            checker.declareScheduledProcess(Name(text: thread, span: name.span), on: nodes[index % nodes.count].text)
            checker.symbols.jobs[job?.text ?? name.text, default: []].append(thread)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        var indices: [Int] = []
        for node in nodes { indices.append(try interpreter.node(node)) }
        var settings = SpawnOptions.settings(values)
        settings.job = job?.text
        try interpreter.checkJobsFit(joining(indices, settings), placement: indices, dealt: indices.count > 1,
                                     named: job != nil)
        for (position, name) in processNames.enumerated() {
            let placement = settings.threads > 1 ? indices : [indices[position % indices.count]]
            if let remote {
                try remote.spawn(self, name: name, on: placement[0], settings, interpreter)
                continue
            }
            try interpreter.spawn(program: program, as: name, on: placement, settings)
        }
    }
}

extension SpawnStatement {
    /// The threads each parallel job gains on each node (by index): a job of `threads N` dealt in turn over
    /// the nodes (node k of n gets threads k, k + n, …), or the processes that join `job J`.
    func joining(_ indices: [Int], _ settings: SpawnSettings)
        -> [(job: String, node: Int, threads: Int, span: SourceSpan)] {
        var counts: [(job: String, node: Int, threads: Int, span: SourceSpan)] = []
        func add(_ job: String, _ node: Int, _ threads: Int, _ span: SourceSpan) {
            if let index = counts.firstIndex(where: { $0.job == job && $0.node == node }) {
                counts[index].threads += threads
            } else {
                counts.append((job, node, threads, span))
            }
        }
        let threadsSpan = values.first { $0.0.text == "threads" }?.2
        for (position, name) in processNames.enumerated() {
            if settings.threads > 1 {
                for (place, node) in indices.enumerated() {
                    let share = (settings.threads - place + indices.count - 1) / indices.count
                    add(settings.job ?? name.text, node, share, job?.span ?? threadsSpan ?? span)
                }
            } else if let job {
                add(job.text, indices[position % indices.count], 1, job.span)
            }
        }
        return counts
    }
}
