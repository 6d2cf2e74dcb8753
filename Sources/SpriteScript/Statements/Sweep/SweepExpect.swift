/// `expect NAME[CHOICE=VALUE, …].FIELD OP VALUE [within TOLERANCE]`: a check of one cell of a sweep.
enum SweepExpect {
    /// `NAME[` with the bracket against the name: a sweep's cell, not another subject.
    static func startsHere(_ parser: Parser) -> Bool {
        parser.peek.kind == .identifier && parser.peek(ahead: 1).isSymbol("[") && parser.peek(ahead: 1).touchesPrevious
    }

    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        let start = parser.peek.span
        let sweep = try parser.parseName("a sweep's name")
        parser.advance()
        var picks: [(choice: Name, value: SweepValue)] = []
        repeat {
            let choice = try parser.parseName("a choice's name, as in [policy=write-through]")
            guard parser.acceptSymbol("=") != nil else {
                throw parser.unexpected(expected: "'=' and the value, as in [\(choice.text)=VALUE]")
            }
            var tokens: [Token] = []
            var depth = 0
            while !(depth == 0 && (parser.peek.isSymbol(",") || parser.peek.isSymbol("]"))),
                  ![.newline, .end].contains(parser.peek.kind), !parser.peek.isSymbol(";") {
                if parser.peek.isSymbol("[") { depth += 1 }
                if parser.peek.isSymbol("]") { depth -= 1 }
                tokens.append(parser.advance())
            }
            guard !tokens.isEmpty else { throw parser.unexpected(expected: "the value of \(choice.text)") }
            picks.append((choice, SweepValue(tokens: tokens)))
        } while parser.acceptSymbol(",") != nil
        guard parser.acceptSymbol("]") != nil else { throw parser.unexpected(expected: "',' or ']'") }
        guard parser.acceptSymbol(".") != nil else {
            throw parser.unexpected(expected: "'.' and a field, as in \(sweep.text)[…].crash-losses")
        }
        parser.offer(SweepMetric.all.map(\.field))
        let field = try parser.parseName("a field (\(SweepMetric.all.map(\.field).joined(separator: " ")))")
        let opToken = parser.peek
        guard opToken.kind == .symbol, ExpectSyntax.operators.contains(opToken.text) else {
            throw parser.unexpected(expected: "a comparison (== != < <= > >=)")
        }
        parser.advance()
        let value = try number(&parser, "a number to compare with")
        var tolerance: (Quantity, SourceSpan)?
        if parser.accept("within") != nil { tolerance = try number(&parser, "a tolerance like 1ms or 5%") }
        let end = parser.peek(ahead: -1).span
        return SweepExpectStatement(
            span: keyword.span.through(end), sweep: sweep, picks: picks, field: field, op: opToken.text,
            value: value, tolerance: tolerance,
            condition: start.file.text(line: start.line, from: start.column, to: end.endColumn))
    }

    private static func number(_ parser: inout Parser, _ what: String) throws(Diagnostic) -> (Quantity, SourceSpan) {
        let token = parser.peek
        guard token.kind == .number else {
            throw parser.unexpected(expected: what, help: "a sweep's fields are numbers: write one with its unit")
        }
        parser.advance()
        var span = token.span
        let unit = token.unit.isEmpty ? parser.separateUnit(&span) : nil
        return (try Quantity.parse(token, unit: unit), span)
    }
}

struct SweepExpectStatement: Statement {
    let span: SourceSpan
    let sweep: Name
    let picks: [(choice: Name, value: SweepValue)]
    let field: Name
    let op: String
    let value: (Quantity, SourceSpan)
    let tolerance: (Quantity, SourceSpan)?
    let condition: String

    func check(_ checker: inout Checker) {
        guard checker.allowedOutsideSweep("expect", at: span) else { return }
        guard let shape = checker.symbols.sweeps[sweep.text] else {
            let names = Array(checker.symbols.sweeps.keys)
            checker.error("unknown sweep '\(sweep.text)'\(checker.suggestion(for: sweep.text, among: names))",
                          at: sweep.span,
                          help: names.isEmpty ? "run a sweep before checking it: sweep \(sweep.text) { choose … }"
                            : checker.declared("sweeps", names))
            return
        }
        _ = values(in: shape, &checker)
        guard let metric = SweepMetric.named(field.text) else {
            let fields = SweepMetric.all.map(\.field)
            checker.error("a sweep has no field '\(field.text)'\(Suggestions.didYouMean(field.text, among: fields))",
                          at: field.span, help: "fields: " + fields.joined(separator: " "))
            return
        }
        let (quantity, valueSpan) = value
        if quantity.dimension != metric.dimension {
            let found = quantity.dimension == .count ? "a plain number" : "a \(quantity.dimension.noun)"
            checker.error("\(field.text) is \(metric.dimension.example); found \(found)", at: valueSpan,
                          help: "units: " + Quantity.unitNames(for: metric.dimension).joined(separator: " "))
        }
        if let (tol, tolSpan) = tolerance, tol.dimension != metric.dimension, tol.dimension != .percent {
            checker.error("the tolerance must be \(metric.dimension.example) or a percentage", at: tolSpan,
                          help: "for example: within 5%")
        }
    }

