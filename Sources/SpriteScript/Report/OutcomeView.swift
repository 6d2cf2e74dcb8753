import SpriteKernel

/// The outcome view: every read with its verdict under each sharing model and the checker's reason, each
/// stale read linked to its mark on the message diagram (`#read-N`) and to the write it missed (`#write-N`).
///
/// The anchors number reads and writes from 1 in the order the semantics checker judges them: read N is
/// `semantics().reads[N - 1]`; write N is the N-th write (appends included) of the file history by start
/// time, then event id: the diagram's own numbering (`OutcomeAnchors.writeEvents`).
struct OutcomeView {
    /// Reads listed at most; `show outcomes` has them all.
    static let mostRows = 5_000

    let interpreter: Interpreter
    /// The diagram is on the page: links into it lead somewhere.
    let diagramDrawn: Bool
    /// What this part's ids start with in the page (ReportPart): none when the script has one part.
    var idPrefix = ""

    /// The 1-based write number of each history event that is a write, by its event id.
    static func writeNumbers(_ history: [FileEvent]) -> [Int: Int] {
        var numbers: [Int: Int] = [:]
        for (index, event) in OutcomeAnchors.writeEvents(history).enumerated() { numbers[event.id] = index + 1 }
        return numbers
    }

    var html: String {
        let report = interpreter.semantics()
        guard !report.reads.isEmpty else {
            return "<p class=\"empty\">The run read no file: there is no verdict to show.</p>\n"
        }
        let history = interpreter.simulation.fileHistory
        let writes = Self.writeNumbers(history)
        var html = diagramDrawn ? "" : "<p class=\"note\">The run sent no message, so there is no diagram: "
            + "the reads and writes are not linked to one.</p>\n"
        html += notFresh(report)
        html += "<div class=\"table-scroll outcome-scroll\">\n<table class=\"report-table outcome-table\">\n"
        html += "<caption>\(ReportMarkup.escape(caption(report)))</caption>\n<thead><tr>"
        html += ["read", "time", "client", "file", "returned", "UNIX", "session", "immutable", "transaction"]
            .map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (index, verdict) in report.reads.prefix(Self.mostRows).enumerated() {
            guard history.indices.contains(verdict.event) else { continue }
            html += row(number: index + 1, verdict, history[verdict.event], writes: writes)
        }
        html += "</tbody>\n</table>\n</div>\n"
        if report.reads.count > Self.mostRows {
            html += "<p class=\"note\">The first \(Self.mostRows) of \(report.reads.count) reads are listed; "
                + "<code>show outcomes</code> lists them all.</p>\n"
        }
        return html
    }

    /// The reads listed at most in the line that leads to the ones not fresh.
    static let mostNamed = 50

    /// "Not fresh: 3, 11": links to the rows worth reading first in a long table.
    private func notFresh(_ report: SemanticsReport) -> String {
        let numbers = report.reads.prefix(Self.mostRows).enumerated().filter { _, verdict in
            SharingModel.allCases.contains { verdict.judgement($0) != .fresh }
        }.map { $0.offset + 1 }
        guard !numbers.isEmpty else { return "<p class=\"facts\">Every read is fresh under every model.</p>\n" }
        let links = numbers.prefix(Self.mostNamed).map {
            ReportMarkup.link("#\(idPrefix)verdict-\($0)", "\($0)")
        }
        let more = numbers.count > Self.mostNamed ? " and \(numbers.count - Self.mostNamed) more" : ""
        return "<p class=\"facts\">Reads not fresh under some model: " + links.joined(separator: ", ") + more
            + ".</p>\n"
    }

    private func caption(_ report: SemanticsReport) -> String {
        let counts = SharingModel.allCases.map { model in
            "\(report.reads.filter { $0.judgement(model) != .fresh }.count) \(model.rawValue)"
        }
        return Plural.of(report.reads.count, "read") + "; not fresh: " + counts.joined(separator: ", ")
            + "; " + Plural.of(report.lostUpdates.count, "lost update")
    }

    private func row(number: Int, _ verdict: ReadVerdict, _ event: FileEvent, writes: [Int: Int]) -> String {
        let c = interpreter.context
        let returned: String
        if case .read(let content) = event.kind { returned = FileEventWords.content(content, c) } else { returned = "" }
        let stale = verdict.unix != .fresh
        // Only a read stale under UNIX semantics has a mark on the diagram to link to.
        let name = diagramDrawn && stale
            ? ReportMarkup.link("#\(idPrefix)read-\(number)", "\(number)", class: "read-link") : "\(number)"
        var html = "<tr id=\"\(idPrefix)verdict-\(number)\"\(stale ? " class=\"stale-row\"" : "")><td>\(name)</td>"
        html += "<td>\(ReportMarkup.escape(event.start.description))</td>"
        html += "<td>\(ReportMarkup.escape(FileEventWords.actor(event, c)))</td>"
        html += "<td>\(ReportMarkup.escape(interpreter.simulation.file(event.file).path))</td>"
        html += "<td>\(ReportMarkup.escape(returned))</td>"
        for model in SharingModel.allCases { html += cell(verdict.judgement(model), writes: writes) }
        return html + "</tr>\n"
    }

    /// The verdict's word and the checker's reason, the write it names linked.
    private func cell(_ judgement: Judgement, writes: [Int: Int]) -> String {
        let c = interpreter.context
        let word = ReportMarkup.escape(FileSystemTables.judgementWord(judgement))
        let reason: String
        switch judgement {
        case .fresh:
            return "<td class=\"verdict fresh\">\(word)</td>"
        case .stale(let expected, let by):
            reason = "missed " + write(by, writes: writes) + ", which made it "
                + ReportMarkup.escape(FileEventWords.content(expected, c))
        case .modifiedWhileShared(let by):
            reason = "the shared file was modified by " + write(by, writes: writes)
        case .notSerializable(let session):
            reason = ReportMarkup.escape("its session is in a cycle of conflicting sessions with session \(session)")
        }
        return "<td class=\"verdict not-fresh\"><b>\(word)</b><br/><span class=\"reason\">\(reason)</span></td>"
    }

    /// "jack's write at 2s", linked to its mark on the diagram.
    private func write(_ event: Int?, writes: [Int: Int]) -> String {
        let words = FileEventWords.write(event, interpreter.context)
        guard diagramDrawn, let event, let number = writes[event] else { return ReportMarkup.escape(words) }
        return ReportMarkup.link("#\(idPrefix)write-\(number)", words, class: "write-link")
    }
}
