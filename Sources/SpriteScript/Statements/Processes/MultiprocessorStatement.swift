import SpriteKernel

/// How a multiprocessor node's CPUs take work: one shared run queue, or one per CPU.
enum RunQueueWord: String, CaseIterable, Sendable {
    case shared, perCPU = "per-cpu"
}

/// Where a multiprocessor's kernel work runs and under which lock (CSE 513's OS organisations).
enum OSOrganisationWord: String, CaseIterable, Sendable {
    case `private`, masterSlave = "master-slave", bigLock = "big-lock", fineGrained = "fine-grained"

    var meaning: String {
        switch self {
        case .private: "each CPU runs its own copy of the OS on a static partition; nothing is shared"
        case .masterSlave: "kernel calls (syscall and V IPC steps) run only on CPU 0, the master"
        case .bigLock: "any CPU runs kernel code, one at a time under one big kernel lock"
        case .fineGrained: "any CPU runs kernel code under many small locks (Sprite's kernel)"
        }
    }
}

/// How the CPUs reach memory.
enum InterconnectWord: String, CaseIterable, Sendable {
    case bus, crossbar, omega, numa

    var meaning: String {
        switch self {
        case .bus: "UMA over one shared bus: memory-intensive work slows as more CPUs use it"
        case .crossbar: "UMA over an N×N crossbar: no contention, N² crosspoints"
        case .omega: "omega network of 2×2 switches, log2 N stages (N up to a power of two); may block"
        case .numa: "each CPU has local memory; a remote access costs 'remote' times a local one"
        }
    }
}

/// What `multiprocessor` declares for a node.
struct MultiprocessorChoice: Sendable, Equatable {
    var queues: RunQueueWord = .shared
    var stealing = false
    var affinity = false
    var reload: SimTime = .zero
    /// How long a CPU holds a run queue's lock to take a process from it.
    var queueLock: SimTime = .zero
    var os: OSOrganisationWord = .fineGrained
    var interconnect: InterconnectWord?
    var remoteFactor = 1
    /// NUMA cells (equal groups of CPUs, each with its own memory).
    var cells = 2
    /// Kernel locks of a fine-grained SMP kernel; 0: kernel work takes no lock.
    var kernelLocks = 0

    /// The engine's organisation for `os`.
    var kernelOrganisation: OSOrganisation {
        switch os {
        case .private: .privatePerCPU
        case .masterSlave: .masterSlave
        case .bigLock: .bigKernelLock
        case .fineGrained: .fineGrained(locks: kernelLocks)
        }
    }

    /// The engine's interconnect for `interconnect`.
    var kernelInterconnect: InterconnectKind? {
        switch interconnect {
        case nil: nil
        case .bus: .bus()
        case .crossbar: .crossbar
        case .omega: .omega
        case .numa: .numa(cells: cells, remoteFactor: Double(remoteFactor))
        }
    }
}

/// `multiprocessor NODES [OPTIONS]`: the organisation of a node's CPUs (their number is `cpus N`).
struct MultiprocessorSyntax: StatementSyntax {
    static let keywords = ["multiprocessor"]
    static let help = HelpEntry(
        topic: "multiprocessor",
        summary: "organise a node's CPUs: run queues, affinity, cache reload, OS organisation, memory interconnect",
        usage: ["multiprocessor NODES [queues shared|per-cpu] [stealing] [affinity] [reload T] [lock T]",
                "    [os private|master-slave|big-lock|fine-grained [kernel-locks K]]",
                "    [interconnect bus|crossbar|omega|numa [cells K] [remote N]]"],
        details: "The node's CPUs are declared with cpus N (help nodes). queues shared (the default) keeps one "
            + "run queue for all CPUs, whose lock every dispatch takes; per-cpu gives each CPU its own, and "
            + "stealing lets an idle CPU take work from the longest other queue. A process that becomes ready "
            + "takes the CPU it last ran on when that CPU is free, else (shared queue) the lowest-numbered free "
            + "one, once everything of the instant is in (soft affinity, with either kind of queue); "
            + "affinity, with per-cpu queues, also keeps it on that CPU's queue when the CPU is busy (per-cpu "
            + "queues always do). reload is the cache-reload cost a process pays "
            + "when it runs on another CPU than last time (default 0), on its own time slice: it uses up part of "
            + "the quantum. lock is how long a CPU holds a run queue's "
            + "lock to take a process from it (default 0): CPUs dispatching from one queue at once wait for each "
            + "other, which makes a shared queue a contention point. A later multiprocessor statement takes "
            + "effect at once: under a new master-slave, a user burst running on CPU 0 moves to a slave and "
            + "kernel work running on a slave to the master."
            + "\nOS organisations:\n"
            + OSOrganisationWord.allCases.map { "  " + TextRenderer.pad($0.rawValue, 14) + $0.meaning }
                .joined(separator: "\n")
            + "\nInterconnects (the memory share of a burst, 'compute T memory P%', is what they slow):\n"
            + InterconnectWord.allCases.map { "  " + TextRenderer.pad($0.rawValue, 14) + $0.meaning }
                .joined(separator: "\n")
            + "\nkernel-locks K (fine-grained only, default 0: no kernel lock) is how many locks syscalls spread "
            + "over; big-lock has one. Kernel locks are test-and-set spin locks, listed by show locks as #kernel. "
            + "Without an interconnect, memory shares cost nothing extra. The bus carries one CPU's full memory "
            + "traffic. cells K (numa only, default 2) splits the CPUs into K equal cells; a process's memory "
            + "is in the cell where it first ran. remote N (numa only, default 3) is how many times a local "
            + "access a remote one costs. Costs are in docs/COST-MODEL.md.",
        example: """
            cluster { server mp1 cpus 8 }
            multiprocessor mp1 queues per-cpu stealing reload 50us
            """)

