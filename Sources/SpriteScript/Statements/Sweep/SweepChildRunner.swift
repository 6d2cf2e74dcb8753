import Foundation
import Synchronization

/// Runs one sweep cell's script in a process of its own and returns what that process printed on standard
/// output (one `SweepCellRow` as JSON), or nil when it did not finish cleanly. The shell supplies it
/// (`sprite-shell run --jobs N`): this module starts no processes itself.
public protocol SweepCellLauncher: Sendable {
    /// `scriptName`: the file the sweep was written in, whose folder `load` reads from.
    func runCell(script: String, scriptName: String, seed: UInt64, limits: Limits) -> String?
}

/// What a child prints for its cell: one value per `SweepMetric.all`, in order (null: not measured in the
/// cell), and the warnings it printed.
public struct SweepCellRow: Codable, Sendable, Equatable {
    public let values: [Int64?]
    public let warnings: Int
}

/// `--jobs N`: the cells in up to N child processes at once, the table assembled in cell order whatever
/// order they finished in. Each child runs under the session's seed and current limits, so the limits count
/// per cell, not over the whole sweep, except wall-clock time: the script's clock runs on while it waits, so
/// each child gets what is left of the script's wall budget when it starts, and the sweep as a whole stays
/// within it. A cell whose child fails (an error, a limit, a crash) or that no time was left for is run again
/// in this process, so that its error reads exactly as it would without --jobs.
struct ChildProcessSweepRunner: SweepCellRunner {
    let launcher: any SweepCellLauncher
    let jobs: Int

    func run(_ cells: [SweepCell], for interpreter: Interpreter) throws(Diagnostic) -> [SweepCellResult] {
        let seed = interpreter.simulation.seed
        let limits = interpreter.meter.limits
        let wallDeadline = ContinuousClock.now + .nanoseconds(limits.wall - interpreter.meter.wallNanoseconds)
        let scriptName = cells.first?.end.file.name ?? "<sweep>"
        let launcher = self.launcher
        let scripts = cells.map(\.script)
        let rows = Mutex<[SweepCellRow?]>(Array(repeating: nil, count: cells.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, cells.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < scripts.count else { return }
                var cellLimits = limits
                let left = ContinuousClock.now.duration(to: wallDeadline).components
                // Whole milliseconds, as the command line writes them.
                let milliseconds = left.seconds * 1_000 + left.attoseconds / 1_000_000_000_000_000
                guard milliseconds > 0 else { continue }
                cellLimits[.wall] = milliseconds * 1_000_000
                let printed = launcher.runCell(script: scripts[index], scriptName: scriptName, seed: seed,
                                               limits: cellLimits)
                let row = printed.flatMap { try? JSONDecoder().decode(SweepCellRow.self, from: Data($0.utf8)) }
                rows.withLock { $0[index] = row }
            }
        }
        let finished = rows.withLock { $0 }
        var results: [SweepCellResult] = []
        for (cell, row) in zip(cells, finished) {
            if let row, row.values.count == SweepMetric.all.count {
                var result = SweepCellResult(values: row.values)
                result.warnings = row.warnings
                results.append(result)
            } else {
                results += try InProcessSweepRunner().run([cell], for: interpreter)
            }
        }
        return results
    }
}

/// The child's side: runs one cell's script as a session of its own that prints nothing, then gives the
/// row to print, or the exit status when the cell did not run to its end.
public enum SweepCellChild {
    public static func run(script: String, scriptName: String, options: SessionOptions) -> Result<String, Failure> {
        var options = options
        options.bail = false
        let sink = CountingSink()
        let session = Session(options: options, sink: sink)
        // A cell prints nothing: tracing would only make lines to throw away.
        session.interpreter.simulation.traceLevel = .off
        let status = session.runScript(SourceFile(name: scriptName, text: script))
        // A cell holds no expect (not even in a file it loads), so anything but ok is a failure.
        guard status == .ok else { return .failure(Failure(status: status)) }
        let row = SweepCellRow(values: SweepMetric.all.map { $0.measure(session.interpreter) },
                               warnings: sink.warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(row) else { return .failure(Failure(status: .runtimeError)) }
        return .success(String(decoding: data, as: UTF8.self))
    }

    public struct Failure: Error, Sendable {
        public let status: ExitStatus
    }

    private final class CountingSink: OutputSink {
        private(set) var warnings = 0
        func write(_ line: String, to stream: OutputChannel) {
            if stream == .error { warnings += 1 }
        }
    }
}
