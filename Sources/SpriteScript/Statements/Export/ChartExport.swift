import SpriteKernel

/// Chart: `export chart "FILE.svg" from SWEEP field FIELD [x CHOICE]`, a sweep's field against one of its
/// choices; or `export chart "FILE.svg" from pmake [BUILD, …] [makespan]`, pmake's speedup (or makespan)
/// against hosts over the builds named (every build when none is).
struct ChartExport: PictureExport {
    /// The word after `from` that names pmake's builds; no sweep may take it (SweepStatement.check).
    static let pmakeSource = "pmake"

    static let kind = PictureExportKind(
        word: "chart", extensions: [".svg"],
        usage: "export chart \"FILE.svg\" from SWEEP field FIELD [x CHOICE] | from pmake [BUILD, …] [makespan]",
        // Drawn from sweeps' tables and pmake's reports, which every run keeps: no recording.
        needsRecording: false
    ) { (parser: inout Parser) throws(Diagnostic) -> any PictureExport in
        guard parser.accept("from") != nil else {
            throw parser.unexpected(expected: "'from' and a sweep's name, or 'from pmake'")
        }
        if let pmake = parser.accept(ChartExport.pmakeSource) {
            var builds: [Name] = []
            if parser.peek.kind == .identifier, parser.peek.text != "makespan" {
                builds = try parser.parseNameList("a build's name")
            }
            return ChartExport(source: .pmake(builds: builds, makespan: parser.accept("makespan") != nil,
                                              at: pmake.span))
        }
        let sweep = try parser.parseName("a sweep's name, or 'pmake'")
        guard parser.accept("field") != nil else {
            throw parser.unexpected(expected: "'field' and what to draw, as in field mean-response")
        }
        parser.offer(SweepMetric.all.map(\.field))
        let field = try parser.parseName("a field (\(SweepMetric.all.map(\.field).joined(separator: " ")))")
        let choice = parser.accept("x") != nil ? try parser.parseName("the choice along the x axis") : nil
        return ChartExport(source: .sweep(sweep, field: field, x: choice))
    }

    enum Source {
        case sweep(Name, field: Name, x: Name?)
        case pmake(builds: [Name], makespan: Bool, at: SourceSpan)
    }

    let source: Source

    func check(_ checker: inout Checker) {
        switch source {
        case .pmake(let builds, _, _):
            for build in builds { ShowPmake.check(build, &checker) }
        case .sweep(let sweep, let field, let x):
            guard let shape = checker.symbols.sweeps[sweep.text] else { return ShowSweep.check(sweep, &checker) }
            if SweepMetric.named(field.text) == nil {
                let fields = SweepMetric.all.map(\.field)
                checker.error("a sweep has no field '\(field.text)'"
                              + Suggestions.didYouMean(field.text, among: fields), at: field.span,
                              help: "fields: " + fields.joined(separator: " "))
            }
            let names = shape.choices.map(\.name)
            if let x, !names.contains(x.text) {
                checker.error("sweep '\(sweep.text)' has no choice '\(x.text)'"
                              + Suggestions.didYouMean(x.text, among: names), at: x.span,
                              help: "its choices: " + names.joined(separator: ", "))
            }
        }
    }

    /// A run of one shard (`run --shard I/N`) holds only some of a sweep's cells: a chart of them would look
    /// whole while missing points, and each shard would write the same file. No file, and a note, as for an
    /// expect whose cell another shard runs.
    func skipped(_ interpreter: Interpreter) -> (message: String, help: String)? {
        guard case .sweep(let sweep, _, _) = source, let result = interpreter.sweeps[sweep.text],
              result.shard != .whole else { return nil }
        return ("chart not exported: this run is shard \(result.shard) and holds \(result.cells.count) of the "
                    + "\(result.shape.cellCount) cells of sweep '\(sweep.text)'",
                "run the script without --shard to draw the whole sweep")
    }

    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String) {
        let model: ChartModel
        switch source {
        case .pmake(let builds, let makespan, let span):
            let chosen = Set(builds.map(\.text))
            let reports = interpreter.simulation.pmakeReports.filter { chosen.isEmpty || chosen.contains($0.name) }
            model = makespan ? ChartAdapters.pmakeMakespan(reports) : ChartAdapters.pmakeSpeedup(reports)
            // As for a sweep not run yet: an error, not an empty chart on a made-up axis.
            if model.series.allSatisfy({ $0.points.isEmpty }) {
                throw Self.nothingToDraw(reports, makespan, at: span)
            }
        case .sweep(let sweep, let field, let x):
            guard let result = interpreter.sweeps[sweep.text] else {
                throw Diagnostic(.runtime, "sweep '\(sweep.text)' has not run", at: sweep.span,
                                 help: "export its chart after the sweep")
            }
            guard let chart = ChartAdapters.sweep(result, field: field.text, x: x?.text) else {
                throw Diagnostic(.runtime, "sweep '\(sweep.text)' has no choice to draw against", at: sweep.span,
                                 help: "a chart needs a sweep with at least one choice")
            }
            if chart.series.allSatisfy({ $0.points.isEmpty }), let metric = SweepMetric.named(field.text),
               !result.cells.isEmpty {
                throw Diagnostic(.runtime, "no cell of sweep '\(sweep.text)' measured \(field.text): "
                                 + metric.unmeasured, at: field.span,
                                 help: "draw a field its cells have (show sweep \(sweep.text) lists them)")
            }
            model = chart
        }
        let points = model.series.reduce(0) { $0 + $1.points.count }
        return (ChartPicture.svg(model), model.title + ": " + Plural.of(model.series.count, "series",
                                                                         plural: "series")
                    + ", " + Plural.of(points, "point"))
    }

    /// Why pmake's chart has no point: no build ran, none finished, or none has a `hosts 1` build to be
    /// a speedup over.
    private static func nothingToDraw(_ reports: [PmakeReport], _ makespan: Bool, at: SourceSpan) -> Diagnostic {
        if reports.isEmpty {
            return Diagnostic(.runtime, "no pmake build has run", at: at,
                              help: "export pmake's chart after a 'pmake' build and 'run'")
        }
        if makespan || !reports.contains(where: { $0.makespan != nil }) {
            return Diagnostic(.runtime, "no pmake build has finished", at: at,
                              help: "export pmake's chart after 'run' has finished a build")
        }
        return Diagnostic(.runtime, "no pmake build has a speedup: none is over a finished build on 1 host", at: at,
                          help: "build once with 'hosts 1' as the baseline, or draw 'makespan' instead")
    }
}
