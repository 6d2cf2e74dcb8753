/// `help [TOPIC]`: the statement list, or one statement's page.
struct HelpSyntax: StatementSyntax {
    static let keywords = ["help"]
    static let help = HelpEntry(
        topic: "help",
        summary: "list the statements, or explain one",
        usage: ["help", "help TOPIC"],
        example: "help rpc")

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offer(StatementRegistry.keywords + StatementRegistry.helpEntries.map(\.topic))
        let topic = parser.peek.kind == .identifier ? try parser.parseName("a topic") : nil
        return HelpStatement(span: keyword.span, topic: topic)
    }
}

struct HelpStatement: Statement {
    let span: SourceSpan
    let topic: Name?

    static func entry(for word: String) -> HelpEntry? {
        if let syntax = StatementRegistry.syntax(for: word) { return syntax.help }
        return StatementRegistry.helpEntries.first { $0.topic == word }
    }

    func check(_ checker: inout Checker) {
        guard let topic, Self.entry(for: topic.text) == nil else { return }
        let words = StatementRegistry.keywords + StatementRegistry.helpEntries.map(\.topic)
        checker.error("no help for '\(topic.text)'\(Suggestions.didYouMean(topic.text, among: words))", at: topic.span,
                      help: "type 'help' for the list of statements")
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        guard let topic, let entry = Self.entry(for: topic.text) else {
            interpreter.emit(.text(Self.overview))
            return
        }
        interpreter.emit(.text(Self.page(entry)))
    }

    static var overview: String {
        var lines = ["statements (help TOPIC for more):"]
        for syntax in StatementRegistry.all {
            let words = syntax.keywords.joined(separator: ", ")
            lines.append("  " + TextRenderer.pad(words, 30) + syntax.help.summary)
        }
        lines.append("")
        lines.append("Literals carry units: 20ms 0.5us 64KB 10Mbps 2MB/s 5%. Names expand: ws[1..4].")
        lines.append("Statements end at a newline or ';'. '#' starts a comment.")
        return lines.joined(separator: "\n")
    }

    static func page(_ entry: HelpEntry) -> String {
        var lines = ["\(entry.topic): \(entry.summary)", "", "usage:"]
        lines += entry.usage.map { "  " + $0 }
        if !entry.details.isEmpty {
            lines.append("")
            for paragraph in entry.details.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += wrap(String(paragraph), width: 78)
            }
        }
        lines += ["", "example:"] + entry.example.split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// Breaks a paragraph at spaces so no line is wider than `width`,
    /// keeping its leading indentation on every line.
    static func wrap(_ paragraph: String, width: Int) -> [String] {
        let indent = String(paragraph.prefix { $0 == " " })
        var lines: [String] = []
        var line = indent
        for word in paragraph.split(separator: " ") {
            if line.count > indent.count && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines
    }
}
