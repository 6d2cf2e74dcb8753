/// `seed N`: restart the random sequence (loss draws) from N.
struct SeedSyntax: StatementSyntax {
    static let keywords = ["seed"]
    static let help = HelpEntry(
        topic: "seed",
        summary: "set the seed of the one random generator (same seed, same output)",
        usage: ["seed N"],
        example: "seed 42")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let token = parser.peek
        guard token.kind == .number, token.unit.isEmpty, let value = UInt64(token.text) else {
            throw parser.unexpected(expected: "a whole number from 0 to \(UInt64.max)")
        }
        parser.advance()
        return SeedStatement(span: keyword.span, seed: value)
    }
}

struct SeedStatement: Statement {
    let span: SourceSpan
    let seed: UInt64
    func check(_ checker: inout Checker) {}
    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.simulation.reseed(seed &+ interpreter.options.seedOffset)
    }
}

/// `reset`: forget everything and start again at time zero.
struct ResetSyntax: StatementSyntax {
    static let keywords = ["reset"]
    static let placement = StatementPlacement.topLevel
    static let help = HelpEntry(
        topic: "reset",
        summary: "discard the cluster, processes, labels and clock; keep the seed",
        usage: ["reset"],
        details: "Only at the top level of a script: inside an 'at' or 'on' block it would cut the run short "
            + "and drop the blocks still to come, so there it is an error.",
        example: "reset")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        ResetStatement(span: keyword.span)
    }
}

struct ResetStatement: Statement {
    let span: SourceSpan
    func check(_ checker: inout Checker) {
        // A reset while the engine runs would drop the rest of the run and every later block.
        guard !checker.inAtBlock && checker.currentNode == nil else {
            checker.error("reset cannot be used inside an 'at' or 'on' block", at: span,
                          help: "write reset at the top level of the script, between runs")
            return
        }
        checker.symbols = SymbolTable()
        checker.deferred = SymbolTable()
    }
    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        // A report keeps what it shows of the part the reset ends (ReportParts).
        interpreter.closeReportPart(resetAt: span)
        interpreter.reset()
    }
}

/// `echo "text"`: print a line.
struct EchoSyntax: StatementSyntax {
    static let keywords = ["echo"]
    static let help = HelpEntry(
        topic: "echo",
        summary: "print a line of text",
        usage: ["echo \"TEXT\""],
        details: "The line shows the time and 'echo' in the node column, like every line of a run, so no text "
            + "can pass for another statement's output. A control character in the text, such as a newline "
            + "written \\n, is shown escaped (\\n, \\t, \\u001b for ESC; see docs/OUTPUT.md).",
        example: "echo \"== remote IPC ==\"")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        EchoStatement(span: keyword.span, text: try parser.parseString("text in double quotes").0)
    }
}

struct EchoStatement: Statement {
    let span: SourceSpan
    let text: String
    func check(_ checker: inout Checker) { _ = checker.allowedOutsideSweep("echo", at: span) }
    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        interpreter.emit(.echo(time: interpreter.simulation.now, text: text))
    }
}
