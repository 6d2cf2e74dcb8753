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
        let recording = interpreter.recording ?? RunRecording()
        let run = RecordedRun(interpreter, scope: PictureScope())
        // A diagram with no message and no mark would be an empty frame: the page says so instead.
        let diagram = run.messages.isEmpty && run.marks.isEmpty ? nil
            : Picture(file: "diagram.svg", title: "Message sequence", svg: SequenceDiagram(run).svg)
        let timeline = Self.timeline(interpreter, recording: recording)
        let charts = Self.charts(interpreter)
        let page = ReportPage(interpreter: interpreter, transcript: transcript, script: script, status: status,
                              diagram: diagram, timeline: timeline, charts: charts)
        for picture in [diagram, timeline].compactMap({ $0 }) + charts {
            files.append((picture.file, picture.svg))
        }
        files.append(("results.json", transcript.jsonText))
        // Last, so that a page is never left pointing at files not yet written.
        files.append(("index.html", page.html))
    }

    /// The timeline, with the cache band of the file a stale read was of (else the first file read): where
    /// a stale read can be seen next to the write it missed. Nil when no CPU ran anything and no file was read.
    static func timeline(_ interpreter: Interpreter, recording: RunRecording) -> Picture? {
        let report = interpreter.semantics()
        let history = interpreter.simulation.fileHistory
        let chosen = report.reads.first { $0.unix != .fresh } ?? report.reads.first
        let file = chosen.flatMap { history.indices.contains($0.event) ? history[$0.event].file : nil }
            .map { interpreter.simulation.file($0).path }
        let model = TimelinePictureModel.make(interpreter, file: file, records: recording.cacheRecords)
        guard !model.chart.slices.isEmpty || !model.cacheBands.isEmpty || !model.faults.isEmpty else { return nil }
        return Picture(file: "timeline.svg", title: "Timeline", svg: TimelinePicture.svg(model))
    }

    /// Charts for each sweep (every field whose value changes from cell to cell, the first few) and for
    /// pmake's builds (speedup when a build has one, makespan).
    static func charts(_ interpreter: Interpreter) -> [Picture] {
        var pictures: [Picture] = []
        for name in interpreter.sweeps.keys.sorted() {
            guard let sweep = interpreter.sweeps[name] else { continue }
            let metrics = SweepMetric.all.indices.filter { index in
                Set(sweep.cells.map { $0.result.values[index] }).count > 1
            }
            for index in metrics.prefix(mostChartsPerSweep) {
                let field = SweepMetric.all[index].field
                guard let model = ChartAdapters.sweep(sweep, field: field) else { continue }
                pictures.append(Picture(file: "chart-\(fileName(name))-\(field).svg", title: model.title,
                                        svg: ChartPicture.svg(model)))
            }
        }
        let builds = interpreter.simulation.pmakeReports
        if builds.contains(where: { $0.speedup != nil }) {
            let model = ChartAdapters.pmakeSpeedup(builds)
            pictures.append(Picture(file: "chart-pmake-speedup.svg", title: model.title, svg: ChartPicture.svg(model)))
        }
        if builds.contains(where: { $0.makespan != nil }) {
            let model = ChartAdapters.pmakeMakespan(builds)
            pictures.append(Picture(file: "chart-pmake-makespan.svg", title: model.title,
                                    svg: ChartPicture.svg(model)))
        }
        return pictures
    }

    /// Charts drawn for one sweep at most: its table has every field.
    static let mostChartsPerSweep = 3

    /// A name as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
    static func fileName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
