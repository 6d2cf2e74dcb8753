import Foundation
import Testing
@testable import SpriteScript

/// Serves `load`ed files from a dictionary, keyed by the path as written.
struct InMemoryLoader: SourceLoader {
    struct Missing: Error { let path: String }

    let files: [String: String]

    func load(_ path: String, relativeTo base: String) throws -> SourceFile {
        guard let text = files[path] else { throw Missing(path: path) }
        return SourceFile(name: path, text: text)
    }
}

/// Shared helpers for the SpriteScript tests.
enum ScriptHarness {
    static let fileName = "test.sprite"

    static func file(_ text: String, name: String = fileName) -> SourceFile {
        SourceFile(name: name, text: text)
    }

    static func tokens(_ text: String) throws(Diagnostic) -> [Token] {
        try Lexer.tokenize(file(text))
    }

    /// The first token of `text`, which must lex.
    static func firstToken(_ text: String) throws -> Token {
        let all = try tokens(text)
        return try #require(all.first)
    }

    /// Parses and checks as a session would, with the given loader: the
    /// parser's error if it fails, else everything the checker reports.
    static func diagnostics(_ text: String, name: String = fileName,
                            loader: any SourceLoader = InMemoryLoader(files: [:])) -> [Diagnostic] {
        let source = file(text, name: name)
        let statements: [any Statement]
        do throws(Diagnostic) {
            statements = try Parser.parse(source)
        } catch {
            return [error]
        }
        var checker = Checker(symbols: SymbolTable(), loader: loader, loaded: LoadedPrograms())
        checker.check(statements)
        return checker.diagnostics
    }

    static func options(seed: UInt64 = 1, format: OutputFormat = .text, bail: Bool = false,
                        loader: any SourceLoader = InMemoryLoader(files: [:])) -> SessionOptions {
        var options = SessionOptions()
        options.seed = seed
        options.format = format
        options.bail = bail
        options.loader = loader
        return options
    }

    /// Runs a whole script in a fresh session.
    static func run(_ text: String, options: SessionOptions = options())
        -> (status: SpriteScript.ExitStatus, sink: BufferSink, session: Session) {
        let sink = BufferSink()
        let session = Session(options: options, sink: sink)
        let status = session.runScript(file(text))
        return (status, sink, session)
    }

    /// Output lines of a JSON-format run, parsed.
    static func jsonObjects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { line in
            JSONSchemaTests.expectValid(line)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }

    /// JSON events of one kind (`event` key).
    static func events(_ objects: [[String: Any]], _ name: String) -> [[String: Any]] {
        objects.filter { $0["event"] as? String == name }
    }
}

/// The texts of the `echo` lines among text output lines: each is marked with
/// the time and `echo` in the node column (`         0s  echo    text`).
func echoed(_ lines: [String]) -> [String] {
    lines.compactMap { line in
        let afterTime = line.dropFirst(TextRenderer.timeColumnWidth + 2)
        guard afterTime.hasPrefix("echo ") else { return nil }
        return String(afterTime.dropFirst(4).drop { $0 == " " })
    }
}
