import SpriteKernel

/// One cell of a sweep, ready to run: its values, its statements (checked with the sweep), and the
/// same cell written as a script of its own, for a runner that runs cells in other processes.
struct SweepCell: Sendable {
    /// 0-based, in the sweep's order.
    let index: Int
    /// One value's text per choice, in the choices' order.
    let values: [String]
    /// `policy=write-through, consistency=sprite`.
    let label: String
    let statements: [any Statement]
    /// The body with the values put in and the choose lines blanked (SweepSubstitution.script).
    let script: String
    /// Where the run to idle at the cell's end is reported: the sweep's closing brace.
    let end: SourceSpan
}

/// What one cell measured: one value per `SweepMetric.all`, in order (nil: a field the cell had nothing of).
struct SweepCellResult: Sendable, Equatable {
    let values: [Int64?]
    /// Warnings the cell's statements printed (a cell prints nothing; the table notes them).
    var warnings = 0
}

/// Runs a sweep's cells (with `--shard I/N`, only that slice's, picked before a runner sees them). The
/// in-process runner below runs them one after another in this session's process. The runner for
/// `--jobs N` (cells in child processes) conforms here too and is chosen in `SweepStatement.execute`: it
/// runs each cell's `script` with the session's seed and limits (`sprite-shell __sweep-cell`), reads back
/// the measured fields and returns the results in cell order, whatever order they finished in; a cell's
/// error comes back as the diagnostic that `SweepCellError.inCell` makes. The limits then count per child, not over the
/// whole sweep, which is the one thing the two runners would not share.
protocol SweepCellRunner {
    func run(_ cells: [SweepCell], for interpreter: Interpreter) throws(Diagnostic) -> [SweepCellResult]
}

/// Each cell in a fresh interpreter of its own, as after `reset`, with the session's seed, sharing
/// the session's limit meter: the cells' statements, events and wall-clock time count against the
/// script's limits. The session's own engine, names and output are not touched.
struct InProcessSweepRunner: SweepCellRunner {
    func run(_ cells: [SweepCell], for interpreter: Interpreter) throws(Diagnostic) -> [SweepCellResult] {
        let meter = interpreter.meter
        // The session's own events count too while the cells run, as they would after a reset.
        let sessionEvents = interpreter.simulation.statistics.eventsProcessed
        meter.earlierEvents += sessionEvents
        defer { meter.earlierEvents -= sessionEvents }
        var results: [SweepCellResult] = []
        for cell in cells { results.append(try runCell(cell, interpreter)) }
        return results
    }

    private func runCell(_ cell: SweepCell, _ session: Interpreter) throws(Diagnostic) -> SweepCellResult {
        var options = session.options
        options.seed = session.simulation.seed
        options.bail = false
        let sink = SweepCellSink(session: session.reporter.sink)
        let reporter = Reporter(format: options.format, sink: sink, width: options.width)
        let meter = session.meter
        // A `limit` in the body holds for its cell only.
        let limits = meter.limits
        let cellInterpreter = Interpreter(options: options, reporter: reporter, loaded: session.loaded, meter: meter)
        // A cell prints nothing: tracing would only make lines to throw away.
        cellInterpreter.simulation.traceLevel = .off
        defer {
            meter.earlierEvents += cellInterpreter.simulation.statistics.eventsProcessed
            meter.limits = limits
        }
        do {
            try cellInterpreter.execute(cell.statements)
            if cellInterpreter.simulation.hasPendingEvents {
                try cellInterpreter.runEngine(until: nil, at: cell.end)
            }
        } catch {
            throw SweepCellError.inCell(error, cell.label)
        }
        var result = SweepCellResult(values: SweepMetric.all.map { $0.measure(cellInterpreter) })
        result.warnings = sink.warnings
        return result
    }
}

enum SweepCellError {
    /// A cell's runtime error or limit, naming the cell; the category (and so the exit status) is kept.
    static func inCell(_ error: Diagnostic, _ label: String) -> Diagnostic {
        guard error.category != .outputFailed else { return error }
        var named = error
        named.message += " (in the sweep's cell \(label))"
        return named
    }
}

/// A cell's output: thrown away, but its warnings are counted, and a failed write to the session's
/// own output still stops the run.
final class SweepCellSink: OutputSink {
    private let session: any OutputSink
    private(set) var warnings = 0

    init(session: any OutputSink) { self.session = session }

    func write(_ line: String, to stream: OutputChannel) {
        if stream == .error { warnings += 1 }
    }

    var hasFailed: Bool { session.hasFailed }
}
