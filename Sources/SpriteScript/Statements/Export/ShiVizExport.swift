import SpriteKernel

/// ShiViz: `export shiviz "FILE.log" [lanes node|process] [nodes …] [from T] [to T]`.
struct ShiVizExport: PictureExport {
    static let kind = PictureExportKind(
        word: "shiviz", extensions: [".log", ".txt"],
        usage: "export shiviz \"FILE.log\" [lanes node|process] [nodes A, B …] [from T] [to T]"
    ) { (parser: inout Parser) throws(Diagnostic) -> any PictureExport in
        ShiVizExport(scope: try PictureScopeSyntax.parse(&parser, kind: "shiviz", collapsible: false))
    }

    let scope: PictureScopeSyntax

    func check(_ checker: inout Checker) { scope.check(&checker) }

    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String) {
        let run = try RecordedRun(interpreter, scope: scope.resolve(interpreter))
        return (ShiVizWriter(run).text, run.summary)
    }
}
