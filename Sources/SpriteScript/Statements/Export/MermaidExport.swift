import SpriteKernel

/// Mermaid: `export mermaid "FILE.md" [lanes node|process] [nodes …] [from T] [to T] [collapse]`.
struct MermaidExport: PictureExport {
    static let kind = PictureExportKind(
        word: "mermaid", extensions: [".md", ".mmd"],
        usage: "export mermaid \"FILE.md\" [lanes node|process] [nodes A, B …] [from T] [to T] [collapse]"
    ) { (parser: inout Parser) throws(Diagnostic) -> any PictureExport in
        MermaidExport(scope: try PictureScopeSyntax.parse(&parser, kind: "mermaid", collapsible: true))
    }

    let scope: PictureScopeSyntax

    func check(_ checker: inout Checker) { scope.check(&checker) }

    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String) {
        let run = try RecordedRun(interpreter, scope: scope.resolve(interpreter))
        return (MermaidWriter(run).text, run.summary)
    }
}
