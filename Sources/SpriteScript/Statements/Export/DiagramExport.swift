import SpriteKernel

/// Diagram: `export diagram "FILE.svg" [lanes node|process] [nodes …] [from T] [to T] [collapse]`.
struct DiagramExport: PictureExport {
    static let kind = PictureExportKind(
        word: "diagram", extensions: [".svg"],
        usage: "export diagram \"FILE.svg\" [lanes node|process] [nodes A, B …] [from T] [to T] [collapse]"
    ) { (parser: inout Parser) throws(Diagnostic) -> any PictureExport in
        DiagramExport(scope: try PictureScopeSyntax.parse(&parser, kind: "diagram", collapsible: true))
    }

    let scope: PictureScopeSyntax

    func check(_ checker: inout Checker) { scope.check(&checker) }

    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String) {
        let run = try RecordedRun(interpreter, scope: scope.resolve(interpreter))
        return (SequenceDiagram(run).svg, run.summary)
    }
}
