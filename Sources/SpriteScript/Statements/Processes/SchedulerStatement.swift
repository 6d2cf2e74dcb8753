import SpriteKernel

/// The scheduling policies a script may name, and the options each takes.
enum PolicyName: String, CaseIterable, Sendable {
    case fcfs, sjf, srtf, rr, priority, mlfq, lottery, stride, gang, space

    /// The options this policy accepts, in the order help lists them.
    var options: [String] {
        switch self {
        case .fcfs, .sjf, .srtf, .space: ["switch"]
        case .rr, .lottery, .stride: ["quantum", "switch"]
        case .gang: ["quantum", "alternates", "coordinated", "switch"]
        case .priority: ["aging", "preemptive", "quantum", "switch"]
        case .mlfq: ["levels", "quantum", "allotment", "boost", "switch"]
        }
    }

    var meaning: String {
        switch self {
        case .fcfs: "first come, first served; a burst runs to its end"
        case .sjf: "shortest job first: the shortest next burst among the ready, never preempted"
        case .srtf: "shortest remaining time first: an arrival with less left preempts"
        case .rr: "round robin: each process runs at most a quantum, then goes to the back"
        case .priority: "highest priority first (0 is highest); waiting raises it one level per aging period"
        case .mlfq: "multi-level feedback queue: a process that uses its allotment drops a level"
        case .lottery: "a seeded draw among the ready, weighted by tickets, every quantum"
        case .stride: "deterministic share by tickets: the lowest pass runs, its pass grows by 1/tickets"
        case .gang: "Ousterhout's matrix: a job's threads run in one slot on different CPUs, together"
        case .space: "space sharing: a parallel job gets a partition of CPUs for its whole run"
        }
    }
}

/// What `scheduler` declares for a node, checked and in base units.
struct SchedulerChoice: Sendable, Equatable {
    var policy: PolicyName
    /// One quantum, or one per level of an mlfq.
    var quanta: [SimTime] = []
    var switchCost: SimTime = .zero
    var aging: SimTime?
    var preemptive = false
    var levels: Int?
    var allotment: SimTime?
    var boost: SimTime?
    /// gang: idle CPUs run threads of other slots (Ousterhout's alternate selection).
    var alternates = false
    /// gang: the statement's nodes share one matrix (coordinated scheduling of a multicomputer).
    var coordinated = false
}

/// `scheduler NODES POLICY [OPTIONS]`: how a node shares its CPUs among its processes.
struct SchedulerSyntax: StatementSyntax {
    static let keywords = ["scheduler"]
    static let help = HelpEntry(
        topic: "scheduler",
        summary: "choose how a node shares its CPUs among its processes; may change later in the session",
        usage: ["scheduler NODES fcfs|sjf|srtf|space [switch T]",
                "scheduler NODES rr|lottery|stride [quantum T] [switch T]",
                "scheduler NODES gang [quantum T] [alternates] [coordinated] [switch T]",
                "scheduler NODES priority [aging T] [preemptive] [quantum T] [switch T]",
                "scheduler NODES mlfq [levels N] [quantum T,T,…] [allotment T] [boost T] [switch T]"],
        details: "Policies:\n"
            + PolicyName.allCases.map { "  " + TextRenderer.pad($0.rawValue, 10) + $0.meaning }
            .joined(separator: "\n") + "\n"
            + "switch is the context-switch cost a CPU pays when it takes up another process (default 0). "
            + "quantum defaults to 10ms; an mlfq takes one quantum per level (levels defaults to 3, quanta to "
            + "10ms, 20ms, 40ms …; one quantum written is used for every level). allotment is the CPU time a "
            + "process may use at one level before it drops (default: its quantum); boost moves every process "
            + "back to the top level at each multiple of its period, counted from time 0 (default: never). An mlfq "
            + "process whose slice is cut short (a newcomer of a higher level preempts it, or it blocks) gets only "
            + "the rest of its quantum when it runs again: its allotment counts all its time at the level. A "
            + "newcomer, or a process woken, queues before one preempted or whose quantum ends at that instant. "
            + "stride starts a newcomer, or a process waking, from the lowest pass of those waiting or running. "
            + "With aging T, a waiting process gains one priority level per T waited (down to 0, unless it "
            + "began below); P.priority reads the aged value while P waits. A process keeps the priority it had "
            + "when dispatched while it runs; under preemptive, a waiting process takes the CPU the moment its "
            + "aged priority beats it. Without a scheduler a node runs fcfs with no switch cost. gang and space "
            + "place the threads of a parallel job (spawn … threads N) together; gang's quantum is its slot, on "
            + "multiples of the quantum from time 0. With alternates, a CPU that its slot leaves idle (no thread of "
            + "the slot in its column, or that thread is blocked) runs a ready thread of another slot of its column "
            + "until the slot's own thread is ready, which takes the CPU back at once (Ousterhout's alternate "
            + "selection). With coordinated, the nodes of the statement share one matrix whose columns are all "
            + "their CPUs: a job's threads on several nodes (spawn … on n1,n2 threads N, or spawn … job J) get one "
            + "slot, and every node switches to the next slot at the same instant (coordinated scheduling of a "
            + "multicomputer); without it each node has its own matrix, so a job may sit in different slots on "
            + "different nodes. A job may have at most as many threads on a node as it has CPUs, and gang and "
            + "space do not combine with os master-slave (CPU 0 would be both a column and the master): "
            + "either is an error. A later scheduler statement replaces the node's policy from "
            + "that time on: processes already there keep their accounting, "
            + "and a running process gets the new policy's quantum, counted from the change (under gang, it "
            + "keeps its CPU to the slot's end). See help processes "
            + "and help multiprocessor.",
        example: """
            cluster { workstation ws[1..2]; server mp1 cpus 4 }
            scheduler ws[1..2] rr quantum 10ms switch 100us
            scheduler mp1 mlfq levels 3 quantum 10ms,20ms,40ms allotment 50ms boost 1s
            """)

