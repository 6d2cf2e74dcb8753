import SpriteKernel

/// Programs, processes and schedulers: what the process statements ask of the engine.
extension Interpreter {
    func addProcessSymbols(to table: inout SymbolTable) {
        table.programs = programs
        // Declared processes measured under a declared scheduler stay declared ones to the checker.
        for p in simulation.processMetrics() where simulation.process(named: p.name) == nil {
            table.processes[p.name] = simulation.nodeName(p.node)
            table.scheduled.insert(p.name)
        }
    }

    func setScheduler(_ choice: SchedulerChoice, on node: Int, at span: SourceSpan) throws(Diagnostic) {
        guard let kind = choice.kernelKind else {
            throw Diagnostic(.runtime, "the engine has no \(choice.policy.rawValue) scheduler yet", at: span,
                             help: "policies it runs: " + SchedulerKind.names.joined(separator: " "))
        }
        try checkJobsFit(under: kind, on: node, at: span)
        try checkGangOrganisation(kind, simulation.multiprocessorOptions(on: node).organisation, on: node, at: span)
        do {
            try simulation.setScheduler(kind, on: node, contextSwitch: choice.switchCost)
        } catch {
            throw Diagnostic(.runtime, "cannot set the scheduler: \(EngineWords.describe(error))", at: span)
        }
    }

    /// gang … coordinated: the nodes share one matrix (the same node named twice counts once).
    func setCoordinatedScheduler(_ choice: SchedulerChoice, on nodes: [Int], at span: SourceSpan)
        throws(Diagnostic) {
        guard let kind = choice.kernelKind else { return }
        var distinct: [Int] = []
        for node in nodes where !distinct.contains(node) { distinct.append(node) }
        for node in distinct {
            try checkJobsFit(under: kind, on: node, at: span)
            try checkGangOrganisation(kind, simulation.multiprocessorOptions(on: node).organisation, on: node,
                                      at: span)
        }
        do {
            try simulation.setScheduler(kind, coordinating: distinct, contextSwitch: choice.switchCost)
        } catch {
            throw Diagnostic(.runtime, "cannot set the scheduler: \(EngineWords.describe(error))", at: span)
        }
    }

    func setMultiprocessor(_ choice: MultiprocessorChoice, on node: Int, at span: SourceSpan) throws(Diagnostic) {
        let cpus = simulation.nodeSpec(node).cpus
        let name = simulation.nodeName(node)
        if choice.os == .masterSlave, cpus < 2 {
            throw Diagnostic(.runtime, "master-slave needs two CPUs or more (CPU 0 is the master); \(name) has 1",
                             at: span, help: "declare the node with cpus N, or choose another os")
        }
        if choice.interconnect == .numa, choice.cells > cpus || cpus % choice.cells != 0 {
            throw Diagnostic(.runtime, "numa cells \(choice.cells) must divide \(name)'s \(cpus) CPUs evenly",
                             at: span, help: "give cells K with K a divisor of \(cpus)")
        }
        try checkGangOrganisation(simulation.scheduler(on: node), choice.kernelOrganisation, on: node, at: span)
        let layout: RunQueueLayout = choice.queues == .perCPU ? .perCPU(stealing: choice.stealing) : .shared
        let options = MultiprocessorOptions(layout: layout, cacheReload: choice.reload, queueLock: choice.queueLock,
                                            organisation: choice.kernelOrganisation,
                                            interconnect: choice.kernelInterconnect)
        do {
            try simulation.setMultiprocessor(options, on: node)
        } catch {
            throw Diagnostic(.runtime, "cannot organise the node: \(EngineWords.describe(error))", at: span)
        }
    }

