/// `sweep NAME { choose …; BODY }`: one scenario run under every combination of its choices.
struct SweepSyntax: StatementSyntax {
    static let keywords = ["sweep"]
    static let placement = StatementPlacement.topLevel
    static let help = HelpEntry(
        topic: "sweep",
        summary: "run one scenario under every combination of its choices and print one table of outcomes",
        usage: ["sweep NAME { choose CHOICE VALUE, VALUE …; … STATEMENTS using $CHOICE … }",
                "show sweep NAME", "expect NAME[CHOICE=VALUE, …].FIELD OP VALUE [within TOLERANCE]"],
        details: """
            Each 'choose CHOICE V1, V2, …' line names a choice and its values; a value is every word \
            between two commas (delayed-write flush 30s age 30s is one value). $CHOICE anywhere in the body \
            is replaced by the value, word for word, so a choice can stand for a policy, a protocol, a preset, \
            a topology, a timeout or a whole clause. A value written LABEL = WORDS is named by its label \
            and replaced by the words: choose load 0.5 = 2s, 0.9 = 1111ms runs arrival exponential $load \
            with 2s and 1111ms, and the table, expect NAME[load=0.9] and a chart's axis read 0.5 and 0.9. \
            The cells are every combination, the first choice \
            varying slowest: cell 1 takes every first value. Every cell is checked before any runs; an error \
            in one names its cell and points at the value on the choose line. Each cell runs in a fresh \
            session, as after 'reset', with the same seed, and runs until idle as a script's end does; the \
            session's own cluster, clock and names are not touched. The body holds no expect, show, echo, \
            help or sweep (a cell prints nothing): check a cell after the sweep with expect NAME[…].FIELD. \
            The table has one column per cell (headed by its values; one row per cell when the columns do \
            not fit the width), a value that differs from the first cell's marked '*'. Fields: \
            \(SweepMetric.files.map(\.field).joined(separator: " ")); and when some cell ran scheduled \
            processes \(SweepMetric.processes.map(\.field).joined(separator: " ")) (as avg.turnaround, \
            avg.response, avg.slowdown and stats.migrations; '-' in a cell that had none). A sweep has at most \
            \(Limits.sweepCells) cells; its statements and events count against the script's limits. With \
            'sprite-shell run --jobs N' the cells run in up to N processes at once and the table is the same; \
            the limits then count per cell. With --shard I/N only the I-th round-robin slice of the cells \
            runs, an expect on a cell of another slice is left unchecked with a note, and 'sprite-shell run \
            --merge' puts the slices' JSON output back into the whole table.
            """,
        example: """
            sweep policies {
              choose policy write-through, write-on-close, delayed-write flush 30s age 30s
              cluster { server fs1; workstation ws1 }
              domain / on fs1
              cache client policy $policy
              at 1s { on ws1 { open /log rw; write "entry 1"; close } }
              at 10s { crash ws1 }
            }
            expect policies[policy=delayed-write flush 30s age 30s].crash-losses == 1
            """)

    /// Statements a cell may not hold: it prints nothing, and sweeps do not nest.
    static let refused: [String: String] = [
        "expect": "check a cell after the sweep: expect NAME[CHOICE=VALUE].FIELD OP VALUE",
        "show": "a cell prints nothing: the sweep's table shows its outcomes; run the cell on its own to see more",
        "echo": "a cell prints nothing: write the echo before or after the sweep",
        "help": "ask for help outside the sweep",
        "sweep": "sweeps do not nest: add a choose line to this sweep instead",
    ]

