import SpriteKernel

/// What the report shows of one part of a script: the run between two resets (or the start or the end). Kept
/// when the part ends, before a reset discards its simulation, as the pieces of the page it becomes: small
/// (text bounded by the output and picture limits), never the simulation itself.
///
/// A script with no reset has one part, drawn with plain ids and file names, as a report always was. With
/// several, part N's ids in the page start `pN-` (the diagram's `read-3` becomes `p2-read-3`, and the verdict
/// table links to that) and its files end `-N` (`diagram-2.svg`), whose own ids stay plain.
struct ReportPart {
    var number: Int
    /// The script lines it spans: from its reset (or line 1) to the line before the next reset (or the end).
    var firstLine: Int
    var lastLine: Int
    /// An echo printed right before its reset or as its first output, when there is one.
    var heading: String?
    /// Where its output begins in the transcript's text lines.
    var outputLine: Int
    /// Simulated time when it ended.
    var endedAt: SimTime
    var reads: Int
    /// Reads not fresh under each sharing model, in `SharingModel.allCases` order.
    var notFresh: [Int]
    var lostUpdates: Int
    var outcomes: String
    var diagram: RunReport.Picture?
    var timeline: RunReport.Picture?
    var statistics: String
    var charts: [RunReport.Picture]
    /// Picture events its recording kept and left out (`picture-events`, shared by all parts).
    var picturesKept: Int
    var picturesOmitted: Int

    /// The prefix of its ids in the page: none when the script has one part.
    let idPrefix: String
    /// What its file names end with before `.svg`.
    let fileSuffix: String

    /// Where the part ends: its pieces drawn from the interpreter's run as it stands. `alone`: the script has
    /// no other part.
    init(_ interpreter: Interpreter, number: Int, alone: Bool, lines: ClosedRange<Int>, heading: String?,
         outputLine: Int) {
        self.number = number
        firstLine = lines.lowerBound
        lastLine = lines.upperBound
        self.heading = heading
        self.outputLine = outputLine
        idPrefix = alone ? "" : "p\(number)-"
        fileSuffix = alone ? "" : "-\(number)"
        let s = interpreter.simulation
        endedAt = s.now
        let report = interpreter.semantics()
        reads = report.reads.count
        notFresh = SharingModel.allCases.map { model in report.reads.filter { $0.judgement(model) != .fresh }.count }
        lostUpdates = report.lostUpdates.count
        let recording = interpreter.recording ?? RunRecording()
        picturesKept = recording.count + recording.cacheRecords.count + recording.diskRequests.count
        picturesOmitted = recording.omitted + recording.cacheRecordsOmitted + recording.diskRequestsOmitted
        let run = RecordedRun(interpreter, scope: PictureScope())
        // A diagram with no message and no mark would be an empty frame: the page says so instead, unless the
        // picture budget left them out (the picture says how many).
        diagram = run.messages.isEmpty && run.marks.isEmpty && recording.omitted == 0 ? nil
            : RunReport.Picture(file: "diagram\(fileSuffix).svg", title: "Message sequence",
                                svg: SequenceDiagram(run).svg)
        timeline = RunReport.timeline(interpreter, recording: recording, suffix: fileSuffix)
        charts = RunReport.charts(interpreter, prefix: alone ? "" : "\(number)-")
        outcomes = OutcomeView(interpreter: interpreter, diagramDrawn: diagram != nil, idPrefix: idPrefix).html
        statistics = Self.statistics(interpreter)
    }

    /// `show stats`, each sweep's table and each pmake build's.
    private static func statistics(_ interpreter: Interpreter) -> String {
        let s = interpreter.simulation
        var html = ReportMarkup.table(ShowStatement.stats(s))
        for name in interpreter.sweeps.keys.sorted() {
            guard let sweep = interpreter.sweeps[name] else { continue }
            html += ReportMarkup.table(SweepTable.table(sweep, width: 0))
        }
        for build in s.pmakeReports { html += ReportMarkup.table(ShowPmake.table(build, s)) }
        return html
    }

    /// Its pictures, each in the page and in its own file.
    var pictures: [RunReport.Picture] { [diagram, timeline].compactMap { $0 } + charts }

    /// "Part 2 · lines 28–52 · === Sprite ===".
    var title: String {
        "Part \(number) · " + (firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)")
            + (heading.map { " · " + $0 } ?? "")
    }

    /// "4 reads; not fresh: 1 unix, …; 1 lost update".
    var verdictSummary: String {
        let counts = zip(SharingModel.allCases, notFresh).map { "\($1) \($0.rawValue)" }
        return Plural.of(reads, "read") + "; not fresh: " + counts.joined(separator: ", ") + "; "
            + Plural.of(lostUpdates, "lost update")
    }
}