    /// Gang and space scheduling give every CPU of the node a matrix column, CPU 0 included, while
    /// master-slave keeps CPU 0 for kernel work: the two cannot hold together, so the pair is refused.
    func checkGangOrganisation(_ kind: SchedulerKind, _ organisation: OSOrganisation, on node: Int,
                               at span: SourceSpan) throws(Diagnostic) {
        guard kind.usesGangMatrix, organisation == .masterSlave else { return }
        let name = simulation.nodeName(node)
        throw Diagnostic(.runtime, "\(kind.name) scheduling cannot run on \(name) under os master-slave: it gives "
                         + "every CPU a column of its matrix, and master-slave keeps CPU 0 for kernel work",
                         at: span, help: "choose os big-lock or fine-grained for \(name), or a time-sharing "
                            + "scheduler (fcfs, rr) with master-slave")
    }

    func defineProgram(_ name: String, steps: [ProgramStep], at span: SourceSpan) throws(Diagnostic) {
        let compiled = try kernelSteps(steps)
        do {
            try simulation.defineProgram(name, steps: compiled)
        } catch {
            throw Diagnostic(.runtime, "cannot define program '\(name)': \(EngineWords.describe(error))", at: span)
        }
        programs[name] = steps
    }

    /// Spawns one process on `nodes[0]`, or a parallel job's threads dealt over `nodes`.
    func spawn(program: Name, as name: Name, on nodes: [Int], _ settings: SpawnSettings) throws(Diagnostic) {
        do {
            guard settings.threads == 1 else {
                try simulation.spawnGang(program: program.text, name: name.text, nodes: nodes,
                                         threads: settings.threads, at: settings.arrival,
                                         priority: settings.priority ?? Limits.defaultPriority,
                                         tickets: settings.tickets ?? Limits.defaultTickets, job: settings.job)
                return
            }
            let id = try simulation.spawn(program: program.text, name: name.text, node: nodes[0],
                                          at: settings.arrival, priority: settings.priority ?? Limits.defaultPriority,
                                          tickets: settings.tickets ?? Limits.defaultTickets,
                                          expectedBurst: settings.burst)
            if let job = settings.job { try simulation.joinGang(id, job: job) }
        } catch {
            throw Diagnostic(.runtime, "cannot spawn '\(name.text)': \(EngineWords.describe(error))", at: name.span,
                             help: EngineWords.help(error))
        }
    }

    /// The jobs of a job list, each a process with a program of its own that no script can name.
    func startJobs(_ jobs: [JobLine], on node: Int, at span: SourceSpan) throws(Diagnostic) {
        let list = jobs.map { line in
            let settings = line.settings
            return Job(name: line.name.text, arrival: settings.arrival ?? simulation.now,
                       phases: line.phases.enumerated().map { $0 % 2 == 0 ? .cpu($1.0.duration) : .io($1.0.duration) },
                       priority: settings.priority ?? Limits.defaultPriority,
                       tickets: settings.tickets ?? Limits.defaultTickets, expectedBurst: settings.burst)
        }
        do {
            try simulation.addJobs(list, on: node)
        } catch {
            throw Diagnostic(.runtime, "cannot start the jobs: \(EngineWords.describe(error))", at: span,
                             help: EngineWords.help(error))
        }
    }

    /// A workload drawn from the engine's seeded generator, its first job arriving now.
    func generateWorkload(_ workload: WorkloadStatement, on node: Int) throws(Diagnostic) {
        guard let burst = workload.burst?.kernelDistribution else { return }
        let spec = WorkloadSpec(namePrefix: workload.prefix?.text ?? WorkloadStatement.defaultPrefix,
                                count: workload.count, start: simulation.now,
                                interarrival: workload.arrival?.kernelDistribution ?? .fixed(.zero), burst: burst,
                                bursts: workload.bursts?.0 ?? 1, io: workload.io?.kernelDistribution)
        do {
            try simulation.generateWorkload(spec, on: node)
        } catch {
            throw Diagnostic(.runtime, "cannot generate the workload: \(EngineWords.describe(error))",
                             at: workload.span, help: EngineWords.help(error))
        }
    }

