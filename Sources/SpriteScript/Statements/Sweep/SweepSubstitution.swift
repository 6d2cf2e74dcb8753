/// Replaces a sweep body's `$NAME` placeholders with one cell's values, token for token. A value's
/// tokens keep their own spans, on the choose line, so an error in a substituted value points there.
struct SweepSubstitution {
    let body: SweepBody

    /// The placeholders in the body that name no choice, each with its did-you-mean.
    func unknownPlaceholders() -> [Diagnostic] {
        let names = body.choices.map(\.name.text)
        return body.tokens.filter(Self.isPlaceholder).compactMap { token in
            let name = String(token.text.dropFirst())
            guard !names.contains(name) else { return nil }
            let hint = Suggestions.didYouMean(name, among: names)
            let listed = names.map { "$" + $0 }.joined(separator: ", ")
            return Diagnostic(.check, "unknown placeholder '$\(name)'\(hint)", at: token.span,
                              help: "this sweep's placeholders: \(listed); or add a line: choose \(name) VALUE, VALUE")
        }
    }

    /// The choices no placeholder uses: every cell of theirs would run the same body.
    func unusedChoices() -> [Diagnostic] {
        let used = Set(body.tokens.filter(Self.isPlaceholder).map { String($0.text.dropFirst()) })
        return body.choices.filter { !used.contains($0.name.text) }.map { choice in
            Diagnostic(.check, "choice '\(choice.name.text)' is never used: no $\(choice.name.text) in the sweep",
                       at: choice.name.span,
                       help: "write $\(choice.name.text) where its value goes, or remove the choose line")
        }
    }

    static func isPlaceholder(_ token: Token) -> Bool { token.kind == .identifier && token.text.hasPrefix("$") }

    /// The body's tokens with each placeholder replaced by its value in this cell, ended by an end token.
    func tokens(picks: [Int]) -> [Token] {
        var values: [String: [Token]] = [:]
        for (choice, pick) in zip(body.choices, picks) { values[choice.name.text] = choice.values[pick].tokens }
        var result: [Token] = []
        result.reserveCapacity(body.tokens.count + 1)
        for token in body.tokens {
            guard Self.isPlaceholder(token), let value = values[String(token.text.dropFirst())] else {
                result.append(token)
                continue
            }
            for (index, word) in value.enumerated() {
                // The first word sits where the placeholder did: touching what the placeholder touched.
                let touches = index == 0 ? token.touchesPrevious : word.touchesPrevious
                result.append(Token(kind: word.kind, text: word.text, unit: word.unit, span: word.span,
                                    touchesPrevious: touches))
            }
        }
        let close = body.close
        result.append(Token(kind: .end, text: "", unit: "", span: close.span, touchesPrevious: false))
        return result
    }

    /// The cell written out as a script of its own: the body's lines with the choose statements blanked
    /// and each placeholder replaced by its value's text. Run on its own (same seed), it gives the
    /// cell's numbers: what a runner in another process would run.
    func script(picks: [Int]) -> String {
        var values: [String: String] = [:]
        for (choice, pick) in zip(body.choices, picks) { values[choice.name.text] = choice.values[pick].replacement }
        // Edits by line: (from column, to column, replacement), applied right to left.
        var edits: [Int: [(Int, Int, String)]] = [:]
        for token in body.tokens where Self.isPlaceholder(token) {
            let value = values[String(token.text.dropFirst())] ?? token.text
            edits[token.span.line, default: []].append((token.span.column, token.span.endColumn, value))
        }
        for token in body.chooseTokens {
            edits[token.span.line, default: []].append((token.span.column, token.span.endColumn, ""))
        }
        let starts = [body.tokens.first, body.chooseTokens.first].compactMap { $0?.span }
        guard let first = starts.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) else { return "" }
        let file = first.file
        let lastLine = max(first.line, body.close.span.line)
        var lines: [String] = []
        for number in first.line...lastLine {
            let original = file.characters(ofLine: number)
            // Only the body: what follows the opening brace on its line, what precedes the closing one on its.
            let end = number == lastLine ? min(original.count, body.close.span.column - 1) : original.count
            let start = number == first.line ? min(end, first.column - 1) : 0
            var characters = original
            for (from, to, text) in (edits[number] ?? []).sorted(by: { $0.0 > $1.0 })
            where from - 1 >= start && to - 1 <= end {
                characters.replaceSubrange((from - 1)..<(to - 1), with: Array(text))
            }
            let shift = characters.count - original.count
            lines.append(String(characters[start..<(end + shift)]))
        }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }
}
