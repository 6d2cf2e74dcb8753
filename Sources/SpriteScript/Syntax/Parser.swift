import SpriteKernel

/// Recursive-descent parser. Statement families parse themselves through the
/// helpers here; the parser itself only finds statement boundaries and blocks.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    private(set) var blockDepth = 0
    /// The keywords of the blocks being parsed, outermost first (`at`, `on`, …).
    private(set) var openBlocks: [String] = []
    private var nesting = 0
    static let maximumNesting = 200
    /// Set when parsing for Tab completion: collects what would fit at the end of the input.
    var probe: CompletionProbe?
    /// Counts statements against the statements limit, if the session has one.
    private var meter: LimitMeter?

    init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole script.
    public static func parse(_ file: SourceFile) throws(Diagnostic) -> [any Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(file))
        return try parser.parseStatements(untilClosingBrace: false)
    }

    /// Parses a whole script, counting each statement against the session's statements limit.
    static func parse(_ file: SourceFile, meter: LimitMeter?) throws(Diagnostic) -> [any Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(file))
        parser.meter = meter
        return try parser.parseStatements(untilClosingBrace: false)
    }

    /// Parses tokens already read (one cell of a sweep), counting the statements against the meter.
    /// `tokens` ends with an `.end` token.
    static func parse(tokens: [Token], meter: LimitMeter?) throws(Diagnostic) -> [any Statement] {
        var parser = Parser(tokens: tokens)
        parser.meter = meter
        return try parser.parseStatements(untilClosingBrace: false)
    }

    // MARK: Statements and blocks

    mutating func parseStatements(untilClosingBrace: Bool) throws(Diagnostic) -> [any Statement] {
        var statements: [any Statement] = []
        while true {
            skipSeparators()
            let token = peek
            offerAtEnd(.statement(inside: openBlocks))
            if token.kind == .end {
                if untilClosingBrace {
                    throw Diagnostic(.incomplete, "block is not closed: expected '}' before end of input",
                                     at: token.span, help: "add '}' to close the block")
                }
                return statements
            }
            if token.isSymbol("}") {
                if untilClosingBrace { return statements }
                throw Diagnostic(.syntax, "unexpected '}' with no block open", at: token.span,
                                 help: "remove it: no '{' before it on this level is still open")
            }
            statements.append(try parseStatement())
            try expectStatementEnd()
        }
    }

    mutating func parseStatement() throws(Diagnostic) -> any Statement {
        // Blocks and `try` prefixes nest by recursion: bound the depth.
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw Diagnostic(.syntax, "statements are nested more than \(Self.maximumNesting) deep", at: peek.span,
                             help: "close some blocks: write the inner statements at an outer level")
        }
        offerAtEnd(.statement(inside: openBlocks))
        let keyword = advance()
        try meter?.countStatements(1, at: keyword.span)
        guard keyword.kind == .identifier else {
            throw Diagnostic(.syntax, "expected a statement, found \(keyword.display)", at: keyword.span,
                             help: "type 'help' for the list of statements")
        }
        guard let syntax = StatementRegistry.syntax(for: keyword.text) else {
            let near = Suggestions.closest(to: keyword.text, among: StatementRegistry.keywords)
            let hint = near.map { "; did you mean '\($0)'?" } ?? ""
            throw Diagnostic(.syntax, "unknown statement '\(keyword.text)'\(hint)", at: keyword.span,
                             help: near.flatMap { FallbackHelp.usage(of: $0) } ?? FallbackHelp.general)
        }
        do {
            return try syntax.parse(&self, keyword: keyword)
        } catch {
            throw error.withFallbackHelp(statement: keyword.text)
        }
    }

    /// `{ statements }`
    mutating func parseBlock(opening keyword: Token) throws(Diagnostic) -> [any Statement] {
        try expectSymbol("{", after: keyword)
        blockDepth += 1
        openBlocks.append(keyword.text)
        let body = try parseStatements(untilClosingBrace: true)
        openBlocks.removeLast()
        blockDepth -= 1
        advance()
        return body
    }

    /// `{ items }` whose items the caller reads (program steps, job lines), one per line or `;`.
    /// `words` may start an item: completion offers them.
    mutating func parseItems(opening keyword: Token, words: [String],
                             _ item: (inout Parser) throws(Diagnostic) -> Void) throws(Diagnostic) {
        try expectSymbol("{", after: keyword)
        blockDepth += 1
        defer { blockDepth -= 1 }
        while true {
            skipSeparators()
            offerAtEnd(.words(words))
            let token = peek
            if token.isSymbol("}") {
                advance()
                return
            }
            if token.kind == .end {
                throw Diagnostic(.incomplete, "block is not closed: expected '}' before end of input",
                                 at: token.span, help: "add '}' to close the block")
            }
            try item(&self)
            try expectStatementEnd()
        }
    }

    mutating func skipSeparators() {
        while peek.kind == .newline || peek.isSymbol(";") { position += 1 }
    }

    /// A statement ends at a newline, `;`, `}` or the end of input.
    mutating func expectStatementEnd() throws(Diagnostic) {
        let token = peek
        // Completing after a whole statement and a space: nothing more fits.
        if probe != nil && token.kind == .end { throw unexpected(expected: "nothing more") }
        if token.kind == .newline || token.kind == .end || token.isSymbol(";") || token.isSymbol("}") { return }
        throw Diagnostic(.syntax, "unexpected \(token.display) after the end of the statement", at: token.span,
                         help: "put one statement per line, or separate statements with ';'")
    }

    public var atStatementEnd: Bool {
        let token = peek
        // Completing: the statement may go on with its options.
        if probe != nil && token.kind == .end { return false }
        return token.kind == .newline || token.kind == .end || token.isSymbol(";") || token.isSymbol("}")
    }

    // MARK: Tokens

    public var peek: Token { tokens[min(position, tokens.count - 1)] }
    public func peek(ahead offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    public mutating func advance() -> Token {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes the keyword if it is next.
    public mutating func accept(_ word: String) -> Token? {
        offerAtEnd(.words([word]))
        return peek.isWord(word) ? advance() : nil
    }

    public mutating func acceptSymbol(_ symbol: String) -> Token? {
        peek.isSymbol(symbol) ? advance() : nil
    }

    public mutating func expectSymbol(_ symbol: String, after previous: Token) throws(Diagnostic) {
        guard acceptSymbol(symbol) != nil else {
            throw unexpected(expected: "'\(symbol)'")
        }
    }

    public mutating func expectWord(_ word: String) throws(Diagnostic) -> Token {
        guard let token = accept(word) else { throw unexpected(expected: "'\(word)'") }
        return token
    }

    /// "expected X, found Y" at the next token. Input that ends inside an
    /// open block reads as incomplete, so the prompt asks for another line;
    /// a statement cut short outside any block is simply an error.
    public func unexpected(expected: String, help: String? = nil) -> Diagnostic {
        let token = peek
        let category: Diagnostic.Category = token.kind == .end && blockDepth > 0 ? .incomplete : .syntax
        return Diagnostic(category, "expected \(expected), found \(token.display)", at: token.span, help: help)
    }

    // MARK: Values

    public mutating func parseName(_ what: String) throws(Diagnostic) -> Name {
        offerAtEnd(.names(CompletionProbe.kinds(describedBy: what)))
        return try parseWord(what)
    }

    /// An identifier, offering nothing to completion (the caller has).
    private mutating func parseWord(_ what: String) throws(Diagnostic) -> Name {
        let token = peek
        guard token.kind == .identifier else { throw unexpected(expected: what) }
        advance()
        return Name(text: token.text, span: token.span)
    }

    /// One or more names separated by commas; `ws[1..4]` expands to ws1…ws4.
    public mutating func parseNameList(_ what: String) throws(Diagnostic) -> [Name] {
        var names: [Name] = []
        repeat {
            names += try parseNameOrRange(what)
        } while acceptSymbol(",") != nil
        return names
    }

    private mutating func parseNameOrRange(_ what: String) throws(Diagnostic) -> [Name] {
        let base = try parseName(what)
        guard peek.isSymbol("["), peek.touchesPrevious else { return [base] }
        advance()
        let lowToken = peek
        let low = try parseCount("the first number of the range")
        guard acceptSymbol("..") != nil else {
            throw unexpected(expected: "'..' in the range, as in \(base.text)[1..8]")
        }
        let high = try parseCount("the last number of the range")
        let close = peek
        guard acceptSymbol("]") != nil else { throw unexpected(expected: "']' to close the range") }
        let span = base.span.through(close.span)
        guard low <= high else {
            throw Diagnostic(.check, "range \(base.text)[\(low)..\(high)] is empty: \(low) is greater than \(high)",
                             at: lowToken.span.through(close.span),
                             help: "write the smaller number first: \(base.text)[\(high)..\(low)]")
        }
        // Each name past the first counts as a statement: checked before the names are made.
        try meter?.countStatements(high - low, at: span, range: "\(base.text)[\(low)..\(high)]")
        guard high - low < 100_000 else {
            throw Diagnostic(.check, "range \(base.text)[\(low)..\(high)] has more than 100000 names", at: span,
                             help: "declare fewer names at once")
        }
        return (low...high).map { Name(text: "\(base.text)\($0)", span: span) }
    }

    /// A number in the given dimension; a unit may also follow as a separate word.
    public mutating func parseQuantity(_ dimension: Dimension) throws(Diagnostic) -> (Quantity, SourceSpan) {
        let token = peek
        guard token.kind == .number else { throw unexpected(expected: dimension.example) }
        advance()
        var span = token.span
        let unit = token.unit.isEmpty ? separateUnit(&span) : nil
        let quantity = try Quantity.parse(token, unit: unit, wanted: dimension)
        guard quantity.dimension == dimension else {
            let found = quantity.dimension == .count ? "a number with no unit" : "a \(quantity.dimension.noun)"
            let written = token.text + (unit.map { " " + $0 } ?? token.unit)
            let units = Quantity.unitNames(for: dimension)
            throw Diagnostic(.check, "expected \(dimension.example), found \(found) '\(written)'",
                             at: span, help: units.isEmpty ? nil : "units: \(units.joined(separator: " "))")
        }
        return (quantity, span)
    }

    /// A unit written after a space: `20 ms`, `5 %`, `2 MB/s`. Consumed only
    /// if it is a known unit, so `count 3 as r` leaves `as` alone.
    mutating func separateUnit(_ span: inout SourceSpan) -> String? {
        if peek.isSymbol("%") {
            span = span.through(advance().span)
            return "%"
        }
        guard peek.kind == .identifier else { return nil }
        let word = peek.text
        // `MB/s` written apart from its number lexes as the word `MB` and the path `/s`.
        if peek(ahead: 1).kind == .path, peek(ahead: 1).text == "/s", peek(ahead: 1).touchesPrevious,
           Quantity.units[word + "/s"] != nil {
            advance()
            span = span.through(advance().span)
            return word + "/s"
        }
        guard Quantity.units[word] != nil else { return nil }
        span = span.through(advance().span)
        return word
    }

    /// A whole number, no unit.
    public mutating func parseCount(_ what: String) throws(Diagnostic) -> Int {
        let token = peek
        guard token.kind == .number, token.unit.isEmpty, !token.text.contains(".") else {
            throw unexpected(expected: what)
        }
        advance()
        guard let value = Int(token.text), value <= Int(Int32.max) else {
            throw Diagnostic(.check, "\(token.text) is too large for \(what)", at: token.span,
                             help: "give a number up to \(Int32.max)")
        }
        return value
    }

    public mutating func parseString(_ what: String) throws(Diagnostic) -> (String, SourceSpan) {
        let token = peek
        guard token.kind == .string else { throw unexpected(expected: what) }
        advance()
        return (token.text, token.span)
    }

    /// An option word from `options` (network, node and rpc options), or an
    /// error that suggests the near miss and lists them all.
    public mutating func parseOption<Value>(_ options: [String: Value], of what: String,
                                            article: String = "a") throws(Diagnostic) -> (Name, Value) {
        offerAtEnd(.words(Array(options.keys)))
        let option = try parseWord("\(article) \(what) option")
        guard let value = options[option.text] else {
            let hint = Suggestions.didYouMean(option.text, among: options.keys)
            throw Diagnostic(.syntax, "unknown \(what) option '\(option.text)'\(hint)", at: option.span,
                             help: "options: " + options.keys.sorted().joined(separator: " "))
        }
        return (option, value)
    }

    /// One of a fixed set of words (a preset, a topology, a role), or an
    /// error that suggests the near miss and lists them all.
    public mutating func parseChoice<Choice: RawRepresentable & CaseIterable>(
        _ type: Choice.Type, _ singular: String, _ plural: String
    ) throws(Diagnostic) -> Choice where Choice.RawValue == String {
        offerAtEnd(.words(Choice.allCases.map(\.rawValue)))
        let article = "aeiouAEIOU".contains(singular.first ?? "x") ? "an" : "a"
        let word = try parseWord("\(article) \(singular)")
        guard let choice = Choice(rawValue: word.text) else {
            let names = Choice.allCases.map(\.rawValue)
            let hint = Suggestions.didYouMean(word.text, among: names)
            throw Diagnostic(.check, "unknown \(singular) '\(word.text)'\(hint)",
                             at: word.span, help: "\(plural): " + names.joined(separator: " "))
        }
        return choice
    }

    /// An absolute file path: `/`, `/users/jack`.
    public mutating func parsePath(_ what: String = "a file path like /users/notes")
        throws(Diagnostic) -> (String, SourceSpan) {
        offerAtEnd(.path)
        let token = peek
        guard token.kind == .path else { throw unexpected(expected: what) }
        advance()
        // `.`, `..`, `//` and a trailing `/` are resolved as the file system does.
        return (FilePath.normalize(token.text), token.span)
    }

    /// Optional `as LABEL` at the end of an operation.
    public mutating func parseLabel() throws(Diagnostic) -> Name? {
        guard accept("as") != nil else { return nil }
        return try parseName("a label after 'as'")
    }
}
