import SpriteKernel

/// Limits and choices that hold for a whole session.
public struct SessionOptions: Sendable {
    public var format: OutputFormat = .text
    /// Columns text output is fitted to, with hanging indents; 0 (the
    /// default here) never breaks a line. The shell sets it from --width or
    /// the terminal, and uses 80 when standard output is not a terminal.
    public var width: Int = 0
    public var seed: UInt64 = 1
    /// Added to every seed a `seed N` statement sets: `sprite-shell test --repeat` varies a script that
    /// pins its own seed too (0, the first run, leaves it as written).
    public var seedOffset: UInt64 = 0
    /// What the session may use (docs/LIMITS.md); the script may lower these.
    public var limits = Limits()
    /// Stop at the first failed expect.
    public var bail = false
    /// The folders `load` may read from disk.
    public var sandbox = SourceSandbox()
    /// Reads `load`ed files; nil reads the disk within `sandbox`.
    public var loader: (any SourceLoader)?
    /// Raised (from a signal handler, say) to stop a long run.
    public var interrupt = InterruptFlag()
    /// `--jobs N`: a sweep runs its cells in up to N child processes started by this launcher.
    public var sweepJobs = 1
    public var sweepLauncher: (any SweepCellLauncher)?
    /// `run --shard I/N`: a sweep runs only this slice of its cells (docs/GRADING.md, "Sharding a sweep").
    public var sweepShard = Shard.whole
    /// `--export-dir DIR`: the folder `export` may write pictures into; nil refuses every export.
    public var exportFolder: String?
    /// `--report DIR`: after a script runs (`Session.runScript`), its report is written into DIR
    /// (Report/RunReport.swift); nil writes none.
    public var reportFolder: String?
    /// Print the end-of-run summary when `Session.runScript` ends (batch runs, unless --no-summary).
    public var printsSummary = false

    public init() {}
}

/// The statements of an `at` block, with the context they were written in.
struct TimedBlock {
    var body: [any Statement]
    /// When the block is due.
    var time: SimTime
    var node: Int?
    /// The V process of an `on PROCESS` block it was written in.
    var process: Int? = nil
    var allowFailures: Bool
}

/// An operation a statement started, remembered so its failure can be
/// reported against the statement that started it.
struct TrackedOperation {
    var span: SourceSpan
    var allowFailure: Bool
}

/// Executes checked statements against the engine and reports what happened.
public final class Interpreter {
    public private(set) var simulation: Simulation
    let reporter: Reporter
    let options: SessionOptions
    let loaded: LoadedPrograms
    let meter: LimitMeter
    public var interrupt: InterruptFlag { options.interrupt }

    var labels: [String: Int32] = [:]
    var labelKinds: [String: OperationKind] = [:]
    private var operationLabels: [Int32: String] = [:]
    private(set) var tracked: [Int32: TrackedOperation] = [:]
    private var unsettled: [Int32] = []
    private var lastSettledCount = -1
    var timers: [Int32: TimedBlock] = [:]
    /// Set while running the body of `try`.
    var allowFailures = false
    /// Set while running the body of `on NODE { }`.
    var currentNode: Int?
    /// Set while running the body of `on PROCESS { }`: the V process issuing file steps on `currentNode`.
    var currentProcess: Int?
    /// What the network preset's era supplied.
    var era = EraDefaults()
    /// Set while running an `at` block: the time it was due.
    private var blockTime: SimTime?
    private var semanticsCache: (revision: Int, report: SemanticsReport)?
    public private(set) var expectationsPassed = 0
    public private(set) var expectationsFailed = 0
    /// Deadlocks of the engine already printed.
    var deadlocksReported = 0
    /// The `balance` line in force, for what it still has to do when a run starts (BalanceAtRunStart.swift).
    var balanceInForce: BalanceInForce?
    /// Jobs found too wide for their node already reported as errors.
    var oversizedJobsReported = 0
    /// Programs, as the script wrote them (the engine keeps them compiled).
    var programs: [String: [ProgramStep]] = [:]
    /// Everything traced so far, for `show trace`.
    private(set) var history: [TraceRecord] = []
    static let historyLimit = 100_000

