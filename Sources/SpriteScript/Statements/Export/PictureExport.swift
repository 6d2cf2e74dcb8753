import SpriteKernel

/// One kind of picture `export` writes: a new kind is a new file with one of these and a line in
/// `PictureExports.all`.
struct PictureExportKind: Sendable {
    /// The word after `export`: `diagram`.
    let word: String
    /// File name endings the kind writes; the first is the one suggested.
    let extensions: [String]
    /// How the statement reads, for help.
    let usage: String
    /// Whether it draws from the run's recording (messages, marks, cache and disk records). A script's
    /// recording starts only when one of its exports needs it, so one that exports only charts (drawn from
    /// sweep and pmake results, kept anyway) runs at the cost of a script with no export.
    var needsRecording = true
    /// Reads the options after the file name.
    let parse: @Sendable (inout Parser) throws(Diagnostic) -> any PictureExport
}

/// A parsed export of one kind: checked before anything runs, drawn when the statement runs.
protocol PictureExport: Sendable {
    func check(_ checker: inout Checker)
    /// The file's text, and a few words on what it shows for the line the statement prints.
    func render(_ interpreter: Interpreter) throws(Diagnostic) -> (text: String, summary: String)
    /// Why this run must write no file (a note the statement prints instead), or nil to draw.
    func skipped(_ interpreter: Interpreter) -> (message: String, help: String)?
}

extension PictureExport {
    func skipped(_ interpreter: Interpreter) -> (message: String, help: String)? { nil }
}

/// Every kind of picture `export` writes.
enum PictureExports {
    static let all: [PictureExportKind] = [
        DiagramExport.kind, MermaidExport.kind, ShiVizExport.kind, TimelineExport.kind, ChartExport.kind,
    ]

    static func kind(_ word: String) -> PictureExportKind? { all.first { $0.word == word } }

    static var words: [String] { all.map(\.word) }

    /// `export KIND "FILE" …`, after `export` (MountStatements sends the statement here when a word, not an
    /// NFS path, follows `export`).
    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement {
        parser.offer(words)
        let word = try parser.parseName("a picture kind (\(words.joined(separator: ", "))) or a path to export")
        guard let kind = kind(word.text) else {
            let hint = Suggestions.didYouMean(word.text, among: words)
            throw Diagnostic(.check, "unknown export kind '\(word.text)'\(hint)",
                             at: word.span,
                             help: "kinds: \(words.joined(separator: " ")); or 'export PATH on SERVER' for NFS")
        }
        let (path, pathSpan) = try parser.parseString("a file name in double quotes, like \"run\(kind.extensions[0])\"")
        let export = try kind.parse(&parser)
        return PictureExportStatement(span: keyword.span.through(pathSpan), kind: kind.word,
                                      extensions: kind.extensions, path: path, pathSpan: pathSpan, export: export,
                                      needsRecording: kind.needsRecording)
    }
}

/// `export diagram|mermaid|shiviz|timeline|chart "FILE" …`: writes a picture of the run so far into a file.
struct PictureExportStatement: Statement {
    let span: SourceSpan
    let kind: String
    let extensions: [String]
    let path: String
    let pathSpan: SourceSpan
    let export: any PictureExport
    let needsRecording: Bool

    func check(_ checker: inout Checker) {
        // A file a sweep's cell loads: every cell would draw into the one file (the body's own text is
        // refused by the sweep's parser).
        guard checker.allowedOutsideSweep("export \(kind)", at: span, help: SweepSyntax.exportRefusal) else {
            return
        }
        if needsRecording { checker.exports = true }
        let name = HostPath.lastComponent(of: path)
        if let bare = extensions.first(where: { name == $0 }) {
            checker.error("'\(path)' has no name before '\(bare)'", at: pathSpan, help: "name it like \"run\(bare)\"")
        } else if !extensions.contains(where: { name.hasSuffix($0) }) {
            // `notes.png` → `notes.svg`; a name that starts with a dot (`.png`) has no stem to keep.
            let stem = name.hasPrefix(".") ? "" : name.split(separator: ".").first.map(String.init) ?? ""
            checker.error("an exported \(kind) is written to a file ending in "
                          + extensions.map { "'\($0)'" }.joined(separator: " or ") + ", not '\(path)'",
                          at: pathSpan, help: "name it like \"\(stem.isEmpty ? "run" : stem)\(extensions[0])\"")
        } else {
            do throws(ExportSandbox.Refusal) {
                _ = try ExportSandbox(folder: checker.exportFolder).resolve(path)
            } catch {
                checker.error(error.message, at: pathSpan, help: error.help)
            }
        }
        export.check(&checker)
    }

    func execute(_ interpreter: Interpreter) throws(Diagnostic) {
        // Records drained up to this statement are drawn.
        interpreter.flushTrace()
        if let (message, help) = export.skipped(interpreter) {
            interpreter.emit(.diagnostic(Diagnostic(.runtime, message, at: span, help: help, severity: .note)))
            return
        }
        let (text, summary) = try export.render(interpreter)
        do throws(ExportSandbox.Refusal) {
            try ExportSandbox(folder: interpreter.options.exportFolder).write(text, to: path)
        } catch {
            throw Diagnostic(.runtime, error.message, at: pathSpan, help: error.help)
        }
        interpreter.emit(.text("exported \(kind) '\(path)': \(summary)"))
    }
}
