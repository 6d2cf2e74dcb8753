/// Turns source text into tokens, each with its span. Newlines are tokens:
/// they end statements, as `;` does.
struct Lexer {
    private let file: SourceFile
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private var sawSpace = true
    /// The first word of the statement being read, for the usage an error falls back on.
    private var statementKeyword: String?
    private var atStatementStart = true

    /// Symbols, longest first so `<->` wins over `<-` and `..` over `.`.
    private static let symbols = ["<->", "->", "<-", "..", "==", "!=", "<=", ">=",
                                  "{", "}", "[", "]", "(", ")", ",", ";", "|", ".", "<", ">", "=", "+", ":", "%"]

    init(file: SourceFile) {
        self.file = file
        self.characters = Array(file.text)
    }

    static func tokenize(_ file: SourceFile) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let token: Token
            do {
                token = try lexer.next()
            } catch {
                throw error.withFallbackHelp(statement: lexer.statementKeyword)
            }
            tokens.append(token)
            if token.kind == .identifier && lexer.atStatementStart { lexer.statementKeyword = token.text }
            lexer.atStatementStart = token.kind == .newline || ["{", "}", ";"].contains { token.isSymbol($0) }
            if token.kind == .end { return tokens }
        }
    }

    private var current: Character? { index < characters.count ? characters[index] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func next() throws(Diagnostic) -> Token {
        skipSpaceAndComments()
        let touches = !sawSpace
        sawSpace = false
        let startLine = line, startColumn = column
        func make(_ kind: TokenKind, _ text: String, unit: String = "") -> Token {
            Token(kind: kind, text: text, unit: unit,
                  span: SourceSpan(file: file, line: startLine, column: startColumn,
                                   endColumn: line == startLine ? column : startColumn + 1),
                  touchesPrevious: touches)
        }
        guard let c = current else { return make(.end, "") }
        if c == "\n" {
            advance()
            sawSpace = true
            return make(.newline, "\n")
        }
        if c.isLetter || c == "_" { return make(.identifier, try visible(readWord(), startColumn)) }
        // `$NAME`: a sweep's placeholder, one word the sweep replaces with a choice's value.
        if c == "$", let n = peek(), n.isLetter || n == "_" {
            advance()
            return make(.identifier, "$" + (try visible(readWord(), startColumn)))
        }
        if c.isNumber {
            let (digits, unit) = try readNumber()
            return make(.number, digits, unit: unit)
        }
        if c == "\"" { return make(.string, try readString(startLine: startLine, startColumn: startColumn)) }
        if c == "/" { return make(.path, try visible(readPath(), startColumn)) }
        for symbol in Self.symbols where matches(symbol) {
            for _ in symbol { advance() }
            return make(.symbol, symbol)
        }
        advance()
        if c.unicodeScalars.contains(where: TerminalText.isInvisible) { _ = try visible(String(c), startColumn) }
        throw Diagnostic(.syntax, "unexpected character '\(c)'",
                         at: SourceSpan(file: file, line: startLine, column: startColumn, endColumn: startColumn + 1),
                         help: Self.help(forUnexpected: c, before: current, keyword: statementKeyword))
    }

    /// What to write instead of a character the language has no use for.
    static func help(forUnexpected c: Character, before next: Character?, keyword: String?) -> String? {
        switch c {
        case "-" where next?.isNumber == true:
            let what = keyword == "seed" ? "a seed is a whole number from 0 to \(UInt64.max)"
                : "numbers, durations and sizes start at 0"
            return "numbers are never negative here: \(what)"
        case "\\":
            return "'\\' continues a statement on the next line only as the last character of a line; "
                + "inside a string write '\\\\'"
        case _ where c.unicodeScalars.contains { $0.properties.generalCategory == .control }:
            return "delete the control character: a script holds text, spaces and tabs only"
        default:
            return nil
        }
    }

    /// A name with an invisible character (a zero-width joiner, a bidi
    /// override) would print like another name: refuse it, in a name or
    /// between tokens alike. Only a string may hold one.
    private func visible(_ word: String, _ startColumn: Int) throws(Diagnostic) -> String {
        guard let hidden = word.unicodeScalars.first(where: TerminalText.isInvisible) else { return word }
        throw Diagnostic(.syntax, "invisible character \(TerminalText.escape(String(hidden))) outside a string",
                         at: SourceSpan(file: file, line: line, column: startColumn, endColumn: column),
                         help: "delete it: a name that holds it would print like one that does not")
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = 0
        for ch in symbol {
            guard peek(offset) == ch else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skipSpaceAndComments() {
        while let c = current {
            if c == " " || c == "\t" || c == "\r" {
                advance()
                sawSpace = true
            } else if c == "#" {
                while let d = current, d != "\n" { advance() }
                sawSpace = true
            } else if c == "\\", peek() == "\n" {
                // A backslash at the end of a line continues the statement.
                advance(); advance()
                sawSpace = true
            } else {
                return
            }
        }
    }

    /// Letters, digits, `_`, and `-` between word characters: `write-through`, `v-1983`.
    private mutating func readWord() -> String {
        var word = ""
        while let c = current {
            if c.isLetter || c.isNumber || c == "_" {
                word.append(c)
                advance()
            } else if c == "-", let n = peek(), n.isLetter || n.isNumber {
                word.append(c)
                advance()
            } else {
                break
            }
        }
        return word
    }

    /// `/` and the path characters after it: letters, digits, `.`, `_`, `-`, `/`.
    private mutating func readPath() -> String {
        var path = ""
        while let c = current, c == "/" || c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" {
            path.append(c)
            advance()
        }
        return path
    }

    /// Digits with an optional fraction, then any unit written against them.
    private mutating func readNumber() throws(Diagnostic) -> (String, String) {
        var digits = ""
        while let c = current, c.isNumber || c == "_" {
            if c != "_" { digits.append(c) }
            advance()
        }
        if current == ".", let n = peek(), n.isNumber {
            digits.append(".")
            advance()
            while let c = current, c.isNumber {
                digits.append(c)
                advance()
            }
        }
        if current == "e" || current == "E", let n = peek(),
           n.isNumber || ((n == "-" || n == "+") && peek(2)?.isNumber == true) {
            try rejectExponent(digits)
        }
        var unit = ""
        while let c = current, c.isLetter || c == "%" || (c == "/" && !unit.isEmpty) {
            unit.append(c)
            advance()
        }
        return (digits, unit)
    }

    /// `1e9s`: said plainly, with the number written out, rather than read as the unit `e`.
    private mutating func rejectExponent(_ mantissa: String) throws(Diagnostic) {
        let startColumn = column - mantissa.count
        advance()
        var exponent = ""
        if let sign = current, sign == "-" || sign == "+" { exponent.append(sign); advance() }
        while let c = current, c.isNumber { exponent.append(c); advance() }
        var unit = ""
        while let c = current, c.isLetter || c == "%" || (c == "/" && !unit.isEmpty) { unit.append(c); advance() }
        let written = mantissa + "e" + exponent
        let example = Self.expand(mantissa, exponent: Int(exponent) ?? -1)
            .map { "write \(written + unit) as \($0 + unit)" }
        throw Diagnostic(.syntax, "exponent notation '\(written)' is not supported",
                         at: SourceSpan(file: file, line: line, column: startColumn, endColumn: column),
                         help: (example ?? "write the number out in digits") + "; '_' may group digits: 1_000_000")
    }

    /// `1.5` times ten to `exponent`, written out in digits, for exponents 0 to 18.
    static func expand(_ mantissa: String, exponent: Int) -> String? {
        guard (0...18).contains(exponent) else { return nil }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        let point = whole.count + exponent
        if digits.count < point { digits += String(repeating: "0", count: point - digits.count) }
        var result = String(digits.prefix(point))
        let rest = digits.dropFirst(point)
        if !rest.isEmpty { result += "." + rest }
        while result.count > 1 && result.hasPrefix("0") && !result.hasPrefix("0.") { result.removeFirst() }
        return result
    }

    private mutating func readString(startLine: Int, startColumn: Int) throws(Diagnostic) -> String {
        advance()
        var text = ""
        while let c = current, c != "\n" {
            advance()
            switch c {
            case "\"": return text
            case "\\":
                guard let escaped = current, escaped != "\n" else { continue }
                advance()
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                default:
                    throw Diagnostic(.syntax, "unknown escape '\\\(escaped)' in string",
                                     at: SourceSpan(file: file, line: line, column: column - 2, endColumn: column),
                                     help: "the escapes are \\n, \\t, \\\" and \\\\")
                }
            default: text.append(c)
            }
        }
        throw Diagnostic(.syntax, "unterminated string",
                         at: SourceSpan(file: file, line: startLine, column: startColumn, endColumn: column),
                         help: "close it with '\"' on the same line")
    }
}