    /// Sweeps run so far, by name, for `show sweep` and `expect NAME[…]`.
    var sweeps: [String: SweepResult] = [:]
    /// The trace level the script chose (`trace`); the engine's is higher while recording.
    var traceLevel = TraceLevel.operations
    /// What pictures need of the run, when the script exports any (Recording/).
    var recording: RunRecording?
    /// `--report`: the parts of the script that earlier resets ended (Report/ReportParts.swift).
    var reportParts: ReportParts?

    /// `meter`: a sweep's cell shares its session's, so both count against one set of limits.
    init(options: SessionOptions, reporter: Reporter, loaded: LoadedPrograms, meter: LimitMeter? = nil) {
        self.options = options
        self.reporter = reporter
        self.loaded = loaded
        self.meter = meter ?? LimitMeter(limits: options.limits)
        self.simulation = Simulation(seed: options.seed)
        applyLimits()
    }

    var context: RenderContext { RenderContext(simulation: simulation, labels: operationLabels) }

    var symbols: SymbolTable {
        var table = SymbolTable(simulation: simulation, labels: labelKinds)
        addProcessSymbols(to: &table)
        table.sweeps = sweeps.mapValues(\.shape)
        return table
    }

    func emit(_ item: OutputItem) { reporter.emit(item, context: context) }

    // MARK: Statements

    public func execute(_ statements: [any Statement]) throws(Diagnostic) {
        for statement in statements {
            do {
                try statement.execute(self)
            } catch {
                throw error.withFallbackHelp(statement: FallbackHelp.keyword(at: statement.span))
            }
            try settle()
            try checkUsage(at: statement.span)
        }
    }

    /// Runs an `at` block in the context it was written in: inside `on`, `try`.
    private func execute(_ block: TimedBlock) throws(Diagnostic) {
        let (outerNode, outerProcess, outerAllow, outerTime) = (currentNode, currentProcess, allowFailures, blockTime)
        (currentNode, currentProcess, allowFailures, blockTime) = (block.node, block.process, block.allowFailures,
                                                                   block.time)
        defer { (currentNode, currentProcess, allowFailures, blockTime) = (outerNode, outerProcess, outerAllow,
                                                                            outerTime) }
        try execute(block.body)
    }

    /// Remembers an operation a statement started, under its label if any.
    func track(_ operation: Int32, span: SourceSpan, label: Name?) {
        tracked[operation] = TrackedOperation(span: span, allowFailure: allowFailures)
        unsettled.append(operation)
        if let label {
            labels[label.text] = operation
            labelKinds[label.text] = simulation.operation(operation)?.kind
            operationLabels[operation] = label.text
        }
    }

    /// Prints new trace records, then turns any operation that failed without
    /// the script allowing for it into a runtime error at its statement.
    func settle() throws(Diagnostic) {
        flushTrace()
        try stopIfOutputFailed()
        // Only look through the open operations when some have ended: a long
        // script issuing work without running it stays linear.
        let ended = simulation.statistics.operationsDone + simulation.statistics.operationsFailed
        guard ended != lastSettledCount else { return }
        lastSettledCount = ended
        var stillOpen: [Int32] = []
        var firstFailure: Diagnostic?
        var firstFailedAt = SimTime.never
        var limitHit: Diagnostic?
        for op in unsettled {
            guard let record = simulation.operation(op) else { continue }
            switch record.status {
            case .queued, .running: stillOpen.append(op)
            case .done: break
            case .failed(let failure):
                if let limit = failure.limit, let info = tracked[op] {
                    // A limit is not a failure a script can allow for with 'try'.
                    limitHit = limitHit ?? limits.reached(limit, EventWords.words(failure, context), at: info.span)
                    continue
                }
                // 'try' allows for a failure the script expects, never for the end of time.
                // The error is the failure that happened first, at the time it happened.
                let when = record.finishedAt ?? simulation.now
                guard let info = tracked[op], !info.allowFailure || failure == .endOfTime,
                      when < firstFailedAt else { continue }
                firstFailedAt = when
                let what = EventWords.describe(operation: record, context)
                firstFailure = Diagnostic(.runtime, "\(what) failed at \(when): \(EventWords.words(failure, context))",
                                          at: info.span,
                                          help: failure == .endOfTime ? Self.endOfTimeHelp
                                            : "prefix the statement with 'try' if the script expects this failure")
            }
        }
        unsettled = stillOpen
        if let limitHit { throw limitHit }
        if let firstFailure { throw firstFailure }
    }