    static let optionDimensions: [String: Dimension?] = [
        "quantum": .duration, "switch": .duration, "aging": .duration, "preemptive": nil, "levels": .count,
        "allotment": .duration, "boost": .duration, "alternates": nil, "coordinated": nil,
    ]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let nodes = try parser.parseNameList("a node name")
        let policyToken = parser.peek
        let policy = try parser.parseChoice(PolicyName.self, "scheduling policy", "policies")
        var statement = SchedulerStatement(span: keyword.span, nodes: nodes, policy: policy,
                                           policySpan: policyToken.span)
        while !parser.atStatementEnd {
            let allowed = Dictionary(uniqueKeysWithValues: policy.options.map { ($0, optionDimensions[$0] ?? nil) })
            let word = parser.peek
            if word.kind == .identifier, allowed[word.text] == nil, optionDimensions[word.text] != nil {
                parser.advance()
                throw Diagnostic(.check, "\(policy.rawValue) takes no option '\(word.text)'", at: word.span,
                                 help: "options of \(policy.rawValue): " + policy.options.joined(separator: " ")
                                    + Self.policiesTaking(word.text))
            }
            let (option, dimension) = try parser.parseOption(allowed, of: policy.rawValue)
            guard let dimension else {
                statement.settings.append(SchedulerSetting(option: option, values: []))
                continue
            }
            var values: [(Quantity, SourceSpan)] = [try parser.parseQuantity(dimension)]
            while option.text == "quantum", parser.acceptSymbol(",") != nil {
                values.append(try parser.parseQuantity(.duration))
            }
            statement.settings.append(SchedulerSetting(option: option, values: values))
        }
        return statement
    }

    /// "; 'aging' belongs to priority": where an option misplaced on this policy goes.
    static func policiesTaking(_ option: String) -> String {
        let owners = PolicyName.allCases.filter { $0.options.contains(option) }.map(\.rawValue)
        return owners.isEmpty ? "" : "; '\(option)' is an option of " + owners.joined(separator: ", ")
    }
}

struct SchedulerSetting: Sendable {
    let option: Name
    let values: [(Quantity, SourceSpan)]
}

