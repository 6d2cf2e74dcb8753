/// Whether input typed at the prompt is ready to parse: every block closed
/// and no backslash asking for another line. Read from braces and backslashes
/// outside strings and comments, the way the lexer reads them, so a block
/// stays open until its `}` even when a line inside it is wrong: the error is
/// reported once the block is whole, and nothing in it runs before.
public struct InputBalance: Sendable {
    /// Where each block still open starts (line and column of its `{`), outermost first.
    public private(set) var openBraces: [(line: Int, column: Int)] = []
    /// The input ends with a backslash that continues the statement on the next line.
    public private(set) var continues = false

    public var isComplete: Bool { openBraces.isEmpty && !continues }

    public init(of text: String) {
        enum State { case code, string, comment }
        var state = State.code
        var line = 1, column = 0
        var escaped = false
        continues = false
        for c in text {
            column += 1
            if c == "\n" || c == "\r\n" {
                // Strings and comments end at the line's end (an open string is the lexer's error).
                line += 1
                column = 0
                state = .code
                escaped = false
                continues = false
                continue
            }
            continues = false
            switch state {
            case .comment:
                break
            case .string:
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { state = .code }
            case .code:
                switch c {
                case "\"": state = .string
                case "#": state = .comment
                case "{": openBraces.append((line, column))
                // A stray `}` is the parser's error; it does not close a later block.
                case "}": _ = openBraces.popLast()
                case "\\": continues = true
                default: break
                }
            }
        }
    }
}