    static let endOfTimeHelp = "simulated time ends there; give the work less time, a faster node or link"

    /// Output that cannot be written ends the run at once (exit status 5).
    func stopIfOutputFailed() throws(Diagnostic) {
        guard reporter.sink.hasFailed else { return }
        throw Diagnostic(.outputFailed, "standard output or error could not be written", at: nil)
    }

    func flushTrace() {
        let records = recordForPictures(simulation.drainTrace())
        for record in records {
            emit(.trace(record))
            if history.count < Self.historyLimit { history.append(record) }
        }
    }

    // MARK: Time

    /// Runs the engine to `deadline` (or until idle), running `at` blocks as
    /// their time comes and stopping at a limit: `run limit N`, or the session's.
    func runEngine(until deadline: SimTime?, eventLimit: Int? = nil, at span: SourceSpan) throws(Diagnostic) {
        if let deadline, deadline > limits.time {
            throw limits.reached(.time, "the clock would reach \(deadline), past \(limits.time)", at: span)
        }
        try prepareBalancing(at: span)
        let startEvents = simulation.statistics.eventsProcessed
        let paging = pagingSnapshot()
        defer { reportPaging(since: paging) }
        // At its default the time limit is the clock's own end, which the clock guards itself.
        let timeLimit = limits.time < .horizon ? limits.time : nil
        interrupt.clear()
        // A millisecond past the budget, so the check after the stop sees it spent.
        let alarm = WallAlarm(afterNanoseconds: limits.wall - meter.wallNanoseconds + 1_000_000, raising: interrupt)
        defer { alarm.cancel() }
        // Events between checks of output, memory and wall-clock time; each slice's trace is printed
        // before the next one runs.
        let slice = limits.sliceEvents
        while true {
            let used = Int(simulation.statistics.eventsProcessed - startEvents)
            let runLeft = eventLimit.map { max(0, $0 - used) } ?? .max
            let scriptLeft = Int(clamping: max(0, limits.events - eventsUsed))
            let stop = simulation.run(until: deadline, eventLimit: min(runLeft, scriptLeft, slice),
                                      timeLimit: timeLimit, interrupt: interrupt)
            try checkStepFaults(at: span)
            reportDeadlocks()
            try checkNoOversizedJob(at: span)
            if stop == .eventLimit && runLeft > slice && scriptLeft > slice {
                // Only a slice ended: print its trace, so a long run streams in bounded memory.
                flushTrace()
                try checkUsage(at: span)
                continue
            }
            try settle()
            let pending = simulation.pendingEventCount
            switch stop {
            case .idle, .reachedDeadline:
                return
            case .timer(let id):
                if let block = timers.removeValue(forKey: id) { try execute(block); try prepareBalancing(at: span) }
            case .eventLimit where runLeft <= scriptLeft:
                let limit = eventLimit ?? 0
                throw Diagnostic(.limit, "limit reached: 'run limit \(limit)' stopped the run after "
                                 + "\(Plural.of(limit, "event")) at \(simulation.now) with \(pending) still pending",
                                 at: span,
                                 help: "raise it in the script up to the script's limit of \(limits.events) events "
                                    + "(--limit events=N), or look for a loop")
            case .eventLimit:
                throw limits.reached(.events, "the script has processed \(Plural.of(eventsUsed, "event")); "
                                     + "\(pending) still pending at \(simulation.now)", at: span)
            case .timeLimit:
                let next = simulation.nextEventTime.map { " at \($0)" } ?? ""
                throw limits.reached(.time, "the next event\(next) is past \(limits.time); "
                                     + "\(Plural.of(pending, "event")) pending", at: span)
            case .interrupted:
                try meter.checkWall(at: span)
                throw Diagnostic(.runtime, "interrupted at \(simulation.now)", at: span,
                                 help: "at the prompt the session keeps its state: 'run' goes on from here")
            }
        }
    }

