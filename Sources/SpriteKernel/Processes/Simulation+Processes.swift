/// Programs and processes: defining, spawning, and reading their accounting.
extension Simulation {
    /// Defines (or redefines, for processes spawned later) the program `name`.
    /// Fork and spawn steps may name programs already defined, or `name` itself.
    @discardableResult
    public func defineProgram(_ name: String, steps: [ProgramStep]) throws(KernelError) -> ProgramID {
        let s = scheduler
        // A redefinition takes a new slot: processes already running keep the steps they started with.
        let slot = Int32(s.programs.count)
        let compiler = ProgramCompiler(program: { $0 == name ? slot : s.programIndex[$0] },
                                       intern: { s.intern($0) }, keepFileRequest: { s.table.keep($0) },
                                       nodeCount: nodes.count, segment: { self.dsmSegmentForSteps($0) },
                                       stepLimit: s.programStepLimit, keepPattern: definePattern,
                                       keepDSMPattern: keepDSMPattern)
        s.programs.append(try compiler.compile(name: name, steps))
        s.programIndex[name] = slot
        return ProgramID(slot)
    }

    /// A program that is not listed by name (a job's): returns the internal key `spawn` takes.
    func addUnlistedProgram(_ name: String, steps: [ProgramStep]) throws(KernelError) -> String {
        let s = scheduler
        let key = "\u{0}job\u{0}" + String(s.programs.count)
        let compiler = ProgramCompiler(program: { s.programIndex[$0] }, intern: { s.intern($0) },
                                       keepFileRequest: { s.table.keep($0) }, nodeCount: nodes.count,
                                       segment: { self.dsmSegmentForSteps($0) }, stepLimit: s.programStepLimit,
                                       keepPattern: definePattern, keepDSMPattern: keepDSMPattern)
        s.programs.append(try compiler.compile(name: name, steps))
        s.hiddenPrograms[key] = Int32(s.programs.count - 1)
        return key
    }

    /// The program defined as `name`, if any.
    public func programID(named name: String) -> ProgramID? { scheduler.programIndex[name].map(ProgramID.init) }

    /// Every defined program's name, sorted.
    public var programNames: [String] { scheduler.programIndex.keys.sorted() }

    /// Starts a process named `name` running `program` on `node`, arriving at
    /// `time` (now if nil). Lower `priority` numbers run first; `tickets` weigh
    /// lottery and stride; `expectedBurst` is the burst SJF orders by (else the
    /// current burst's real length).
    @discardableResult
    public func spawn(program: String, name: String, node: Int, at time: SimTime? = nil, priority: Int = 0,
                      tickets: Int = 100, expectedBurst: SimTime? = nil) throws(KernelError) -> ProcessID {
        let s = scheduler
        summariseEndedProcesses()
        guard let programID = s.programIndex[program] ?? s.hiddenPrograms[program] else {
            throw .unknownProgram(program)
        }
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        guard s.table.index[name] == nil else { throw .duplicateProcess(name) }
        let arrival = time ?? now
        guard arrival >= now else { throw .timeInPast(requested: arrival, now: now) }
        guard !arrival.isPastHorizon else { throw .pastHorizon(requested: arrival) }
        guard tickets >= 1, tickets <= Int(Int32.max) else { throw .invalidValue("tickets") }
        guard priority >= Int(Int32.min), priority <= Int(Int32.max) else { throw .invalidValue("priority") }
        let burst = expectedBurst ?? .zero
        guard burst >= .zero else { throw .invalidValue("burst") }
        guard s.table.scriptProcessCount < s.processLimit else { throw .limitReached("processes") }
        let id = s.table.nextID
        let process = SimProcess(node: Int32(node), program: programID, arrival: arrival, priority: Int32(priority),
                                 tickets: Int32(tickets), expectedBurst: burst, group: id)
        return place(process, name: name)
    }

    /// The most processes (spawned, forked, generated) a simulation may hold.
    public var processLimit: Int {
        get { scheduler.processLimit }
        set { scheduler.processLimit = max(0, newValue) }
    }

    /// The most steps one run of a program may take, `repeat` multiplied out
    /// (default 10 million): bounds the work one process can ask for.
    public var programStepLimit: Int64 {
        get { scheduler.programStepLimit }
        set { scheduler.programStepLimit = max(0, newValue) }
    }

    /// Forks and spawn steps refused because `processLimit` was reached.
    public var refusedForks: Int { scheduler.refusedForks }

    /// Processes ever created, declared ones too (ids are 0..<count); with ended processes summarised,
    /// the slots held (a reused slot counts once).
    public var scheduledProcessCount: Int { scheduler.table.count }

    /// Processes created and not yet finished.
    public var liveProcessCount: Int { scheduler.liveProcesses }

    /// The process called `name` that runs a program (declared processes: `process(named:)`).
    public func processID(named name: String) -> ProcessID? {
        scheduler.table.id(named: name).flatMap { scheduler.table[$0].kind == .program ? $0 : nil }
    }

    /// A process's accounting and state now: time in its current state up to now counts (the engine
    /// charges it only when the state ends), so metrics read during a run are current.
    public func processMetrics(_ id: ProcessID) -> ProcessMetrics? {
        let s = scheduler
        guard id.index >= 0, Int(id.index) < s.table.count, isMeasured(id.index) else { return nil }
        let cpu = Int(s.table[id].cpu)
        let local = cpu >= 0 ? Int(s.cpus[cpu].local) : -1
        let program = s.table[id].program >= 0 ? s.programs[Int(s.table[id].program)].name : ""
        var metrics = s.table.metrics(of: id, programName: program,
                                      cpuWithinNode: local, syncNames: s.syncNames)
        metrics.migrations = migrationCount(of: id)
        let since = s.table[id].since
        switch s.table[id].phase {
        case .running where now > s.cpus[cpu].accountedTo:
            metrics.cpuTime += now - s.cpus[cpu].accountedTo
            // Its first run is settled when its slice is; it has been running since then.
            if metrics.firstRun == nil { metrics.firstRun = s.cpus[cpu].accountedTo }
        case .ready:
            metrics.waitTime += now - since
            let queue = Int(s.table[id].queue)
            if queue >= 0, let aged = s.policies[queue].currentPriority(of: id, table: s.table, now: now) {
                metrics.priority = aged
            }
        case .blocked where now > since:
            metrics.blockedTime += now - since
        default:
            break
        }
        return metrics
    }

    /// Whether the process is scheduled and accounted: one running a program, or a declared process on
    /// a node with a declared scheduler (its compute steps are bursts there). A declared process on a node
    /// without one books the CPU for its compute and is not measured; a node's shell never is.
    func isMeasured(_ process: Int32) -> Bool {
        switch scheduler.table[process].kind {
        case .program: true
        case .shell, .free: false
        case .declared:
            schedulerSlot(Int(scheduler.table[process].node)).map { scheduler.nodes[$0].schedulerDeclared } ?? false
        }
    }

    /// Every measured process's metrics (of one node if given), in the order they were created.
    public func processMetrics(node: Int? = nil) -> [ProcessMetrics] {
        var out: [ProcessMetrics] = []
        for index in 0..<scheduler.table.count {
            if let node, Int(scheduler.table[Int32(index)].node) != node { continue }
            if let metrics = processMetrics(ProcessID(Int32(index))) { out.append(metrics) }
        }
        return out
    }
}
