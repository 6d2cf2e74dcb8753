public enum TokenKind: Equatable, Sendable {
    case identifier
    /// A number with an optional unit written against it: `0.5ms`, `64KB`, `3`.
    case number
    case string
    /// A file path: `/users/jack/notes`.
    case path
    case symbol
    case newline
    case end
}

public struct Token: Sendable {
    public let kind: TokenKind
    /// Identifier text, symbol text, string contents (unescaped), or the
    /// number's digits.
    public let text: String
    /// For numbers: the unit letters that followed the digits ("" if none).
    public let unit: String
    public let span: SourceSpan
    /// True when no whitespace separates this token from the previous one.
    public let touchesPrevious: Bool

    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    public func isWord(_ w: String) -> Bool { kind == .identifier && text == w }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .identifier, .symbol, .path: return "'\(text)'"
        case .number: return "'\(text)\(unit)'"
        case .string: return "string " + JSONValue.quote(text)
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }
}