    /// `now + duration`, or a runtime error if that passes the end of simulated time.
    func deadline(after duration: SimTime, at span: SourceSpan) throws(Diagnostic) -> SimTime {
        let now = simulation.now
        guard duration.nanoseconds <= SimTime.horizon.nanoseconds - now.nanoseconds else {
            throw Diagnostic(.runtime, "the clock would pass the end of simulated time (about 146 years); "
                             + "it reads \(now)", at: span, help: Self.endOfTimeHelp)
        }
        return now + duration
    }

    /// The semantics checker's verdicts on the history so far, judged again
    /// only when the history has changed.
    func semantics() -> SemanticsReport {
        let revision = simulation.fileHistoryRevision
        if let cached = semanticsCache, cached.revision == revision { return cached.report }
        let report = SemanticsChecker.judge(simulation.fileHistory)
        semanticsCache = (revision, report)
        return report
    }

    // MARK: Session state

    /// Back to an empty cluster at time zero (same seed).
    func reset() {
        meter.earlierEvents += simulation.statistics.eventsProcessed
        simulation = Simulation(seed: simulation.seed)
        applyLimits()
        era = EraDefaults()
        programs = [:]
        labels = [:]
        labelKinds = [:]
        operationLabels = [:]
        tracked = [:]
        unsettled = []
        lastSettledCount = -1
        timers = [:]
        history = []
        semanticsCache = nil
        sweeps = [:]
        traceLevel = .operations
        if recording != nil { recording = RunRecording() }
        applyTraceLevel()
    }

    func recordExpectation(_ result: ExpectationResult) {
        if result.passed { expectationsPassed += 1 } else { expectationsFailed += 1 }
        emit(.expectation(result))
    }

    // MARK: Names at run time

    func node(_ name: Name) throws(Diagnostic) -> Int {
        guard let index = simulation.node(named: name.text) else {
            throw unknown("node", name)
        }
        return index
    }

    func process(_ name: Name) throws(Diagnostic) -> Int {
        guard let index = simulation.process(named: name.text) else {
            throw unknown("process", name)
        }
        return index
    }

    /// The other end of a V exchange: a declared process or one running a program.
    func peer(_ name: Name) throws(Diagnostic) -> Int {
        guard let index = simulation.anyProcess(named: name.text) else {
            throw unknown("process", name)
        }
        return index
    }

    /// A name the checker let through that does not exist when an `at` block
    /// runs: say when, and which block still to run declares it.
    private func unknown(_ kind: String, _ name: Name) -> Diagnostic {
        guard let blockTime else { return Diagnostic(.runtime, "unknown \(kind) '\(name.text)'", at: name.span) }
        let message = "unknown \(kind) '\(name.text)' when the 'at' block ran at \(blockTime)"
        guard let later = laterDeclaration(of: name.text) else {
            return Diagnostic(.runtime, message, at: name.span,
                              help: "no \(kind) '\(name.text)' existed at \(blockTime): "
                                + "declare it before this block runs")
        }
        return Diagnostic(.runtime, message, at: name.span,
                          help: "'\(name.text)' is declared by the block at \(later), which runs after this one "
                            + "(at \(blockTime)): declare it earlier, or use it in a block at \(later) or later")
    }

    /// The earliest pending `at` block that declares `name`, by checking each as the checker would.
    private func laterDeclaration(of name: String) -> SimTime? {
        let loader = options.loader ?? FileSourceLoader(sandbox: options.sandbox)
        var earliest: SimTime?
        for block in timers.values where earliest.map({ block.time < $0 }) ?? true {
            var checker = Checker(symbols: symbols, loader: loader, loaded: LoadedPrograms())
            checker.check(block.body)
            checker.promoteDeferredNames()
            if checker.symbols.contains(name) { earliest = block.time }
        }
        return earliest
    }

    var summary: RunSummary {
        RunSummary(time: simulation.now, statistics: simulation.statistics,
                   expectationsPassed: expectationsPassed, expectationsFailed: expectationsFailed,
                   pendingEvents: simulation.pendingEventCount, deadlocks: simulation.deadlocks.count)
    }
}
