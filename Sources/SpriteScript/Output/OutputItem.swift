import SpriteKernel

/// Where a line goes: results to standard output, diagnostics to standard error.
public enum OutputChannel: Sendable { case output, error }

/// Receives rendered lines. The shell writes them to the terminal; tests keep them.
public protocol OutputSink: AnyObject {
    func write(_ line: String, to stream: OutputChannel)
    /// True once a write has failed (a full disk, a closed pipe): the run
    /// stops rather than simulate for output nobody can read.
    var hasFailed: Bool { get }
    /// Writes out what the sink holds back, so that `hasFailed` tells whether everything written so far was
    /// written (a buffered sink finds a failure only then).
    func flush()
}

extension OutputSink {
    public var hasFailed: Bool { false }
    public func flush() {}
}

/// Collects lines in memory.
public final class BufferSink: OutputSink {
    public private(set) var output: [String] = []
    public private(set) var errors: [String] = []
    public init() {}
    public func write(_ line: String, to stream: OutputChannel) {
        switch stream {
        case .output: output.append(line)
        case .error: errors.append(line)
        }
    }
    public var text: String { output.map { $0 + "\n" }.joined() }
    public var errorText: String { errors.map { $0 + "\n" }.joined() }
}

/// The result of one `expect`.
public struct ExpectationResult: Sendable {
    public var passed: Bool
    /// The condition as written: `r1.time == 1.1512ms within 1us`.
    public var condition: String
    /// The value found, rendered in the expectation's units.
    public var actual: String
    public var time: SimTime
    public var span: SourceSpan
    /// The value found for JSON: a number in base units, a string, or null.
    public var actualValue: JSONValue = .null
    /// What the value was compared with, in the same form (null for none).
    public var expectedValue: JSONValue = .null
    /// The base unit of numeric values: `ns`, `bytes`, `count`.
    public var unit: String?
}

/// A table for `show`: text prints it aligned, JSON as rows of objects.
public struct Table: Sendable {
    /// What `show` was asked for (`nodes`, `stats`): the JSON `table` field.
    public var name: String
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines printed under the table.
    public var notes: [String] = []
    /// A chart text prints instead of the rows (`show timeline`); JSON still gives the rows.
    public var picture: [String]?
    /// Numbers about the whole table JSON gives beside its rows (text has them in `notes`).
    public var fields: [(String, JSONValue)] = []
}

/// Totals printed when a script ends.
public struct RunSummary: Sendable {
    /// The script the totals are for.
    public var file: String?
    public var time: SimTime
    public var statistics: Statistics
    public var expectationsPassed: Int
    public var expectationsFailed: Int
    public var pendingEvents: Int
    /// Lock cycles found in the run (each was reported when it closed).
    public var deadlocks = 0
}

/// Everything the language layer prints.
public enum OutputItem: Sendable {
    case trace(TraceRecord)
    case echo(time: SimTime, text: String)
    case expectation(ExpectationResult)
    case table(Table)
    /// Free text such as help pages.
    case text(String)
    case diagnostic(Diagnostic)
    case summary(RunSummary)
    /// Processes of `node` each waiting for a lock the next holds (the engine's Deadlock, named).
    case deadlock(time: SimTime, node: Int, processes: [String], locks: [String])
    /// The start of one script's output when a run has several.
    case file(String)
}

/// The output formats a user can choose.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Names for the numbers in engine events.
public struct RenderContext {
    let simulation: Simulation
    /// Operation id → its label, if the script named it.
    let labels: [Int32: String]

    func node(_ index: Int) -> String { simulation.nodeName(index) }
    func process(_ index: Int) -> String { simulation.processName(index) }
    func label(_ op: Int32) -> String? { labels[op] }
}

/// Turns output items into lines; one conformer per output format.
protocol Renderer {
    func render(_ item: OutputItem, context: RenderContext) -> [(String, OutputChannel)]
}
