/// A JSON value with object keys kept in the order written, so every line
/// the shell prints is byte-for-byte stable.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    /// A count past Int64's range: a seed, which may be any 64-bit number.
    case unsigned(UInt64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.encoded == rhs.encoded }

    public var encoded: String {
        switch self {
        case .string(let s): return JSONValue.quote(s)
        case .int(let i): return String(i)
        case .unsigned(let u): return String(u)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.encoded).joined(separator: ",") + "]"
        case .object(let pairs):
            return "{" + pairs.map { JSONValue.quote($0.0) + ":" + $0.1.encoded }.joined(separator: ",") + "}"
        }
    }

    /// A ratio rounded to the millionth, as expect measures ratios: JSON gives no float noise
    /// (1.0335102731999999 is 1.03351).
    static func millionths(_ ratio: Double) -> JSONValue {
        .double(ratio.isFinite ? (ratio * 1_000_000).rounded() / 1_000_000 : ratio)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // C0, DEL, C1 and invisible format characters alike: no JSON line may move a terminal either.
            case _ where TerminalText.isControl(scalar) || TerminalText.isInvisible(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