    /// Why a picture export is refused in a sweep: `export PATH on SERVER` (NFS) is not one.
    static let exportRefusal = "a cell draws nothing: run one cell's script on its own to export it"

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let name = try parser.parseName("a name for the sweep, such as write-policies")
        if name.text.hasPrefix("$") {
            throw Diagnostic(.syntax, "a sweep's name cannot be a placeholder", at: name.span,
                             help: "name it with a plain word: sweep write-policies { … }")
        }
        let open = parser.peek
        try parser.expectSymbol("{", after: open)
        var tokens: [Token] = []
        var depth = 0
        while true {
            let token = parser.peek
            if token.kind == .end {
                // Inside an open block: at the prompt, the next line may close it.
                throw Diagnostic(.incomplete, "block is not closed: expected '}' before end of input",
                                 at: token.span, help: "add '}' to close the sweep's body")
            }
            if token.isSymbol("}") {
                if depth == 0 { break }
                depth -= 1
            }
            if token.isSymbol("{") { depth += 1 }
            tokens.append(parser.advance())
        }
        let close = parser.advance()
        let body = try SweepBodyReader.read(tokens, close: close)
        guard !body.choices.isEmpty else {
            throw Diagnostic(.syntax, "sweep '\(name.text)' has no choose line", at: name.span,
                             help: "name what varies: choose policy write-through, write-on-close; "
                                + "then write $policy where it goes")
        }
        return SweepStatement(span: keyword.span.through(name.span), name: name, body: body)
    }
}

/// A sweep's body as read: its choices, and the other tokens with their placeholders still in.
struct SweepBody: Sendable {
    let choices: [SweepChoice]
    /// Every token of the body but the choose statements', newlines included.
    let tokens: [Token]
    /// The choose statements' tokens, left out of every cell (a cell's own text blanks them).
    let chooseTokens: [Token]
    /// The closing brace: where a cell's input ends.
    let close: Token
}

/// Splits a sweep's body into its choose statements and the rest.
struct SweepBodyReader {
    private let tokens: [Token]
    private var index = 0
    private var choices: [SweepChoice] = []
    private var kept: [Token] = []
    private var chooseTokens: [Token] = []

