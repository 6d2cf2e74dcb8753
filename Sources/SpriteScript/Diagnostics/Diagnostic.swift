/// A message about the script, pointing at the place it is about.
public struct Diagnostic: Error, Sendable {
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public enum Category: Sendable, Equatable {
        /// The text cannot be read as the language (lexer, parser).
        case syntax
        /// Input ended inside a block or string: in the REPL, read another line.
        case incomplete
        /// Names, units and values checked before anything runs.
        case check
        /// Something went wrong while running: a failed operation, an interrupt.
        case runtime
        /// A limit was reached (docs/LIMITS.md): exit status 4.
        case limit
        /// `--bail`: an expect failed, so the script stops here.
        case expectationBail
        /// A script file that cannot be read, or a command line that cannot be used.
        case usage
        /// Standard output or error could not be written: the run stops, saying nothing more.
        case outputFailed
    }

    public var severity: Severity
    public var category: Category
    public var message: String
    public var span: SourceSpan?
    /// A hint printed after the source excerpt.
    public var help: String?

    public init(_ category: Category, _ message: String, at span: SourceSpan?, help: String? = nil,
                severity: Severity = .error) {
        self.category = category
        self.message = message
        self.span = span
        self.help = help
        self.severity = severity
    }

    /// `file:line:col: error: message`, the source line, and a caret under the span.
    public var rendered: String { renderedLines.joined(separator: "\n") }

    /// The rendered diagnostic, one line per element, control characters
    /// escaped (TerminalText); the caret stays under the span as shown.
    public var renderedLines: [String] {
        let helpLine = help.map { ["  help: " + TerminalText.escape($0)] } ?? []
        guard let span else {
            return ["sprite-shell: \(severity.rawValue): " + TerminalText.escape(message)] + helpLine
        }
        let source = span.file.characters(ofLine: span.line)
        let start = min(max(0, span.column - 1), source.count)
        let end = min(max(start, span.endColumn - 1), source.count)
        let window = Self.window(count: source.count, caret: start)
        let shown = { (characters: ArraySlice<Character>) in characters.map(TerminalText.sourceCharacter).joined() }
        let before = (window.lowerBound > 0 ? "…" : "") + shown(source[window.lowerBound..<start])
        let after = window.upperBound < source.count ? "…" : ""
        let width = max(1, shown(source[start..<min(end, window.upperBound)]).count)
        return [TerminalText.escape("\(span.location): \(severity.rawValue): \(message)"),
                "    " + before + shown(source[start..<window.upperBound]) + after,
                "    " + String(repeating: " ", count: before.count) + "^" + String(repeating: "~", count: width - 1)]
            + helpLine
    }

    /// Source characters shown around the caret: a long line is cut to this many, `…` marking each cut end.
    static let excerptWidth = 100

    /// The characters of a `count`-long line to show so the caret at `caret` is seen with some text before it.
    static func window(count: Int, caret: Int) -> Range<Int> {
        guard count > excerptWidth else { return 0..<count }
        let low = max(0, min(caret - excerptWidth / 3, count - excerptWidth))
        return low..<min(count, low + excerptWidth)
    }
}