    /// The engine's steps for the script's steps, with node names resolved.
    private func kernelSteps(_ steps: [ProgramStep]) throws(Diagnostic) -> [SpriteKernel.ProgramStep] {
        var out: [SpriteKernel.ProgramStep] = []
        for step in steps {
            switch step.syntax {
            case .compute(let time, let memory): out.append(.compute(time.duration, memoryShare: memory?.real ?? 0))
            case .syscall(let time): out.append(.syscall(time.duration))
            case .locationCall(let call, let time):
                out.append(.locationCall(call, cpu: time?.duration ?? Limits.locationCallCPU))
            case .io(let time): out.append(.io(time.duration))
            case .sleep(let time): out.append(.sleep(time.duration))
            case .lock(let name, let kind, let limit):
                switch kind {
                case .block: out.append(.lock(name.text, .blocking))
                case .tas: out.append(.lock(name.text, .spin))
                case .spinThenBlock: out.append(.lock(name.text, .spinThenBlock(limit: limit?.duration ?? .zero)))
                case .ttas: out.append(.lock(name.text, .testAndTestAndSet))
                }
            case .signal(let channel): out.append(.signal(channel.text))
            case .wait(let channel): out.append(.wait(channel.text))
            case .unlock(let name): out.append(.unlock(name.text))
            case .barrier(let name, let parties): out.append(.barrier(name.text, parties: parties))
            case .fork(let program, let shared): out.append(.fork(program: program.text, shared: shared))
            case .spawn(let program, let node): out.append(.spawn(program: program.text, node: try self.node(node)))
            case .exit: out.append(.exit)
            case .repeatBlock(let count, let body): out.append(.repeat(count, try kernelSteps(body)))
            case .send(let peer, let text, let nowait):
                out.append(.send(to: peer.text, text: text.isEmpty ? nil : text, wait: !nowait))
            case .receive: out.append(.receive)
            case .reply(let peer, let text): out.append(.reply(to: peer.text, text: text.isEmpty ? nil : text))
            case .moveTo(let peer, let bytes): out.append(.moveTo(peer: peer.text, bytes: bytes))
            case .moveFrom(let peer, let bytes): out.append(.moveFrom(peer: peer.text, bytes: bytes))
            case .file(let operation): out.append(.file(operation.request))
            case .dsm(let step): out.append(step.kernelStep)
            case .pattern(let pattern): out.append(pattern.kernelStep)
            }
        }
        return out
    }
}

extension SchedulerChoice {
    /// The engine's scheduler for this choice; nil for a policy it does not have.
    var kernelKind: SchedulerKind? {
        let quantum = quanta.first ?? SchedulerStatement.defaultQuantum
        switch policy {
        case .fcfs: return .fcfs
        case .sjf: return .shortestJobFirst
        case .srtf: return .shortestRemainingTime
        case .rr: return .roundRobin(quantum: quantum)
        case .priority: return .priority(aging: aging, preemptive: preemptive)
        case .mlfq:
            return .multilevelFeedback(MultilevelFeedbackConfiguration(quanta: quanta, allotment: allotment,
                                                                       boostPeriod: boost))
        case .lottery: return .lottery(quantum: quantum)
        case .stride: return .stride(quantum: quantum)
        case .gang: return .gang(quantum: quantum, alternates: alternates, coordinated: coordinated)
        case .space: return .spaceSharing
        }
    }
}

extension Distribution {
    var kernelDistribution: TimeDistribution {
        let values = durations.map(\.0.duration)
        switch kind {
        case .fixed: return .fixed(values[0])
        case .uniform: return .uniform(values[0], values[1])
        case .exponential: return .exponential(mean: values[0])
        case .bimodal: return .bimodal(short: values[0], long: values[1], shortFraction: share?.0.real ?? 0)
        }
    }
}

