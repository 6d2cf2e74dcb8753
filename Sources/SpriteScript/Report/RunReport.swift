import SpriteKernel

/// Everything `--report DIR` writes for one run, by file name: the pictures as SVG files, `results.json`
/// (the run's `--format json` output) and `index.html`, the one page that shows it all (ReportPage).
/// A pure function of the run: the same script and seed give the same bytes in every file.
struct RunReport {
    /// A picture on the page and in its own file beside it.
    struct Picture {
        var file: String
        var title: String
        var svg: String
    }

    private(set) var files: [(name: String, text: String)] = []

    init(_ interpreter: Interpreter, transcript: ReportTranscript, script: String, status: ExitStatus) {
        // No reset: one part, drawn as it always was; else each part as its reset left it, and the last now.
        let parts = interpreter.reportParts?.all(interpreter, transcript: transcript)
            ?? [ReportPart(interpreter, number: 1, alone: true, lines: 1...1, heading: nil, outputLine: 0)]
        let page = ReportPage(interpreter: interpreter, transcript: transcript, script: script, status: status,
                              parts: parts)
        for picture in parts.flatMap(\.pictures) {
            files.append((picture.file, picture.svg))
        }
        files.append(("results.json", transcript.jsonText))
        // Last, so that a page is never left pointing at files not yet written.
        files.append(("index.html", page.html))
    }

    /// The timeline, with the cache band of the file a stale read was of (else the first file read): where
    /// a stale read can be seen next to the write it missed. Nil when no CPU ran anything and no file was read.
    static func timeline(_ interpreter: Interpreter, recording: RunRecording, suffix: String = "") -> Picture? {
        let report = interpreter.semantics()
        let history = interpreter.simulation.fileHistory
        let chosen = report.reads.first { $0.unix != .fresh } ?? report.reads.first
        let file = chosen.flatMap { history.indices.contains($0.event) ? history[$0.event].file : nil }
            .map { interpreter.simulation.file($0).path }
        let model = TimelinePictureModel.make(interpreter, file: file, records: recording.cacheRecords)
        guard !model.chart.slices.isEmpty || !model.cacheBands.isEmpty || !model.faults.isEmpty else { return nil }
        return Picture(file: "timeline\(suffix).svg", title: "Timeline", svg: TimelinePicture.svg(model))
    }

    /// Charts for each sweep (every field whose value changes from cell to cell, the first few) and for
    /// pmake's builds (speedup when a build has one, makespan). `prefix` starts their names after `chart-`.
    static func charts(_ interpreter: Interpreter, prefix: String = "") -> [Picture] {
        var pictures: [Picture] = []
        for name in interpreter.sweeps.keys.sorted() {
            guard let sweep = interpreter.sweeps[name] else { continue }
            let metrics = SweepMetric.all.indices.filter { index in
                Set(sweep.cells.map { $0.result.values[index] }).count > 1
            }
            for index in metrics.prefix(mostChartsPerSweep) {
                let field = SweepMetric.all[index].field
                guard let model = ChartAdapters.sweep(sweep, field: field) else { continue }
                pictures.append(Picture(file: "chart-\(prefix)\(fileName(name))-\(field).svg", title: model.title,
                                        svg: ChartPicture.svg(model)))
            }
        }
        let builds = interpreter.simulation.pmakeReports
        if builds.contains(where: { $0.speedup != nil }) {
            let model = ChartAdapters.pmakeSpeedup(builds)
            pictures.append(Picture(file: "chart-\(prefix)pmake-speedup.svg", title: model.title,
                                    svg: ChartPicture.svg(model)))
        }
        if builds.contains(where: { $0.makespan != nil }) {
            let model = ChartAdapters.pmakeMakespan(builds)
            pictures.append(Picture(file: "chart-\(prefix)pmake-makespan.svg", title: model.title,
                                    svg: ChartPicture.svg(model)))
        }
        return uniqueFiles(pictures)
    }

    /// Each picture's file name made unique, in order: a name met before gets `-2`, `-3`… before `.svg`
    /// (`fileName` maps every other character to `_`, and sweep names and fields may hold `-`, so two charts
    /// can come to one name; neither may overwrite the other).
    static func uniqueFiles(_ pictures: [Picture]) -> [Picture] {
        var used: Set<String> = []
        return pictures.map { picture in
            var unique = picture
            let stem = picture.file.hasSuffix(".svg") ? String(picture.file.dropLast(4)) : picture.file
            var number = 1
            while used.contains(unique.file) {
                number += 1
                unique.file = "\(stem)-\(number).svg"
            }
            used.insert(unique.file)
            return unique
        }
    }

    /// Charts drawn for one sweep at most: its table has every field.
    static let mostChartsPerSweep = 3

    /// A name as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
    static func fileName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
