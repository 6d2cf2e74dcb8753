import SpriteKernel

/// What one session may use: set on the command line (`--limit NAME=VALUE`),
/// lowered but never raised by the script (`limit NAME VALUE`, `run limit N`).
/// Every value is a whole number in its base unit: nanoseconds, bytes or a count.
public struct Limits: Sendable, Equatable {
    public enum Name: String, CaseIterable, Sendable {
        case events, time, wall, nodes, processes, fileBytes = "file-bytes", statements, output, memory
        case pictureEvents = "picture-events"
    }

    private var values: [Name: Int64] = [:]
    /// Limits the script lowered (`limit NAME VALUE`), for the help of a limit hit.
    private var lowered: Set<Name> = []

    public init() {}

    public subscript(name: Name) -> Int64 {
        get { values[name] ?? name.defaultValue }
        set { values[name] = newValue }
    }

    /// Events the engine may process over the whole session.
    public var events: Int64 { self[.events] }
    /// The furthest simulated time the clock may reach.
    public var time: SimTime { SimTime(nanoseconds: self[.time]) }
    /// Wall-clock nanoseconds the session may spend checking and running.
    public var wall: Int64 { self[.wall] }
    public var nodes: Int { Int(self[.nodes]) }
    public var processes: Int { Int(self[.processes]) }
    /// Bytes of file data: the sizes of every file version the engine keeps.
    public var fileBytes: Int64 { self[.fileBytes] }
    /// Statements parsed, over every file, `load` and input at the prompt.
    public var statements: Int { Int(self[.statements]) }
    /// Lines written to standard output and standard error.
    public var output: Int { Int(self[.output]) }
    /// Records the engine and the interpreter keep (see docs/LIMITS.md).
    public var memory: Int { Int(self[.memory]) }
    /// File text counts toward the memory limit as one record per this many bytes.
    static let textBytesPerRecord: Int64 = 128

    /// Events a run processes between checks of its usage: fewer under a low
    /// memory limit, so that a run passes it by at most a few percent.
    var sliceEvents: Int { min(1 << 16, max(64, memory / 64)) }

    /// Reads `NAME=VALUE` from the command line; the error says what is wrong.
    public mutating func set(_ argument: String) throws(LimitError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw LimitError("--limit takes NAME=VALUE, as in --limit events=1000000; not '\(argument)'")
        }
        let word = String(argument[..<equals])
        guard let name = Name(rawValue: word) else {
            let names = Name.allCases.map(\.rawValue)
            throw LimitError("unknown limit '\(word)'\(Suggestions.didYouMean(word, among: names)) "
                             + "(limits: " + names.joined(separator: " ") + ")")
        }
        let text = String(argument[argument.index(after: equals)...])
        guard let value = name.dimension.parse(text), value > 0 else {
            throw LimitError("--limit \(word) takes \(name.dimension.example) greater than zero, not '\(text)'")
        }
        self[name] = min(value, name.ceiling)
    }

    /// `--limit events=10000000`: how the limit reads on the command line.
    public func option(_ name: Name) -> String { "--limit \(name.rawValue)=\(format(name))" }

    /// The value as the command line writes it: `1h`, `4GB`, `1000`.
    func format(_ name: Name) -> String { name.dimension.format(self[name]) }

    /// Lowers a limit for the rest of the session; the error if that would raise it.
    mutating func lower(_ name: Name, to value: Int64) -> String? {
        guard value <= self[name] else {
            let source = lowered.contains(name) ? "'limit \(name.rawValue) \(format(name))'" : option(name)
            return "a script may lower the \(name.rawValue) limit, not raise it: it is \(format(name)) (\(source))"
        }
        self[name] = value
        lowered.insert(name)
        return nil
    }

    /// The error a limit hit ends the run with: it names the limit and how to raise it.
    func reached(_ name: Name, _ what: String, at span: SourceSpan?) -> Diagnostic {
        let help = lowered.contains(name)
            ? "the script lowered it with 'limit \(name.rawValue) \(format(name))'"
            : "raise it on the command line: --limit \(name.rawValue)=\(name.dimension.placeholder)"
        let limit = lowered.contains(name) ? "limit \(name.rawValue) \(format(name))" : option(name)
        return Diagnostic(.limit, "limit reached: \(what) (\(limit))", at: span, help: help)
    }

    /// The limits, their units and defaults, for --help and docs/LIMITS.md.
    public static let documentation: String = {
        var text = "limits (--limit NAME=VALUE, repeatable; a script may lower a limit, never raise it):\n"
        for name in Name.allCases {
            let value = name == .time ? "END" : name.dimension.format(name.defaultValue)
            let head = "  \(name.rawValue)=\(value)"
            text += head.padding(toLength: 24, withPad: " ", startingAt: 0) + name.summary + "\n"
        }
        return text + "  reaching a limit ends the run with exit status 4"
    }()
}