    /// The cell's values in the choices' order, or nil after reporting what is wrong.
    private func values(in shape: SweepShape, _ checker: inout Checker) -> [String]? {
        var chosen: [String: String] = [:]
        var ok = true
        let names = shape.choices.map(\.name)
        for (choice, value) in picks {
            guard let index = names.firstIndex(of: choice.text) else {
                checker.error("sweep '\(shape.name)' has no choice '\(choice.text)'"
                              + Suggestions.didYouMean(choice.text, among: names), at: choice.span,
                              help: "its choices: " + names.joined(separator: ", "))
                ok = false
                continue
            }
            if chosen[choice.text] != nil {
                checker.error("choice '\(choice.text)' is given twice", at: choice.span,
                              help: "give each choice one value")
                ok = false
            }
            let values = shape.choices[index].values
            if !values.contains(value.text) {
                checker.error("choice '\(choice.text)' has no value '\(value.text)'"
                              + Suggestions.didYouMean(value.text, among: values), at: value.span,
                              help: "values of \(choice.text): " + values.joined(separator: ", "))
                ok = false
            }
            chosen[choice.text] = value.text
        }
        let missing = names.filter { chosen[$0] == nil }
        if ok && !missing.isEmpty {
            let example = missing.map { name in
                "\(name)=\(shape.choices.first { $0.name == name }?.values.first ?? "VALUE")"
            }
            checker.error("the cell is not named: give a value for \(missing.joined(separator: ", ")) too",
                          at: sweep.span.through(picks.last?.value.span ?? sweep.span),
                          help: "name one value of every choice, as in [" + example.joined(separator: ", ") + "]")
            ok = false
        }
        return ok ? names.compactMap { chosen[$0] } : nil
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        guard let result = interpreter.sweeps[sweep.text], let metric = SweepMetric.named(field.text),
              let index = SweepMetric.all.firstIndex(where: { $0.field == metric.field }) else {
            throw Diagnostic(.runtime, "sweep '\(sweep.text)' has not run", at: sweep.span,
                             help: "check a sweep after it runs")
        }
        let wanted = result.shape.choices.map { choice in picks.first { $0.choice.text == choice.name }?.value.text }
        if result.cell(wanted.compactMap { $0 }) == nil, result.shard != .whole {
            return SweepShardNote.skip(self, cell: wanted.compactMap { $0 }, of: result, interpreter)
        }
        guard let cell = result.cell(wanted.compactMap { $0 }) else {
            throw Diagnostic(.runtime, "sweep '\(sweep.text)' has no such cell", at: span)
        }
        let actual = cell.values[index]
        let (quantity, _) = value
        let target = quantity.dimension == .count ? quantity.real : Double(quantity.integer)
        // A field the cell had nothing of fails, as `expect avg.turnaround` does before a process finishes.
        let passed = actual.map { compare(metric.real($0), target) } ?? false
        var outcome = ExpectationResult(passed: passed, condition: condition,
                                        actual: actual.map { metric.display($0) } ?? metric.unmeasured,
                                        time: interpreter.simulation.now, span: span)
        outcome.actualValue = actual.map { metric.millionths ? .double(metric.real($0)) : .int($0) } ?? .null
        outcome.expectedValue = quantity.isWhole || quantity.dimension != .count ? .int(quantity.integer)
            : .double(quantity.real)
        outcome.unit = ExpectStatement.unitName(metric.dimension)
        interpreter.recordExpectation(outcome)
        if !passed && interpreter.options.bail {
            throw Diagnostic(.expectationBail, "expect failed; stopping (--bail)", at: span)
        }
    }

    private func compare(_ x: Double, _ target: Double) -> Bool {
        ExpectComparison.holds(x, op, target, within: tolerance?.0)
    }
}
