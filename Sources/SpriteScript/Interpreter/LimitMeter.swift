import SpriteKernel

/// What a session has used of its limits. The parser counts statements
/// through it, the checker reads the limits in force, and the interpreter
/// checks output, memory and wall-clock time after every statement and
/// every slice of a run.
final class LimitMeter {
    /// The limits in force: the command line's, or lower where the script said so.
    var limits: Limits
    /// Statements parsed so far, over every file, `load` and input at the prompt.
    private(set) var statementsParsed = 0
    /// Events processed by simulations that `reset` discarded.
    var earlierEvents: Int64 = 0
    private var wallUsed: Duration = .zero
    /// Statements counted since the wall clock was last looked at.
    private var sinceWallCheck = 0
    private var busySince: ContinuousClock.Instant?

    init(limits: Limits) { self.limits = limits }

    /// Counts `count` statements (or names a range expands to) before they are built.
    func countStatements(_ count: Int, at span: SourceSpan, range: String? = nil) throws(Diagnostic) {
        let (total, overflow) = statementsParsed.addingReportingOverflow(count)
        statementsParsed = overflow ? .max : total
        // Parsing a long script or many loads takes time too: look at the clock now and then.
        sinceWallCheck += count
        if sinceWallCheck >= 1024 {
            sinceWallCheck = 0
            try checkWall(at: span)
        }
        guard statementsParsed > limits.statements else { return }
        let what = range.map { "range \($0) makes \(count + 1) names, each counted as a statement, and " } ?? ""
        let parsed = "more than \(Plural.of(limits.statements, "statement")) parsed, counting every load"
        throw limits.reached(.statements, what + parsed, at: span)
    }

    var statementsExhausted: Bool { statementsParsed > limits.statements }

    // MARK: Wall-clock time

    /// Time counts while the session checks or runs, not while the prompt waits.
    func startClock() { if busySince == nil { busySince = .now } }

    func stopClock() {
        guard let since = busySince else { return }
        wallUsed += .now - since
        busySince = nil
    }

    var wallExhausted: Bool { wallNanoseconds > limits.wall }

    /// Throws the wall limit's error once the session has used its wall-clock time.
    func checkWall(at span: SourceSpan?) throws(Diagnostic) {
        guard wallExhausted else { return }
        throw limits.reached(.wall, "the script ran for more than \(limits.format(.wall)) of wall-clock time",
                             at: span)
    }

    var wallNanoseconds: Int64 {
        let used = wallUsed + (busySince.map { .now - $0 } ?? .zero)
        let (seconds, attoseconds) = used.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension Interpreter {
    var limits: Limits { meter.limits }

    /// Events processed over the whole session.
    var eventsUsed: Int64 { meter.earlierEvents + simulation.statistics.eventsProcessed }

    /// Records kept, plus one per `Limits.textBytesPerRecord` bytes of file text:
    /// the measure of the memory limit (docs/LIMITS.md).
    var recordsHeld: Int {
        simulation.recordCount + history.count + tracked.count
            + Int(simulation.textBytesHeld / Limits.textBytesPerRecord)
    }

    /// Output, memory and wall-clock time: checked after every statement and
    /// every slice of a run, so no statement can run far past them.
    func checkUsage(at span: SourceSpan?) throws(Diagnostic) {
        if reporter.linesWritten > limits.output {
            throw limits.reached(.output, "more than \(Plural.of(limits.output, "line")) of output", at: span)
        }
        if simulation.refusedForks > 0 {
            throw limits.reached(.processes, "a fork or spawn step would start more than "
                                 + Plural.of(limits.processes, "process", plural: "processes"), at: span)
        }
        if let refused = simulation.takeRefusedSpace() {
            let what = refused.frames ? "the \(refused.pages) frames of the default vm \(refused.name)'s space needs"
                : "the page tables of \(refused.name)'s space (\(refused.pages) pages)"
            throw limits.reached(.memory, what + " would take the engine to \(refused.records) records", at: span)
        }
        let records = recordsHeld
        if records > limits.memory {
            let text = simulation.textBytesHeld
            let of = text > 0 ? " (\(Quantity.formatBytes(text)) of file text among them)" : ""
            throw limits.reached(.memory, "the engine and interpreter hold \(records) records\(of)", at: span)
        }
        try meter.checkWall(at: span)
    }

    /// Lowers a limit for the rest of the session (`limit NAME VALUE`).
    func lowerLimit(_ name: Limits.Name, to value: Int64, at span: SourceSpan) throws(Diagnostic) {
        if let refusal = meter.limits.lower(name, to: value) {
            throw Diagnostic(.limit, refusal, at: span,
                             help: "give a lower value, or raise it on the command line: --limit \(name.rawValue)=N")
        }
        applyLimits()
    }

    /// Hands the limits the engine and the reporter enforce to them.
    func applyLimits() {
        simulation.fileBytesLimit = limits.fileBytes
        // Forks and spawn steps make processes as a run goes: the engine refuses them past the limit.
        simulation.processLimit = limits.processes
        // A space's page tables are made at once when its process arrives: refused beforehand past the limit.
        simulation.recordLimit = limits.memory
        // Text is copied as it is written, so the engine refuses it at the write, not at the next check.
        let (text, overflow) = Int64(limits.memory).multipliedReportingOverflow(by: Limits.textBytesPerRecord)
        simulation.textBytesLimit = overflow ? .max : text
        reporter.outputLimit = limits.output
    }
}
