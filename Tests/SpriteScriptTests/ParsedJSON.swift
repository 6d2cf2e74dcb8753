/// A JSON document parsed strictly, keeping what Foundation's parser loses:
/// integers apart from reals, booleans apart from numbers, and key order.
indirect enum ParsedJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case string(String)
    case array([ParsedJSON])
    case object([(String, ParsedJSON)])

    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "JSON syntax error at byte \(offset): \(reason)" }
    }

    static func == (lhs: ParsedJSON, rhs: ParsedJSON) -> Bool { lhs.description == rhs.description }

    subscript(key: String) -> ParsedJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var integer: Int64? { if case .integer(let n) = self { n } else { nil } }
    var items: [ParsedJSON]? { if case .array(let a) = self { a } else { nil } }
    var keys: [String] { if case .object(let pairs) = self { pairs.map(\.0) } else { [] } }

    /// The JSON Schema type names this value has ("integer" is also a "number").
    var typeNames: [String] {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .integer: ["integer", "number"]
        case .real: ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .integer(let n): String(n)
        case .real(let d): String(d)
        case .string(let s): "\"" + s + "\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ",") + "]"
        case .object(let pairs): "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    static func parse(_ text: String) throws -> ParsedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("text after the value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
        }

        mutating func expect(_ literal: String) throws {
            for b in literal.utf8 {
                guard peek == b else { throw error("expected \(literal)") }
                index += 1
            }
        }

        mutating func value() throws -> ParsedJSON {
            switch peek {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        mutating func object() throws -> ParsedJSON {
            index += 1
            var pairs: [(String, ParsedJSON)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try string()
                guard !pairs.contains(where: { $0.0 == key }) else { throw error("duplicate key \(key)") }
                skipSpace()
                try expect(":")
                skipSpace()
                pairs.append((key, try value()))
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect("}")
                return .object(pairs)
            }
        }

        mutating func array() throws -> ParsedJSON {
            index += 1
            var items: [ParsedJSON] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect("]")
                return .array(items)
            }
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while let b = peek {
                index += 1
                switch b {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    scalars.append(try escape())
                case 0..<0x20:
                    throw error("raw control character in a string")
                default:
                    raw.append(b)
                }
            }
            throw error("unterminated string")
        }

        mutating func escape() throws -> Unicode.Scalar {
            guard let b = peek else { throw error("unterminated escape") }
            index += 1
            switch b {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count,
                      let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                    throw error("bad \\u escape")
                }
                index += 4
                // Surrogate pairs are not needed by anything the shell writes.
                return Unicode.Scalar(code) ?? "\u{FFFD}"
            default: throw error("unknown escape")
            }
        }

        mutating func number() throws -> ParsedJSON {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            var isReal = false
            while let b = peek {
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    index += 1
                } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                            || b == UInt8(ascii: "+") || (b == UInt8(ascii: "-") && index > start) {
                    isReal = true
                    index += 1
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty, text != "-" else { throw error("expected a value") }
            if !isReal, let n = Int64(text) { return .integer(n) }
            guard let d = Double(text) else { throw error("malformed number \(text)") }
            return .real(d)
        }
    }
}
