import SpriteKernel

/// One value in a `show` table, typed: JSON gets numbers in base units, text
/// gets the value formatted the way the rest of the output writes it.
public enum Cell: Sendable {
    case text(String)
    case count(Int64)
    /// A moment or a duration, in nanoseconds.
    case time(SimTime)
    case bytes(Int64)
    /// Bits per second.
    case bandwidth(Int64)
    /// Bytes per second.
    case rate(Int64)
    /// A fraction (0.25) and how text shows it ("25%").
    case ratio(Double, shown: String)
    /// A plain real number, such as a CPU speed factor.
    case number(Double)
    case flag(Bool)
    /// Nothing to show: null in JSON, "-" in text.
    case none
    /// A value with its own JSON form and its own text.
    case typed(JSONValue, shown: String)
    /// Several JSON fields for one text column (a mount's server and path).
    case fields([(String, JSONValue)], shown: String)

    /// The cell as text output prints it.
    var display: String {
        switch self {
        case .text(let s): s
        case .count(let n): String(n)
        case .time(let t): t.description
        case .bytes(let n): Quantity.formatBytes(n)
        case .bandwidth(let n): Quantity.format(n, .bandwidth)
        case .rate(let n): Quantity.format(n, .rate)
        case .ratio(_, let shown), .typed(_, let shown), .fields(_, let shown): shown
        case .number(let d): JSONValue.double(d).encoded
        case .flag(let b): b ? "true" : "false"
        case .none: "-"
        }
    }

    /// The cell's JSON value.
    var json: JSONValue {
        switch self {
        case .text(let s): .string(s)
        case .count(let n), .bytes(let n), .bandwidth(let n), .rate(let n): .int(n)
        case .time(let t): .int(t.nanoseconds)
        case .ratio(let r, _), .number(let r): .double(r)
        case .flag(let b): .bool(b)
        case .none: .null
        case .typed(let value, _): value
        case .fields(let pairs, _): .object(pairs)
        }
    }

    /// The base unit of a number, named in JSON beside values of mixed kinds.
    var unit: String? {
        switch self {
        case .count: "count"
        case .time: "ns"
        case .bytes: "bytes"
        case .bandwidth: "bps"
        case .rate: "bytes/s"
        case .ratio: "ratio"
        default: nil
        }
    }

    /// Text or null: for values that may be missing.
    static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .none }
}

/// A table column: its heading in text, its key in JSON.
public struct Column: Sendable, ExpressibleByStringLiteral {
    public var name: String
    public var key: String
    /// Mixed values (`show stats`): JSON names each number's `unit` beside it.
    public var withUnit = false
    /// A shorter heading text uses when the table is too wide for the line.
    public var short: String?
    /// Text may leave the column out when the table is still too wide: the lowest rank goes first.
    /// JSON keeps every column.
    public var dropRank: Int?
    /// Text never wraps this column's cells (a name with its state would break in two): headings
    /// shorten and columns are left out first.
    public var whole = false

    public init(_ name: String, key: String? = nil, withUnit: Bool = false, short: String? = nil,
                dropRank: Int? = nil, whole: Bool = false) {
        self.name = name
        self.whole = whole
        self.key = key ?? String(name.map { $0 == "-" || $0 == " " ? "_" : $0 })
        self.withUnit = withUnit
        self.short = short
        self.dropRank = dropRank
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The JSON fields of one cell in this column.
    func fields(_ cell: Cell) -> [(String, JSONValue)] {
        if case .fields(let pairs, _) = cell { return pairs }
        var pairs = [(key, cell.json)]
        if withUnit, let unit = cell.unit { pairs.append(("unit", .string(unit))) }
        return pairs
    }
}
