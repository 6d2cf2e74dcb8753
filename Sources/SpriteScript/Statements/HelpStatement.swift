import SpriteKernel

/// `help [TOPIC]`: the statement list, or one statement's page.
struct HelpSyntax: StatementSyntax {
    static let keywords = ["help"]
    static let help = HelpEntry(
        topic: "help",
        summary: "list the statements, or explain one",
        usage: ["help", "help TOPIC"],
        details: "TOPIC is a statement's keyword, or one of the topics: 'units' (every unit a number can carry), "
            + "'time' (the clock and how times are written), 'semantics' (how reads are judged), 'listings' "
            + "(how ls is judged) and 'disk' (a node's disk and the named drives).",
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
        if let page = explainedElsewhere[word] { return entry(for: page) }
        return StatementRegistry.helpEntries.first { $0.topic == word }
    }

    /// Words people look up that another page explains: each scheduling policy and its gang options
    /// are on the scheduler statement's page, parallel jobs (threads, job) on spawn's, the timeline on show's.
    static let explainedElsewhere: [String: String] = Dictionary(
        uniqueKeysWithValues: SchedulerKind.names.map { ($0, "scheduler") } + [
            ("timeline", "show"), ("coordinated", "scheduler"), ("alternates", "scheduler"), ("threads", "spawn"),
            ("job", "spawn"),
        ])

    func check(_ checker: inout Checker) {
        guard checker.allowedOutsideSweep("help", at: span) else { return }
        guard let topic, Self.entry(for: topic.text) == nil else { return }
        let words = StatementRegistry.keywords + StatementRegistry.helpEntries.map(\.topic)
        checker.error("no help for '\(topic.text)'\(Suggestions.didYouMean(topic.text, among: words))", at: topic.span,
                      help: "type 'help' for the list of statements")
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        // JSON carries the page as one string: lines are not broken for it (Reporter.emit(laidOut:)).
        let width = interpreter.options.width, context = interpreter.context
        guard let topic, let entry = Self.entry(for: topic.text) else {
            interpreter.reporter.emit(laidOut: { Self.overview(width: $0) }, width: width, context: context)
            return
        }
        interpreter.reporter.emit(laidOut: { Self.page(entry, width: $0) }, width: width, context: context)
    }

    /// Where the overview's descriptions start; longer keyword lists wrap
    /// inside their own column rather than run into the description.
    static let descriptionColumn = 28

    /// The statement list in two columns fitted to `width` (0: one line a row).
    static func overview(width: Int) -> String {
        var lines = ["statements (help TOPIC for more):"]
        for syntax in StatementRegistry.all {
            lines += row(syntax.keywords.joined(separator: ", "), syntax.help.summary, width: width)
        }
        lines.append("")
        lines += TextLayout.wrap("topics: " + HelpTopics.all.map { "help \($0.topic)" }.joined(separator: ", "),
                                 width: width, indent: 8)
        lines += TextLayout.wrap("Literals carry units: 20ms 0.5us 64KB 10Mbps 2MB/s 5% (help units). "
                                 + "Names expand: ws[1..4].", width: width, indent: 0)
        lines.append("Statements end at a newline or ';'. '#' starts a comment.")
        return lines.joined(separator: "\n")
    }

    /// One overview row: keywords wrapped at ", " in their column, the summary
    /// wrapped in the rest of the width, side by side.
    private static func row(_ keywords: String, _ summary: String, width: Int) -> [String] {
        let keyRoom = descriptionColumn - 4
        guard width > 0 else { return ["  " + TextRenderer.pad(keywords, keyRoom) + "  " + summary] }
        var keys: [String] = []
        for word in keywords.split(separator: " ") {
            if let last = keys.last, last.count + 1 + word.count <= keyRoom {
                keys[keys.count - 1] = last + " " + word
            } else {
                keys.append(String(word))
            }
        }
        let room = max(TextLayout.minimumRoom, width - descriptionColumn)
        let text = TextLayout.wrap(summary, width: room, indent: 0)
        return (0..<max(keys.count, text.count)).map { index in
            let key = index < keys.count ? keys[index] : ""
            let words = index < text.count ? text[index] : ""
            let line = "  " + TextRenderer.pad(key, descriptionColumn - 2) + words
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// A usage line broken only between option groups: a space inside
    /// `[ … ]` or `{ … }` is held (as a no-break space) while the line is wrapped.
    private static func usageLines(_ text: String, width: Int) -> [String] {
        var depth = 0
        let held = String(text.map { character -> Character in
            if "[{".contains(character) { depth += 1 } else if "]}".contains(character) { depth = max(0, depth - 1) }
            return character == " " && depth > 0 ? "\u{00A0}" : character
        })
        return TextLayout.wrap(held, width: width, indent: TextLayout.leadingSpaces(text) + 2).map {
            String($0.map { $0 == "\u{00A0}" ? " " : $0 })
        }
    }

    /// One statement's or topic's page fitted to `width` (0: paragraphs on one
    /// line each). Usage lines continue two columns in; examples are kept
    /// as written so they can be pasted.
    static func page(_ entry: HelpEntry, width: Int) -> String {
        var lines = TextLayout.wrap("\(entry.topic): \(entry.summary)", width: width, indent: 2)
        if !entry.usage.isEmpty {
            lines += ["", "usage:"]
            for usage in entry.usage {
                lines += usageLines("  " + usage, width: width)
            }
        }
        if !entry.details.isEmpty {
            lines.append("")
            for paragraph in entry.details.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = String(paragraph)
                lines += TextLayout.wrap(text, width: width, indent: TextLayout.hangingIndent(text))
            }
        }
        lines += ["", "example:"] + entry.example.split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
