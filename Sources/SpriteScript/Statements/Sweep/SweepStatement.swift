/// A sweep as parsed: checked cell by cell before anything runs, then run through a `SweepCellRunner`.
struct SweepStatement: Statement {
    let span: SourceSpan
    let name: Name
    let body: SweepBody

    var shape: SweepShape {
        SweepShape(name: name.text, choices: body.choices.map { ($0.name.text, $0.values.map(\.text)) })
    }

    private var counts: [Int] { body.choices.map(\.values.count) }

    func check(_ checker: inout Checker) {
        guard checker.requireTopLevel("sweep", at: span), checker.allowedOutsideSweep("sweep", at: span) else {
            return
        }
        if name.text == ChartExport.pmakeSource {
            // `export chart … from pmake` draws pmake's builds: a sweep of that name could not be drawn.
            checker.error("a sweep cannot be named '\(name.text)': 'export chart … from pmake' means pmake's builds",
                          at: name.span, help: "give the sweep another name, such as \(name.text)-sweep")
        }
        if checker.symbols.sweeps[name.text] != nil {
            checker.error("sweep '\(name.text)' is already declared", at: name.span,
                          help: "give this sweep another name, or 'reset' to forget the first")
            return
        }
        // Declared even when its body is wrong, so that the expects after it are checked on their own.
        checker.symbols.sweeps[name.text] = shape
        let substitution = SweepSubstitution(body: body)
        let problems = substitution.unknownPlaceholders() + substitution.unusedChoices()
        for problem in problems { checker.report(problem) }
        guard problems.isEmpty else { return }
        guard let cellCount = SweepCells.count(counts, limit: Limits.sweepCells) else {
            let product = counts.map(String.init).joined(separator: " × ")
            checker.error("sweep '\(name.text)' has more than \(Limits.sweepCells) cells (\(product))",
                          at: name.span, help: "a sweep runs at most \(Limits.sweepCells) combinations: "
                            + "drop some values, or split it into several sweeps")
            return
        }
        checkCells(cellCount, substitution, &checker)
    }

    /// Every cell parsed and checked as a script of its own. An error found in every cell is reported
    /// once; one found in some names the first cell it was found in.
    private func checkCells(_ cellCount: Int, _ substitution: SweepSubstitution, _ checker: inout Checker) {
        var found: [(diagnostic: Diagnostic, cell: Int, cells: Int)] = []
        var index: [String: Int] = [:]
        var checked = 0
        for cell in 0..<cellCount {
            guard checker.withinWallTime(at: span) else { return }
            let picks = SweepCells.combination(cell, counts: counts)
            var diagnostics: [Diagnostic] = []
            do {
                let statements = try Parser.parse(tokens: substitution.tokens(picks: picks), meter: checker.meter)
                var cellChecker = Checker(symbols: SymbolTable(), loader: checker.loader, loaded: checker.loaded)
                cellChecker.meter = checker.meter
                cellChecker.limits = checker.limits
                cellChecker.insideSweepCell = true
                cellChecker.check(statements)
                diagnostics = cellChecker.diagnostics
            } catch {
                diagnostics = [error.category == .incomplete ? Self.unclosed(error) : error]
            }
            checked += 1
            for diagnostic in diagnostics {
                let key = Self.key(diagnostic)
                if let at = index[key] { found[at].cells += 1; continue }
                index[key] = found.count
                found.append((diagnostic, cell, 1))
            }
            // The statements limit stops every later cell as it stopped this one.
            if diagnostics.contains(where: { $0.category == .limit }) { break }
        }
        // In the order of the script, as a check reports: the cells found them in cell order.
        let file = span.file.name
        let ordered = found.enumerated().sorted { a, b in
            Self.order(a.element.diagnostic, file, a.offset) < Self.order(b.element.diagnostic, file, b.offset)
        }
        for (_, (diagnostic, cell, cells)) in ordered {
            var reported = diagnostic
            if cells < checked {
                let values = zip(body.choices, SweepCells.combination(cell, counts: counts))
                    .map { "\($0.name.text)=\($0.values[$1].text)" }.joined(separator: ", ")
                reported.message += cells == 1 ? " (in the sweep's cell \(values))"
                    : " (in \(cells) of the sweep's \(checked) cells, the first \(values))"
            }
            checker.report(reported)
        }
    }

    /// A cell cut short inside a block: an error at the sweep, not a request for more input.
    private static func unclosed(_ error: Diagnostic) -> Diagnostic {
        var closed = error
        closed.category = .syntax
        return closed
    }

    /// Errors in the sweep's own file by place, then the others (in loaded files) as found.
    private static func order(_ diagnostic: Diagnostic, _ file: String, _ found: Int) -> (Int, Int, Int, Int) {
        guard let at = diagnostic.span, at.file.name == file else { return (1, 0, 0, found) }
        return (0, at.line, at.column, found)
    }

    private static func key(_ diagnostic: Diagnostic) -> String {
        let at = diagnostic.span.map { "\($0.file.name):\($0.line):\($0.column)" } ?? ""
        return at + " " + diagnostic.message
    }

    /// The cells, parsed again as the check parsed them (without counting them again).
    func cells() throws(Diagnostic) -> [SweepCell] {
        let substitution = SweepSubstitution(body: body)
        let cellCount = SweepCells.count(counts, limit: Limits.sweepCells) ?? 0
        var cells: [SweepCell] = []
        for index in 0..<cellCount {
            let picks = SweepCells.combination(index, counts: counts)
            let values = zip(body.choices, picks).map { $0.values[$1].text }
            cells.append(SweepCell(
                index: index, values: values, label: SweepCells.label(body.choices.map(\.name.text), values),
                statements: try Parser.parse(tokens: substitution.tokens(picks: picks), meter: nil),
                script: substitution.script(picks: picks), end: body.close.span))
        }
        return cells
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        let everyCell = try cells()
        let options = interpreter.options
        // Cells are in the sweep's order, the order of their choice tuples: dealt round robin like tests.
        let cells = options.sweepShard.select(everyCell)
        let runner: any SweepCellRunner = if let launcher = options.sweepLauncher, options.sweepJobs > 1 {
            ChildProcessSweepRunner(launcher: launcher, jobs: options.sweepJobs)
        } else {
            InProcessSweepRunner()
        }
        let results = try runner.run(cells, for: interpreter)
        let result = SweepResult(shape: shape, seed: interpreter.simulation.seed,
                                 cells: zip(cells, results).map { ($0.values, $1) }, shard: options.sweepShard)
        interpreter.sweeps[name.text] = result
        interpreter.emit(.table(SweepTable.table(result, width: interpreter.options.width)))
    }
}

/// A sweep that has run: every cell's values and what it measured.
struct SweepResult: Sendable {
    let shape: SweepShape
    let seed: UInt64
    /// The cells that ran: every cell of the sweep, or with `--shard I/N` this shard's, in the sweep's order.
    let cells: [(values: [String], result: SweepCellResult)]
    /// The slice of the cells that ran (1/1: all of them).
    var shard = Shard.whole

    /// The cell with these values (one per choice, in the choices' order), if it ran.
    func cell(_ values: [String]) -> SweepCellResult? {
        cells.first { $0.values == values }?.result
    }

    /// The shard that runs the cell with these values (checked to be one of the sweep's).
    func shard(of values: [String]) -> Shard { Shard.of(shape.position(of: values) ?? 0, count: shard.count) }
}