struct SchedulerStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    let policy: PolicyName
    let policySpan: SourceSpan
    var settings: [SchedulerSetting] = []

    static let maximumLevels = 16
    static let defaultQuantum = SimTime(nanoseconds: 10_000_000)

    func check(_ checker: inout Checker) {
        var named: [String: SourceSpan] = [:]
        for node in nodes {
            checker.resolveNode(node)
            if let first = named[node.text] {
                checker.error("node \(node.text) is named twice", at: node.span,
                              help: "the first is at \(first.location); name each node once")
            }
            named[node.text] = named[node.text] ?? node.span
        }
        if choice.coordinated, named.count == 1, let only = nodes.first {
            checker.error("coordinated scheduling needs two nodes or more; \(only.text) alone has its own matrix",
                          at: only.span, help: "name the nodes that share the matrix: scheduler \(only.text),OTHER "
                            + "gang coordinated, or leave out coordinated")
        }
        var seen: [String: SourceSpan] = [:]
        for setting in settings {
            if let first = seen[setting.option.text] {
                checker.error("'\(setting.option.text)' is given twice", at: setting.option.span,
                              help: "the first is at \(first.location); keep one")
            }
            seen[setting.option.text] = setting.option.span
            for (value, valueSpan) in setting.values {
                switch setting.option.text {
                case "levels": checker.requireWhole(value, 1...Self.maximumLevels, "levels", at: valueSpan)
                case "switch":
                    checker.requireBetweenZeroAnd(value, Limits.duration, "the switch cost", at: valueSpan,
                                                  allowZero: true)
                default:
                    checker.requireBetweenZeroAnd(value, Limits.duration, "the \(setting.option.text)",
                                                  at: valueSpan)
                }
            }
        }
        checkQuanta(&checker)
    }

    /// An mlfq takes one quantum for all its levels or one per level; the others take one.
    private func checkQuanta(_ checker: inout Checker) {
        guard let quantum = settings.first(where: { $0.option.text == "quantum" }), quantum.values.count > 1
        else { return }
        let span = quantum.values[0].1.through(quantum.values[quantum.values.count - 1].1)
        guard policy == .mlfq else {
            checker.error("\(policy.rawValue) takes one quantum, not \(quantum.values.count)", at: span,
                          help: "a quantum per level is for mlfq; write one, such as quantum 10ms")
            return
        }
        let levels = choice.levels ?? quantum.values.count
        if quantum.values.count != levels {
            checker.error("\(quantum.values.count) quanta for \(Plural.of(levels, "level"))", at: span,
                          help: "give one quantum for every level, or one quantum for all of them")
        }
    }

    /// The declared policy with its defaults filled in.
    var choice: SchedulerChoice {
        var choice = SchedulerChoice(policy: policy)
        for setting in settings {
            let first = setting.values.first?.0
            switch setting.option.text {
            case "quantum": choice.quanta = setting.values.map(\.0.duration)
            case "switch": choice.switchCost = first?.duration ?? .zero
            case "aging": choice.aging = first?.duration
            case "preemptive": choice.preemptive = true
            case "levels": choice.levels = first.map { Int($0.integer) }
            case "allotment": choice.allotment = first?.duration
            case "boost": choice.boost = first?.duration
            case "alternates": choice.alternates = true
            case "coordinated": choice.coordinated = true
            default: break
            }
        }
        if policy.options.contains("quantum"), choice.quanta.isEmpty { choice.quanta = [Self.defaultQuantum] }
        if policy == .mlfq {
            let levels = choice.levels ?? max(3, choice.quanta.count)
            choice.levels = levels
            if choice.quanta.count == 1, settings.contains(where: { $0.option.text == "quantum" }) {
                choice.quanta = Array(repeating: choice.quanta[0], count: levels)
            } else if choice.quanta.count != levels {
                // 10ms, 20ms, 40ms …: each level's quantum twice the one above.
                choice.quanta = (0..<levels).map { SimTime(nanoseconds: Self.defaultQuantum.nanoseconds << $0) }
            }
        }
        return choice
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        if choice.coordinated {
            var indices: [Int] = []
            for node in nodes { indices.append(try interpreter.node(node)) }
            return try interpreter.setCoordinatedScheduler(choice, on: indices, at: nodes[0].span)
        }
        for node in nodes {
            try interpreter.setScheduler(choice, on: try interpreter.node(node), at: node.span)
        }
    }
}
