import SpriteKernel

/// What happened to one piece of input typed at the prompt.
public enum EvaluationResult: Sendable, Equatable {
    case done
    /// The input stops inside a block or statement: read another line.
    case needsMoreInput
    case failed(ExitStatus)
}

/// A running shell session: the engine, the names declared so far and the
/// output. The executable drives it; it never touches a terminal itself.
public final class Session {
    public let options: SessionOptions
    public let interpreter: Interpreter
    private let loaded = LoadedPrograms()
    public private(set) var status: ExitStatus = .ok

    public init(options: SessionOptions = SessionOptions(), sink: any OutputSink) {
        self.options = options
        let reporter = Reporter(format: options.format, sink: sink, width: options.width)
        if options.reportFolder != nil { reporter.transcript = ReportTranscript(width: options.width) }
        self.interpreter = Interpreter(options: options, reporter: reporter, loaded: loaded)
    }

    public var now: SimTime { interpreter.simulation.now }
    public var pendingEvents: Int { interpreter.simulation.pendingEventCount }
    public var interrupt: InterruptFlag { interpreter.interrupt }

    // MARK: Batch

    /// Runs a whole script: parse and check everything first (nothing runs if
    /// that fails), execute, then let outstanding work finish; then the
    /// summary (`options.printsSummary`) and the report (`options.reportFolder`).
    @discardableResult
    public func runScript(_ file: SourceFile) -> ExitStatus {
        scriptName = file.name
        var folder: ReportFolder?
        if let path = options.reportFolder {
            do throws(ReportFolder.Failure) {
                folder = try ReportFolder.prepare(path)
            } catch {
                return record(reportFailed(error))
            }
        }
        let status = execute(file)
        if options.printsSummary && ran && status != .outputFailed { printSummary() }
        guard let folder else { return status }
        // Standard output may be buffered: a failure to write it shows only once flushed. A run whose output
        // was lost writes no report, which would say another exit status than the process ends with.
        interpreter.reporter.sink.flush()
        guard status != .outputFailed, !interpreter.reporter.sink.hasFailed else {
            folder.discard()
            return record(.outputFailed)
        }
        return record(writeReport(into: folder, status: status))
    }

    private func execute(_ file: SourceFile) -> ExitStatus {
        interpreter.meter.startClock()
        defer { interpreter.meter.stopClock() }
        guard let statements = parseAndCheck(file, incompleteIsError: true) else { return record(lastRefusal) }
        ran = true
        do {
            try interpreter.execute(statements)
            if interpreter.simulation.hasPendingEvents {
                try interpreter.runEngine(until: nil, at: endSpan(of: file))
            }
        } catch {
            if case .expectationBail = error.category {
                return record(.expectationFailed)
            }
            if case .outputFailed = error.category { return record(.outputFailed) }
            interpreter.emit(.diagnostic(error))
            return record(error.category == .limit ? .limitReached : .runtimeError)
        }
        return record(interpreter.expectationsFailed > 0 ? .expectationFailed : .ok)
    }

    /// Parses and checks without running.
    public func checkScript(_ file: SourceFile) -> ExitStatus {
        interpreter.meter.startClock()
        defer { interpreter.meter.stopClock() }
        return parseAndCheck(file, incompleteIsError: true) == nil ? record(lastRefusal) : .ok
    }

    /// The script `runScript` ran last: named in the summary and the report.
    private(set) var scriptName: String?

    /// Prints the end-of-run summary.
    public func printSummary() {
        var summary = interpreter.summary
        summary.file = scriptName
        interpreter.emit(.summary(summary))
    }

    /// Marks where one script's output begins when a run has several (JSON only).
    public func announceFile(_ name: String) { interpreter.emit(.file(name)) }

    /// Reports a script file that cannot be read: text on standard error, and
    /// in JSON also a `diagnostic` object, as for every other error.
    /// `what` is shown as given: a quoted path, or "standard input".
    public func reportUnreadable(_ what: String, reason: String, help: String) {
        interpreter.emit(.diagnostic(Diagnostic(.usage, "cannot read \(what): \(reason)", at: nil, help: help)))
        record(.malformed)
    }

    // MARK: Interactive

    /// Evaluates input typed at the prompt. State is kept whatever happens.
    /// Input with a block still open or a trailing backslash waits for more,
    /// even if a line in it is wrong: the whole block is checked at its `}`.
    public func evaluate(_ file: SourceFile) -> EvaluationResult {
        guard InputBalance(of: file.text).isComplete else { return .needsMoreInput }
        // At the prompt an export draws what happened before it was typed: record from the first input.
        if options.exportFolder != nil { interpreter.startRecording() }
        interpreter.meter.startClock()
        defer { interpreter.meter.stopClock() }
        guard let statements = parseAndCheck(file, incompleteIsError: false) else {
            return lastParseWasIncomplete ? .needsMoreInput : .failed(lastRefusal)
        }
        do {
            try interpreter.execute(statements)
        } catch {
            if case .expectationBail = error.category { return .failed(.expectationFailed) }
            if case .outputFailed = error.category { return .failed(.outputFailed) }
            interpreter.emit(.diagnostic(error))
            return .failed(error.category == .limit ? .limitReached : .runtimeError)
        }
        return .done
    }

    // MARK: Shared

    private var lastParseWasIncomplete = false
    private var loader: any SourceLoader { options.loader ?? FileSourceLoader(sandbox: options.sandbox) }
    /// Why the last input was refused before running: malformed, or past a limit.
    private var lastRefusal = ExitStatus.malformed
    /// False when the script was refused before anything ran (then there is no summary to print).
    public private(set) var ran = false

    private func parseAndCheck(_ file: SourceFile, incompleteIsError: Bool) -> [any Statement]? {
        lastParseWasIncomplete = false
        lastRefusal = .malformed
        let statements: [any Statement]
        do {
            statements = try Parser.parse(file, meter: interpreter.meter)
        } catch {
            if error.category == .limit { lastRefusal = .limitReached }
            if error.category == .incomplete && !incompleteIsError {
                lastParseWasIncomplete = true
                return nil
            }
            interpreter.emit(.diagnostic(error))
            return nil
        }
        var checker = Checker(symbols: interpreter.symbols, loader: loader, loaded: loaded)
        checker.meter = interpreter.meter
        checker.limits = interpreter.limits
        checker.exportFolder = options.exportFolder
        checker.check(statements)
        for diagnostic in checker.diagnostics { interpreter.emit(.diagnostic(diagnostic)) }
        if checker.diagnostics.contains(where: { $0.category == .limit }) { lastRefusal = .limitReached }
        if checker.hasErrors { return nil }
        if checker.exports || options.reportFolder != nil { interpreter.startRecording() }
        return statements
    }

    @discardableResult
    private func record(_ outcome: ExitStatus) -> ExitStatus {
        status = max(status, outcome)
        return outcome
    }

    private func endSpan(of file: SourceFile) -> SourceSpan {
        let line = max(1, file.lines.count)
        return SourceSpan(file: file, line: line, column: 1, endColumn: 2)
    }
}