    static func read(_ tokens: [Token], close: Token) throws(Diagnostic) -> SweepBody {
        var reader = SweepBodyReader(tokens: tokens)
        try reader.readAll()
        return SweepBody(choices: reader.choices, tokens: reader.kept, chooseTokens: reader.chooseTokens,
                         close: close)
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private mutating func readAll() throws(Diagnostic) {
        var depth = 0
        var atStart = true
        while index < tokens.count {
            let token = tokens[index]
            if atStart && token.kind == .identifier {
                if let help = SweepSyntax.refused[token.text] {
                    throw Diagnostic(.syntax, "'\(token.text)' cannot be used inside a sweep", at: token.span,
                                     help: help)
                }
                // `export PATH on SERVER` is NFS and fine; `export diagram …` would draw every cell into one file.
                if token.text == "export", index + 1 < tokens.count, tokens[index + 1].kind == .identifier {
                    throw Diagnostic(.syntax, "'export \(tokens[index + 1].text)' cannot be used inside a sweep",
                                     at: token.span.through(tokens[index + 1].span),
                                     help: SweepSyntax.exportRefusal)
                }
                if token.text == "choose" {
                    guard depth == 0 else {
                        throw Diagnostic(.syntax, "'choose' belongs at the top level of the sweep's body",
                                         at: token.span, help: "move it out of the block, to the top of the sweep")
                    }
                    try readChoose()
                    continue
                }
            }
            if token.isSymbol("{") { depth += 1 }
            if token.isSymbol("}") { depth -= 1 }
            atStart = token.kind == .newline || token.isSymbol(";") || token.isSymbol("{") || token.isSymbol("}")
            kept.append(token)
            index += 1
        }
    }

    /// `choose NAME v1, v2, …` up to the end of its line or a `;`.
    private mutating func readChoose() throws(Diagnostic) {
        let keyword = tokens[index]
        let start = index
        index += 1
        var words: [Token] = []
        while index < tokens.count, tokens[index].kind != .newline, !tokens[index].isSymbol(";") {
            words.append(tokens[index])
            index += 1
        }
        // The `;` that ends it goes with it; a newline stays, so lines keep their numbers.
        if index < tokens.count, tokens[index].isSymbol(";") { index += 1 }
        chooseTokens += tokens[start..<index]
        let example = "as in: choose policy write-through, write-on-close"
        guard let first = words.first, first.kind == .identifier, !first.text.hasPrefix("$") else {
            throw Diagnostic(.syntax, "expected a choice's name after 'choose', found "
                             + (words.first?.display ?? "end of line"),
                             at: words.first?.span ?? keyword.span,
                             help: "name the choice, then its values, \(example)")
        }
        let name = Name(text: first.text, span: first.span)
        if let earlier = choices.first(where: { $0.name.text == name.text }) {
            throw Diagnostic(.syntax, "choice '\(name.text)' is already chosen at \(earlier.name.span.location)",
                             at: name.span, help: "give each choice one choose line, its values separated by commas")
        }
        let values = try Self.values(Array(words.dropFirst()), after: first, example: example)
        choices.append(SweepChoice(name: name, values: values,
                                   span: keyword.span.through(words[words.count - 1].span)))
    }

    /// The values between commas, none empty or repeated, none holding a block or a placeholder.
    private static func values(_ words: [Token], after name: Token,
                               example: String) throws(Diagnostic) -> [SweepValue] {
        guard !words.isEmpty else {
            throw Diagnostic(.syntax, "choice '\(name.text)' has no values", at: name.span,
                             help: "list its values after the name, separated by commas, \(example)")
        }
        var values: [SweepValue] = []
        var seen: Set<String> = []
        var current: [Token] = []
        for (position, token) in words.enumerated() {
            if token.isSymbol("{") || token.isSymbol("}") {
                throw Diagnostic(.syntax, "a choice's value cannot hold a block", at: token.span,
                                 help: "a value is words up to the next comma; write the block in the body "
                                    + "and a $\(name.text) inside it")
            }
            if token.kind == .identifier && token.text.hasPrefix("$") {
                throw Diagnostic(.syntax, "a choice's value cannot hold a placeholder", at: token.span,
                                 help: "write the value itself: placeholders are replaced in the body only")
            }
            let last = position == words.count - 1
            if !token.isSymbol(",") { current.append(token) }
            guard token.isSymbol(",") || last else { continue }
            guard !current.isEmpty else {
                throw Diagnostic(.syntax, "empty value in choice '\(name.text)'", at: token.span,
                                 help: "write a value between each two commas, and none after the last")
            }
            let value = try labelled(current, name)
            guard seen.insert(value.text).inserted else {
                throw Diagnostic(.syntax, "choice '\(name.text)' lists '\(value.text)' twice", at: value.span,
                                 help: "list each value once: every cell is a different combination")
            }
            // One choice alone past the cap is refused as its values come, not after reading them all.
            guard values.count < Limits.sweepCells else {
                throw Diagnostic(.syntax, "choice '\(name.text)' has more than \(Limits.sweepCells) values",
                                 at: value.span, help: "a sweep runs at most \(Limits.sweepCells) combinations: "
                                    + "drop some values, or split it into several sweeps")
            }
            values.append(value)
            current = []
            if last && token.isSymbol(",") {
                throw Diagnostic(.syntax, "empty value in choice '\(name.text)'", at: token.span,
                                 help: "remove the comma after the last value")
            }
        }
        return values
    }

    /// `LABEL = WORDS`: a value named by its label (SweepValue); words with no `=` name themselves.
    private static func labelled(_ words: [Token], _ name: Token) throws(Diagnostic) -> SweepValue {
        let equals = words.indices.filter { words[$0].isSymbol("=") }
        guard let at = equals.first else { return SweepValue(tokens: words) }
        let example = "as in: choose \(name.text) 0.7 = 1429ms, 0.9 = 1111ms"
        guard equals.count == 1 else {
            throw Diagnostic(.syntax, "a choice's value has one '=' at most", at: words[equals[1]].span,
                             help: "write LABEL = WORDS, the label naming the words, \(example)")
        }
        guard at > 0, at < words.count - 1 else {
            throw Diagnostic(.syntax, at == 0 ? "nothing before '=': a labelled value needs its label"
                             : "nothing after '=': a labelled value needs the words it stands for",
                             at: words[at].span, help: "write LABEL = WORDS, \(example)")
        }
        return SweepValue(label: Array(words[..<at]), tokens: Array(words[(at + 1)...]))
    }
}