extension Limits.Name {
    /// Defaults measured in a release build so that no script takes more than
    /// about a minute or a few GB of memory (see docs/LIMITS.md).
    var defaultValue: Int64 {
        switch self {
        case .events: 50_000_000
        // Simulated time costs nothing by itself (events bound the work): by default the clock may
        // run to its end, and a grader or course script lowers this to bound how far it goes.
        case .time: SimTime.horizon.nanoseconds
        case .wall: 60_000_000_000
        case .nodes: 10_000
        case .processes: 100_000
        case .fileBytes: 4 << 30
        case .statements: 250_000
        case .output: 1_000_000
        case .memory: 10_000_000
        case .pictureEvents: 100_000
        }
    }

    /// The most a limit may be set to: far from any overflow.
    var ceiling: Int64 {
        switch self {
        case .time: SimTime.horizon.nanoseconds
        case .fileBytes: 1 << 60
        default: Int64(Int32.max) * 1024
        }
    }

    var dimension: LimitDimension {
        switch self {
        case .time, .wall: .duration
        case .fileBytes: .size
        default: .count
        }
    }

    var summary: String {
        switch self {
        case .events: "events the engine processes in the whole script"
        case .time: "how far the simulated clock may go (END: its end)"
        case .wall: "wall-clock time spent checking and running"
        case .nodes: "nodes the script declares"
        case .processes: "processes the script declares"
        case .fileBytes: "bytes of file data (every file version kept)"
        case .statements: "statements parsed, counting each load"
        case .output: "lines of output (stdout and stderr; per KB)"
        case .memory: "records the engine and interpreter keep, and file text"
        case .pictureEvents: "messages and marks kept for export (past it: counted)"
        }
    }
}

/// How a limit's value is written: with a time or size unit, or a plain count.
enum LimitDimension {
    case duration, size, count

    private var units: [(String, Int64)] {
        switch self {
        case .duration:
            [("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("min", 60_000_000_000), ("s", 1_000_000_000),
             ("ms", 1_000_000), ("us", 1_000), ("ns", 1)]
        case .size: [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        case .count: [("", 1)]
        }
    }

    var example: String {
        switch self {
        case .duration: "a duration like 60s or 1h"
        case .size: "a size like 4GB"
        case .count: "a whole number"
        }
    }

    var placeholder: String {
        switch self {
        case .duration: "DURATION"
        case .size: "SIZE"
        case .count: "N"
        }
    }

    /// `1h` → 3600000000000; nil for anything malformed or too large.
    func parse(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = String(text.dropFirst(digits.count))
        // Durations and sizes need their unit: a bare 60 could be seconds or nanoseconds.
        guard !digits.isEmpty, let scale = units.first(where: { $0.0 == unit })?.1,
              self != .count || !digits.contains(".") else { return nil }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        guard parts.count == 2, !parts[1].isEmpty else { return parts.count == 1 ? scaled : nil }
        let fraction = Double("0." + parts[1]) ?? 0
        let (total, sumOverflow) = scaled.addingReportingOverflow(Int64(fraction * Double(scale)))
        return sumOverflow ? nil : total
    }

    /// The largest unit that shows the value exactly: 3600000000000 → `1h`.
    func format(_ value: Int64) -> String {
        for (unit, scale) in units.dropLast() where value % scale == 0 && value != 0 {
            return "\(value / scale)\(unit)"
        }
        // No whole unit above ns (the end of simulated time is 2^62ns): exact in the largest unit.
        if self == .duration { return SimTime(nanoseconds: value).exactDescription }
        return "\(value)\(units.last?.0 ?? "")"
    }
}

/// A malformed `--limit` argument.
public struct LimitError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Bounds on what address spaces may ask for (docs/LIMITS.md).
extension Limits {
    /// Pages a `pattern trace` lists.
    static let tracePages = 65_536
}

/// Bounds on sweeps (docs/LIMITS.md).
extension Limits {
    /// Cells one `sweep` may have: each is checked before any runs and runs a whole session.
    static let sweepCells = 256
}
