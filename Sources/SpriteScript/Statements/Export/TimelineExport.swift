import SpriteKernel

/// Timeline: `export timeline "FILE.svg" [nodes A, B …] [from T] [to T] [file PATH]`: rows per CPU with the
/// process running, moves, evictions and page faults, a row per disk with its requests, and with `file` the
/// cache state of PATH per client.
struct TimelineExport: PictureExport {
    static let kind = PictureExportKind(
        word: "timeline", extensions: [".svg"],
        usage: "export timeline \"FILE.svg\" [nodes A, B …] [from T] [to T] [file PATH]"
    ) { (parser: inout Parser) throws(Diagnostic) -> any PictureExport in
        var scope = PictureScopeSyntax()
        if parser.accept("nodes") != nil { scope.nodes = try parser.parseNameList("a node to draw") }
        scope.window = try TimelineWindow.parse(&parser)
        var file: String?
        if parser.accept("file") != nil {
            file = try parser.parsePath("the file whose cache state is drawn, like /notes").0
        }
        return TimelineExport(scope: scope, file: file)
    }

    let scope: PictureScopeSyntax
    /// The file whose cache state is drawn per client.
    let file: String?

    func check(_ checker: inout Checker) { scope.check(&checker) }

    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String) {
        let resolved = try scope.resolve(interpreter)
        // While recording, the cache records were kept whatever the script traces; otherwise what it traced.
        var model = TimelinePictureModel.make(interpreter, from: resolved.from,
                                              to: resolved.to == .never ? nil : resolved.to,
                                              nodes: resolved.nodes.map(Set.init), file: file,
                                              records: interpreter.recording?.cacheRecords)
        if let chosen = resolved.nodes {
            // Only the chosen nodes' clients get a cache band, as only their CPUs get rows.
            let names = Set(chosen.map(interpreter.simulation.nodeName))
            model.cacheBands.removeAll { !names.contains($0.client) }
        }
        return (TimelinePicture.svg(model), Self.summary(model))
    }

    /// `3 CPU rows, 5 slices, 1 move; cache of /notes on 2 clients`.
    static func summary(_ model: TimelinePictureModel) -> String {
        let chart = model.chart
        var text = Plural.of(chart.rowLabels.count, "CPU row") + ", " + Plural.of(chart.slices.count, "slice")
        // A move to or from a node not drawn has no arrow: counted apart, not as drawn.
        let offRows = chart.moves.filter { TimelinePicture.isOffRows($0, chart) }.count
        if chart.moves.count > offRows { text += ", " + Plural.of(chart.moves.count - offRows, "move") }
        if offRows > 0 { text += ", " + Plural.of(offRows, "move") + " off the drawn rows left out" }
        if !chart.evictions.isEmpty { text += ", " + Plural.of(chart.evictions.count, "eviction") }
        if !model.faults.isEmpty { text += ", " + Plural.of(model.faults.count, "page fault") }
        let disks = model.diskRows.reduce(0) { $0 + $1.requests.count }
        if disks > 0 { text += ", " + Plural.of(disks, "disk request") }
        if let file = model.cacheFile {
            text += "; cache of \(file) on " + Plural.of(model.cacheBands.count, "client")
        }
        return text
    }
}
