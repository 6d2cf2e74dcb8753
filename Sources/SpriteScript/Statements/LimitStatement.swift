/// `limit NAME VALUE`: lower one of the session's limits for the rest of the script.
struct LimitSyntax: StatementSyntax {
    static let keywords = ["limit"]
    static let help = HelpEntry(
        topic: "limit",
        summary: "lower a limit (events, time, wall, nodes, …) for the rest of the script; never raise it",
        usage: ["limit NAME VALUE"],
        details: "NAME is events, time, wall, nodes, processes, file-bytes, statements, output, memory or "
            + "picture-events; VALUE "
            + "is a number, with a unit for time and wall (60s, 1h) and file-bytes (4GB). A script may lower a "
            + "limit the command line set (--limit NAME=VALUE), never raise it. Reaching a limit ends the script "
            + "with status 4, except picture-events: past it, pictures leave messages out. See docs/LIMITS.md.",
        example: "limit events 1000000\nlimit time 1h")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let word = try parser.parseName("a limit name: " + Limits.Name.allCases.map(\.rawValue).joined(separator: " "))
        guard let name = Limits.Name(rawValue: word.text) else {
            let names = Limits.Name.allCases.map(\.rawValue)
            throw Diagnostic(.check, "unknown limit '\(word.text)'\(Suggestions.didYouMean(word.text, among: names))",
                             at: word.span, help: "limits: " + names.joined(separator: " "))
        }
        let token = parser.peek
        guard token.kind == .number else { throw parser.unexpected(expected: name.dimension.example) }
        parser.advance()
        guard let value = name.dimension.parse(token.text + token.unit), value > 0 else {
            throw Diagnostic(.check, "the \(name.rawValue) limit takes \(name.dimension.example) greater than zero, "
                             + "not '\(token.text + token.unit)'", at: token.span)
        }
        return LimitStatement(span: keyword.span.through(token.span), name: name, value: value, valueSpan: token.span)
    }
}

struct LimitStatement: Statement {
    let span: SourceSpan
    let name: Limits.Name
    let value: Int64
    let valueSpan: SourceSpan

    func check(_ checker: inout Checker) {
        if let refusal = checker.limits.lower(name, to: value) {
            checker.report(Diagnostic(.limit, refusal, at: valueSpan,
                                      help: "raise it on the command line: --limit \(name.rawValue)=VALUE"))
        } else if let used = checker.alreadyUsed(name), used > value {
            // Statements, nodes and processes are counted before anything runs: a limit
            // below what the script already has is reached here.
            let what = switch name {
            case .statements: Plural.of(used, "statement") + " already parsed"
            case .nodes: Plural.of(used, "node") + " already declared"
            default: Plural.of(used, "process", plural: "processes") + " already declared"
            }
            checker.report(checker.limits.reached(name, what, at: valueSpan))
        } else if name == .statements, let meter = checker.meter {
            // Loads checked after this line count against the lower limit at once.
            _ = meter.limits.lower(name, to: value)
        }
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        try interpreter.lowerLimit(name, to: value, at: valueSpan)
    }
}
