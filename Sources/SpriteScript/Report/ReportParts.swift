import SpriteKernel

/// The parts of a script that `--report` shows one by one: each `reset` ends one (ReportPart keeps what the
/// page needs of it before the reset discards the run), and the end of the script ends the last.
final class ReportParts {
    private(set) var closed: [ReportPart] = []
    /// Picture events the closed parts kept: the recording's budget (`picture-events`) is shared by all parts.
    private(set) var pictureEventsKept = 0
    /// The part under way: its first line, its title when known, where its output begins.
    private var firstLine = 1
    private var heading: String?
    private var outputLine = 0
    /// The script's last line that is not empty, to end the last part with.
    private(set) var lastLine = 1

    /// Ends the part under way at the reset on `span`'s line.
    func close(_ interpreter: Interpreter, resetAt span: SourceSpan, transcript: ReportTranscript) {
        let lines = span.file.lines
        lastLine = lines.last == "" ? max(1, lines.count - 1) : lines.count
        let echo = transcript.lastEcho
        // An echo that was the part's first output titles it; one printed just before the reset titles the next.
        let echoTitlesNext = echo.map {
            $0.from < $0.to && $0.to == transcript.textLines.count && $0.from >= outputLine
        } ?? false
        let opening = transcript.openingEcho
        let own = heading ?? (echoTitlesNext && echo?.from == outputLine ? nil : opening)
        let begins = echoTitlesNext ? Self.echoLine(above: span.line, in: span.file) : span.line
        let part = ReportPart(interpreter, number: closed.count + 1, alone: false,
                              lines: firstLine...max(firstLine, begins - 1), heading: own, outputLine: outputLine)
        closed.append(part)
        pictureEventsKept += part.picturesKept
        firstLine = max(firstLine + 1, begins)
        heading = echoTitlesNext ? echo?.text : nil
        outputLine = echoTitlesNext ? echo?.from ?? transcript.textLines.count : transcript.textLines.count
        transcript.beginPart()
    }

    /// The line of the `echo` that titles the part a reset on `line` begins, found above it past blank lines
    /// and comments; `line` itself when the line above is anything else.
    static func echoLine(above line: Int, in file: SourceFile) -> Int {
        var above = line - 1
        while above >= 1 {
            let text = file.line(above).drop { $0 == " " || $0 == "\t" }
            if text.hasPrefix("echo ") || text.hasPrefix("echo\t") { return above }
            guard text.isEmpty || text.hasPrefix("#") else { return line }
            above -= 1
        }
        return line
    }

    /// Every part: the closed ones and the last, ended now.
    func all(_ interpreter: Interpreter, transcript: ReportTranscript) -> [ReportPart] {
        let own = heading ?? transcript.openingEcho
        return closed + [ReportPart(interpreter, number: closed.count + 1, alone: false,
                                    lines: firstLine...max(firstLine, lastLine), heading: own,
                                    outputLine: outputLine)]
    }
}

extension Interpreter {
    /// `reset` with `--report`: the part it ends is kept for the page.
    func closeReportPart(resetAt span: SourceSpan) {
        guard let transcript = reporter.transcript else { return }
        if reportParts == nil { reportParts = ReportParts() }
        reportParts?.close(self, resetAt: span, transcript: transcript)
    }
}