extension Interpreter {
    /// Each lock cycle the engine found since the last report is printed once, when the run reaches it.
    func reportDeadlocks() {
        let found = simulation.deadlocks
        if found.count < deadlocksReported { deadlocksReported = 0 }
        let names = processNames
        for deadlock in found[deadlocksReported...] {
            let processes = deadlock.processes.map { id in
                names.indices.contains(Int(id.index)) ? names[Int(id.index)] : "\(id)"
            }
            emit(.deadlock(time: deadlock.time, node: deadlock.node, processes: processes, locks: deadlock.locks))
        }
        deadlocksReported = found.count
    }

    /// A step a process could not take (a lock taken twice, one released but not held) ends the run with
    /// a runtime error that says which process, which step and when.
    func checkStepFaults(at span: SourceSpan) throws(Diagnostic) {
        try checkDSMFailures(at: span)
        try checkPagingFailures(at: span)
        try checkHomeCrashKills(at: span)
        guard let fault = simulation.stepFaults.first else { return }
        let name = simulation.processMetrics(fault.process)?.name ?? "\(fault.process)"
        switch fault.kind {
        case .relock:
            throw Diagnostic(.runtime, "process \(name) took 'lock \(fault.lock)' at \(fault.time) while it already "
                             + "held \(fault.lock): a lock is not reentrant, and the process ended there", at: span,
                             help: "unlock \(fault.lock) before taking it again, or guard the inner part with "
                                + "another lock")
        case .unlockNotHeld:
            throw Diagnostic(.runtime, "process \(name) took 'unlock \(fault.lock)' at \(fault.time) without holding "
                             + "\(fault.lock), and the process ended there", at: span,
                             help: "only the process that took a lock may release it; pair each unlock with a lock")
        }
    }
}

/// What the statements read back from the engine.
extension Interpreter {
    /// Under `show nodes`: each multiprocessor's OS organisation and interconnect, when one was declared.
    var multiprocessorNotes: [String] {
        (0..<simulation.nodeCount).compactMap { node in
            let options = simulation.multiprocessorOptions(on: node)
            guard options.organisation != .fineGrained(locks: 0) || options.interconnect != nil else { return nil }
            var words = ["os \(options.organisation.name)"]
            if case .fineGrained(let locks) = options.organisation, locks > 0 { words.append("\(locks) kernel locks") }
            if let interconnect = options.interconnect {
                let (count, unit) = interconnect.hardware(cpus: simulation.nodeSpec(node).cpus)
                words.append("\(interconnect.name) interconnect (\(count) \(unit))")
            }
            return "  \(simulation.nodeName(node)): " + words.joined(separator: ", ")
        }
    }

    var processMetrics: [ProcessMetrics] { simulation.processMetrics() }

    /// A measured process's metrics: one running a program, or a declared one under a declared scheduler.
    func processMetrics(named name: String) -> ProcessMetrics? {
        simulation.anyProcess(named: name).flatMap { simulation.processMetrics(ProcessID(Int32($0))) }
    }

    /// The CPUs of every node that has scheduled processes.
    var cpuStatistics: [CPUStatistics] {
        // A node that ran processes which have since migrated away still belongs in the table.
        let holding = Set(simulation.processMetrics().map(\.node))
        return (0..<simulation.nodeCount).flatMap { node in
            let statistics = simulation.cpuStatistics(node: node)
            let ran = statistics.contains { $0.dispatches > 0 || $0.busy > .zero }
            return holding.contains(node) || ran ? statistics : []
        }
    }

    var timelineSlices: [TimelineSlice] { simulation.timeline() }
    var timelineDropped: Int { simulation.timelineDropped }
    var timelineLimit: Int { simulation.timelineLimit }

    /// Every scheduled process's name, by id, for drawing many slices.
    /// Every process's name by id, declared ones too (they share the id space).
    var processNames: [String] { (0..<simulation.scheduledProcessCount).map(simulation.processName) }
}
