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

    func emit(_ item: OutputItem, context: RenderContext) {
        for (line, stream) in renderer.render(item, context: context) { sink.write(line, to: stream) }
    }
}
