import SpriteKernel

/// Renders output items in the chosen format and hands the lines to the sink.
final class Reporter {
    let format: OutputFormat
    let sink: any OutputSink
    private let renderer: any Renderer

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
        let lines = renderer.render(item, context: context).map { (TerminalText.escape($0.0), $0.1) }
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
}
