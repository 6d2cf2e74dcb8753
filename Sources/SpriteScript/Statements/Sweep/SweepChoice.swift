/// One `choose NAME v1, v2, …` line of a sweep: a name and its values, each
/// value the tokens written between the commas.
struct SweepChoice: Sendable {
    let name: Name
    let values: [SweepValue]
    /// The whole `choose …` statement, for errors about the line itself.
    let span: SourceSpan
}

/// One value of a choice: the tokens that replace `$NAME`, and how it reads. A value written
/// `LABEL = WORDS` (`0.7 = 1429ms`) is named by its label and replaced by the words after `=`: a table,
/// an `expect` and a chart's axis read the label (a load), the cell runs the words (the arrival gap).
struct SweepValue: Sendable {
    let tokens: [Token]
    /// The tokens as written (the label's, when it has one), one space where the source had space between
    /// them: a table heading, the value `expect NAME[choice=VALUE]` names.
    let text: String
    /// What replaces `$NAME` in a cell's script: `text`, or the words after a label's `=`.
    let replacement: String
    let span: SourceSpan

    init(tokens: [Token]) { self.init(label: tokens, tokens: tokens) }

    init(label: [Token], tokens: [Token]) {
        self.tokens = tokens
        self.text = SweepValue.text(of: label)
        self.replacement = SweepValue.text(of: tokens)
        let first = label[0].span
        self.span = first.through(label[label.count - 1].span)
    }

    /// Tokens as the source wrote them, joined by one space where whitespace separated them.
    static func text(of tokens: [Token]) -> String {
        var text = ""
        for (index, token) in tokens.enumerated() {
            if index > 0 && !token.touchesPrevious { text += " " }
            let span = token.span
            text += span.file.text(line: span.line, from: span.column, to: span.endColumn)
        }
        return text
    }
}

/// What the checker knows of a sweep before it runs: its choices and their values, in order.
struct SweepShape: Sendable {
    let name: String
    let choices: [(name: String, values: [String])]

    /// `policy × consistency`.
    var dimensions: String { choices.map(\.name).joined(separator: " × ") }

    var cellCount: Int { choices.reduce(1) { $0 * $1.values.count } }

    /// The place (from 0) in the sweep's order of the cell with these values, one per choice; nil if they
    /// are not one of the choices' combinations.
    func position(of values: [String]) -> Int? {
        guard values.count == choices.count else { return nil }
        var position = 0
        for (choice, value) in zip(choices, values) {
            guard let index = choice.values.firstIndex(of: value) else { return nil }
            position = position * choice.values.count + index
        }
        return position
    }
}

/// A sweep's cells: every combination of one value per choice, in declaration order, the first
/// choice varying slowest, so cell 1 takes every first value.
enum SweepCells {
    /// The value indices of cell `index` (0-based), one per choice.
    static func combination(_ index: Int, counts: [Int]) -> [Int] {
        var rest = index
        var picks = Array(repeating: 0, count: counts.count)
        for position in counts.indices.reversed() {
            picks[position] = rest % counts[position]
            rest /= counts[position]
        }
        return picks
    }

    /// The product of the counts, or nil past `limit` (checked before anything is multiplied out).
    static func count(_ counts: [Int], limit: Int) -> Int? {
        var total = 1
        for count in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: count)
            guard !overflow, product <= limit else { return nil }
            total = product
        }
        return total
    }

    /// `policy=write-through, consistency=sprite`: how errors and notes name a cell.
    static func label(_ names: [String], _ values: [String]) -> String {
        zip(names, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
