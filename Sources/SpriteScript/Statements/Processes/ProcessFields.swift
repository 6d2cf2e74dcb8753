import SpriteKernel

/// What `expect` reads from scheduled processes (`job1.turnaround`), from a
/// node's CPUs (`ws1.utilization`) and from the averages (`avg.response`).
enum ProcessFields {
    static let averageOwner = "avg"

    static let process: [String: Dimension?] = [
        "arrival": .duration, "first-run": .duration, "finish": .duration, "cpu": .duration, "wait": .duration,
        "blocked": .duration, "response": .duration, "turnaround": .duration, "switches": .count,
        "preemptions": .count, "dispatches": .count, "reloads": .count, "priority": .count, "tickets": .count,
    ]
    static let node: [String: Dimension?] = [
        "utilization": .percent, "run-queue": .count, "switches": .count, "dispatches": .count,
        "preemptions": .count, "cpu-time": .duration, "switching": .duration, "spinning": .duration,
        "deadlocks": .count,
    ]
    static let average: [String: Dimension?] = [
        "cpu": .duration, "wait": .duration, "response": .duration, "turnaround": .duration, "switches": .count,
        "preemptions": .count, "finished": .count, "slowdown": .count,
    ]

    /// The help page's lines for these fields.
    static var helpLines: String {
        "  scheduled process (a declared one too, under a declared scheduler): "
            + process.keys.sorted().joined(separator: " ") + "\n"
            + "  node (its CPUs, once it runs scheduled processes): " + node.keys.sorted().joined(separator: " ")
            + "\n  node (load balancing, now): idle (1 or 0) load (its load average)"
            + "\n  avg (over the finished scheduled processes; a declared process never finishes): "
            + average.keys.sorted().joined(separator: " ")
    }

    typealias Measured = ExpectStatement.Measured

    /// The value of `owner.field` if it is one of these fields, else nil.
    static func measure(_ owner: Name, _ field: String, _ interpreter: Interpreter) throws(Diagnostic) -> Measured? {
        if let memory = MemoryFields.measure(owner, field, interpreter) { return memory }
        if let migration = MigrationFields.measure(owner, field, interpreter.simulation) { return migration }
        if owner.text == averageOwner, interpreter.simulation.node(named: owner.text) == nil,
           interpreter.simulation.process(named: owner.text) == nil, interpreter.labels[owner.text] == nil {
            return averageField(field, interpreter.processMetrics.filter { $0.finish != nil })
        }
        if interpreter.simulation.processID(named: owner.text) == nil,
           let root = interpreter.symbols.forkedChildRoot(of: owner.text) {
            return .missing("\(root)'s family has not forked '\(owner.text)' yet")
        }
        let declared = interpreter.simulation.process(named: owner.text) != nil
        // A declared process's other fields (its V state) are read elsewhere.
        if let metrics = interpreter.processMetrics(named: owner.text), !declared || process[field] != nil {
            return processField(field, metrics)
        }
        if declared, process[field] != nil {
            return .missing("'\(owner.text)' is a declared process on a node with no scheduler declared: its "
                            + "compute books the CPU and is not measured (declare 'scheduler NODE …' first)")
        }
        if let node = interpreter.simulation.node(named: owner.text), field == "deadlocks" {
            return .number(Int64(interpreter.simulation.deadlocks.filter { $0.node == node }.count), .count)
        }
        if let node = interpreter.simulation.node(named: owner.text),
           let measured = BalancingFields.measure(field, node: node, interpreter.simulation) {
            return measured
        }
        if let node = interpreter.simulation.node(named: owner.text), let dimension = ProcessFields.node[field] {
            let cpus = interpreter.cpuStatistics.filter { $0.node == node }
            guard !cpus.isEmpty else { return .missing("\(owner.text) has run no scheduled process") }
            return nodeField(field, cpus, dimension ?? .count)
        }
        return nil
    }

    private static func time(_ t: SimTime?, _ why: String) -> Measured {
        t.map { .number($0.nanoseconds, .duration) } ?? .missing(why)
    }

    private static func processField(_ field: String, _ p: ProcessMetrics) -> Measured {
        switch field {
        case "state": .text(ProcessTables.stateWord(p).split(separator: "(").first.map(String.init) ?? "")
        case "arrival": .number(p.arrival.nanoseconds, .duration)
        case "first-run": time(p.firstRun, "not run yet")
        case "finish": time(p.finish, "not finished")
        case "cpu": .number(p.cpuTime.nanoseconds, .duration)
        case "wait": .number(p.waitTime.nanoseconds, .duration)
        case "blocked": .number(p.blockedTime.nanoseconds, .duration)
        case "response": time(p.responseTime, "not run yet")
        case "turnaround": time(p.turnaround, "not finished")
        case "switches": .number(Int64(p.contextSwitches), .count)
        case "preemptions": .number(Int64(p.preemptions), .count)
        case "dispatches": .number(Int64(p.dispatches), .count)
        case "reloads": .number(Int64(p.cacheReloads), .count)
        case "priority": .number(Int64(p.priority), .count)
        case "tickets": .number(Int64(p.tickets), .count)
        default: .missing("'\(p.name)' is a scheduled process: it has no \(field)")
        }
    }

    private static func averageField(_ field: String, _ finished: [ProcessMetrics]) -> Measured {
        guard !finished.isEmpty || field == "finished" else { return .missing("no scheduled process has finished") }
        let mean = Averages(finished)
        switch field {
        case "cpu": return .number(mean.cpu.nanoseconds, .duration)
        case "wait": return .number(mean.wait.nanoseconds, .duration)
        case "response": return .number(mean.response.nanoseconds, .duration)
        case "turnaround": return .number(mean.turnaround.nanoseconds, .duration)
        case "switches": return .real(mean.switches)
        case "preemptions": return .real(mean.preemptions)
        case "slowdown":
            return BalancingFields.slowdown(finished).map(Measured.real) ?? .missing(BalancingFields.noSlowdown)
        default: return .number(Int64(finished.count), .count)
        }
    }

    /// A node's figure over its CPUs: utilization and run queue averaged, counts summed.
    private static func nodeField(_ field: String, _ cpus: [CPUStatistics], _ dimension: Dimension) -> Measured {
        let n = Double(cpus.count)
        switch field {
        case "utilization":
            // Measured in millionths, as expect compares percentages.
            let mean = cpus.map(\.utilisation).reduce(0, +) / n
            return .number(Int64((mean * 1_000_000).rounded()), .percent)
        case "run-queue": return .real(cpus.map(\.averageRunQueue).reduce(0, +) / n)
        case "switches": return .number(Int64(cpus.map(\.contextSwitches).reduce(0, +)), dimension)
        case "dispatches": return .number(Int64(cpus.map(\.dispatches).reduce(0, +)), dimension)
        case "cpu-time": return .number(cpus.map(\.busy.nanoseconds).reduce(0, +), dimension)
        case "switching": return .number(cpus.map(\.switching.nanoseconds).reduce(0, +), dimension)
        case "spinning": return .number(cpus.map(\.spinning.nanoseconds).reduce(0, +), dimension)
        default: return .number(Int64(cpus.map(\.preemptions).reduce(0, +)), dimension)
        }
    }
}