    static let options: [String: Dimension?] = [
        "queues": nil, "stealing": nil, "affinity": nil, "reload": .duration, "lock": .duration, "os": nil,
        "interconnect": nil, "remote": .count, "kernel-locks": .count, "cells": .count,
    ]

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let nodes = try parser.parseNameList("a node name")
        var statement = MultiprocessorStatement(span: keyword.span, nodes: nodes)
        while !parser.atStatementEnd {
            let (option, dimension) = try parser.parseOption(options, of: "multiprocessor")
            if let first = statement.written[option.text] {
                throw Diagnostic(.check, "'\(option.text)' is given twice", at: option.span,
                                 help: "the first is at \(first.location); keep one")
            }
            statement.written[option.text] = option.span
            switch option.text {
            case "queues": statement.choice.queues = try parser.parseChoice(RunQueueWord.self, "run-queue kind",
                                                                           "run-queue kinds")
            case "stealing": statement.choice.stealing = true
            case "affinity": statement.choice.affinity = true
            case "os":
                statement.choice.os = try parser.parseChoice(OSOrganisationWord.self, "OS organisation",
                                                             "organisations")
            case "interconnect":
                let kind = try parser.parseChoice(InterconnectWord.self, "interconnect", "interconnects")
                statement.choice.interconnect = kind
                if kind == .numa, statement.written["remote"] == nil { statement.choice.remoteFactor = 3 }
            default:
                let (value, span) = try parser.parseQuantity(dimension ?? .count)
                statement.values.append((option, value, span))
            }
        }
        return statement
    }
}

struct MultiprocessorStatement: Statement {
    let span: SourceSpan
    let nodes: [Name]
    var choice = MultiprocessorChoice()
    /// Each option written, where: for "given twice" and the checks between options.
    var written: [String: SourceSpan] = [:]
    var values: [(Name, Quantity, SourceSpan)] = []

    static let maximumRemoteFactor = 1000
    static let maximumKernelLocks = 1024
    static let maximumCells = 1024

    func check(_ checker: inout Checker) {
        for node in nodes { checker.resolveNode(node) }
        for (option, value, valueSpan) in values {
            switch option.text {
            case "reload", "lock":
                checker.requireBetweenZeroAnd(value, Limits.duration, "the \(option.text) cost", at: valueSpan,
                                              allowZero: true)
            case "kernel-locks":
                checker.requireWhole(value, 0...Self.maximumKernelLocks, "kernel-locks", at: valueSpan)
            case "cells": checker.requireWhole(value, 1...Self.maximumCells, "cells", at: valueSpan)
            default: checker.requireWhole(value, 1...Self.maximumRemoteFactor, "remote", at: valueSpan)
            }
        }
        if let stealing = written["stealing"], choice.queues != .perCPU {
            checker.error("stealing takes work from another CPU's queue; a shared queue has none", at: stealing,
                          help: "write queues per-cpu stealing, or drop 'stealing'")
        }
        // A shared queue already has soft affinity: a process that becomes ready takes the CPU it last ran
        // on when that CPU is free (Silberschatz). 'affinity' binds a process to its CPU's own queue.
        if let affinity = written["affinity"], choice.queues != .perCPU {
            checker.error("affinity keeps a process on its CPU's own queue; a shared queue has none (it already "
                          + "sends a ready process to the CPU it last ran on when that CPU is free)", at: affinity,
                          help: "write queues per-cpu affinity, or drop 'affinity'")
        }
        if let remote = written["remote"], choice.interconnect != .numa {
            checker.error("'remote' is the cost of a remote access on a NUMA machine", at: remote,
                          help: "write interconnect numa remote N, or drop 'remote'")
        }
        if let cells = written["cells"], choice.interconnect != .numa {
            checker.error("'cells' groups the CPUs of a NUMA machine", at: cells,
                          help: "write interconnect numa cells K, or drop 'cells'")
        }
        if let locks = written["kernel-locks"], choice.os != .fineGrained {
            checker.error("'kernel-locks' is the number of kernel locks of a fine-grained kernel", at: locks,
                          help: "write os fine-grained kernel-locks K, or drop 'kernel-locks'")
        }
    }

    /// The declared organisation with the numbers filled in.
    var resolved: MultiprocessorChoice {
        var resolved = choice
        for (option, value, _) in values {
            switch option.text {
            case "reload": resolved.reload = value.duration
            case "lock": resolved.queueLock = value.duration
            case "kernel-locks": resolved.kernelLocks = Int(value.integer)
            case "cells": resolved.cells = Int(value.integer)
            default: resolved.remoteFactor = Int(value.integer)
            }
        }
        return resolved
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        for node in nodes {
            try interpreter.setMultiprocessor(resolved, on: try interpreter.node(node), at: node.span)
        }
    }
}
