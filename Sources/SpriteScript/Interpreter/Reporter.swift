import SpriteKernel

/// Renders output items in the chosen format and hands the lines to the sink.
final class Reporter {
    let format: OutputFormat
    let sink: any OutputSink
    private let renderer: any Renderer
    /// Lines written so far, and the most the output limit allows: lines past
    /// it are dropped, and the interpreter stops the run at its next check.
    /// A line longer than `lineBytes` counts once per `lineBytes`, so the
    /// limit bounds bytes too (an echo of a megabyte is not one line's worth).
    private(set) var linesWritten = 0
    static let lineBytes = 1024
    var outputLimit = Int.max
    /// `--report`: the output kept in both formats for the report's page and results.json.
    var transcript: ReportTranscript?

    init(format: OutputFormat, sink: any OutputSink, width: Int) {
        self.format = format
        self.sink = sink
        switch format {
        case .text: renderer = TextRenderer(width: width)
        case .json: renderer = JSONRenderer()
        }
    }

    /// The one place every rendered line passes: each has its control
    /// characters escaped (TerminalText), so nothing a script wrote reaches
    /// the terminal raw and no line can pass for another (JSON lines are
    /// already escaped). Renderers split multi-line items into lines first.
    func emit(_ item: OutputItem, context: RenderContext) {
        transcript?.record(text: item, json: item, context: context, limit: outputLimit, exempt: Self.exempt(item))
        write(item, context: context)
    }

    /// Text laid out for a width (a help page): text output fits it to `width`, JSON carries it unbroken.
    func emit(laidOut make: (Int) -> String, width: Int, context: RenderContext) {
        let fitted = OutputItem.text(make(width)), unbroken = OutputItem.text(make(0))
        transcript?.record(text: fitted, json: unbroken, context: context, limit: outputLimit, exempt: false)
        write(format == .text ? fitted : unbroken, context: context)
    }

    private func write(_ item: OutputItem, context: RenderContext) {
        let exempt = Self.exempt(item)
        var lines: [(String, OutputChannel)] = []
        for (line, stream) in renderer.render(item, context: context) {
            linesWritten += max(1, (line.utf8.count + Self.lineBytes - 1) / Self.lineBytes)
            if linesWritten <= outputLimit || exempt { lines.append((TerminalText.escape(line), stream)) }
        }
        guard case .diagnostic = item else {
            for (line, stream) in lines { sink.write(line, to: stream) }
            return
        }
        // A diagnostic stays one write (message, source line, caret, help), as sinks count them.
        for stream in [OutputChannel.output, .error] {
            let text = lines.filter { $0.1 == stream }.map(\.0)
            if !text.isEmpty { sink.write(text.joined(separator: "\n"), to: stream) }
        }
    }

    /// The error that reports a limit, and the summary, are printed even past the output limit.
    private static func exempt(_ item: OutputItem) -> Bool {
        switch item {
        case .diagnostic(let diagnostic): diagnostic.category == .limit
        case .summary: true
        default: false
        }
    }
}
