import Foundation
import Testing
@testable import SpriteScript

/// Every example in README.md, docs/*.md and seeds/README.md runs as written.
///
/// A fenced block says what it is by its info string:
/// - `sprite`: a script; it runs in a fresh session and must end with status 0.
/// - `sprite-session`: a prompt transcript; the typed lines (after `sprite …> `
///   or `...> `) run in one session, and the lines shown after an input must be
///   exactly what that input printed (an input shown with no output is not compared).
/// - `output`: lines the closest `sprite` block above it prints, contiguous and exact;
///   `output FILE` takes them from that scenario's output instead.
/// - anything else (`sh`, `text`, `json`): shown, not run.
/// A block with no info string is an error, so nobody can add an example the test skips.
struct DocExampleTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let documents: [String] = {
        let docsPath = root.appendingPathComponent("docs").path
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: docsPath)) ?? []
        return ["README.md", "seeds/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    static let blocks: [DocBlock] = documents.flatMap { DocBlock.extract(from: $0, root: root) }

    static var scripts: [DocBlock] { blocks.filter { $0.kind == "sprite" } }
    static var sessions: [DocBlock] { blocks.filter { $0.kind == "sprite-session" } }
    static var outputs: [DocBlock] { blocks.filter { $0.kind == "output" } }

    @Test func theDocumentsHaveExamplesOfEveryKind() {
        #expect(Self.scripts.count >= 30)
        #expect(!Self.sessions.isEmpty)
        #expect(!Self.outputs.isEmpty)
    }

    @Test(arguments: blocks)
    func everyFenceSaysWhatItIs(_ block: DocBlock) {
        #expect(!block.kind.isEmpty, "\(block.location): a fenced block needs an info string (sprite, output, text…)")
    }

    @Test(arguments: scripts)
    func scriptRunsAsWritten(_ block: DocBlock) {
        let (sink, status) = Self.run(block.text, name: Self.typedAtTheRoot(block.location))
        #expect(status == .ok, "\(block.location) ended with \(status):\n\(sink.lines.joined(separator: "\n"))")
        #expect(sink.errors.isEmpty, "\(block.location) printed diagnostics:\n\(sink.errors.joined(separator: "\n"))")
    }

    @Test(arguments: outputs)
    func outputIsWhatTheScriptPrints(_ block: DocBlock) throws {
        let source: (text: String, name: String)
        if let scenario = block.argument {
            let path = Self.root.appendingPathComponent(scenario).path
            source = (try String(contentsOfFile: path, encoding: .utf8), path)
        } else {
            let script = try #require(block.precedingScript, "\(block.location): no sprite block above this output")
            source = (script.text, Self.typedAtTheRoot(script.location))
        }
        let (sink, _) = Self.run(source.text, name: source.name)
        let shown = block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let printed = sink.lines
        let output = printed.joined(separator: "\n")
        #expect(Self.contains(printed, contiguous: shown.filter { !$0.isEmpty }),
                "\(block.location): not in the output of \(source.name):\n\(block.text)\nit prints:\n\(output)")
    }

    @Test(arguments: sessions)
    func transcriptIsWhatThePromptPrints(_ block: DocBlock) {
        let sink = OrderedSink()
        var options = SessionOptions()
        options.width = 80
        let exports = try? ExportFolder()
        options.exportFolder = exports?.path
        defer { withExtendedLifetime(exports) {} }
        let session = Session(options: options, sink: sink)
        for step in DocBlock.transcriptSteps(block.text) {
            let before = sink.lines.count
            var pending = ""
            for line in step.input {
                pending += pending.isEmpty ? line : "\n" + line
                if session.evaluate(SourceFile(name: "<input>", text: pending)) != .needsMoreInput { pending = "" }
            }
            guard !step.output.isEmpty else { continue }
            let printed = Array(sink.lines.dropFirst(before))
            let output = printed.joined(separator: "\n")
            #expect(printed == step.output,
                    "\(block.location): after \(step.input.last ?? "") the prompt prints:\n\(output)")
        }
    }

    /// A script name whose folder is the repository's root, so that `load` in an
    /// example finds files as it would for a user at the prompt in a clone.
    static func typedAtTheRoot(_ location: String) -> String {
        root.appendingPathComponent("<\(location.replacingOccurrences(of: "/", with: "|"))>").path
    }

    static func run(_ text: String, name: String) -> (OrderedSink, SpriteScript.ExitStatus) {
        let sink = OrderedSink()
        var options = SessionOptions()
        options.width = 80
        // An example's exports go into a folder of its own that is removed after it, never the repository.
        let exports = try? ExportFolder()
        options.exportFolder = exports?.path
        defer { withExtendedLifetime(exports) {} }
        let session = Session(options: options, sink: sink)
        let status = session.runScript(SourceFile(name: name, text: text))
        if status != .malformed { session.printSummary() }
        return (sink, status)
    }

    static func contains(_ lines: [String], contiguous shown: [String]) -> Bool {
        guard !shown.isEmpty, shown.count <= lines.count else { return shown.isEmpty }
        return (0...(lines.count - shown.count)).contains { start in
            Array(lines[start..<start + shown.count]) == shown
        }
    }
}

/// Keeps output and diagnostics in the order they were printed, as a terminal shows them.
final class OrderedSink: OutputSink {
    private(set) var lines: [String] = []
    private(set) var errors: [String] = []
    func write(_ text: String, to stream: OutputChannel) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            lines.append(line)
            if stream == .error { errors.append(line) }
        }
    }
}

/// One fenced block of a Markdown document.
struct DocBlock: Sendable, CustomTestStringConvertible {
    var location: String
    var kind: String
    var argument: String?
    var text: String
    var precedingScript: Script?

    struct Script: Sendable {
        var location: String
        var text: String
    }

    var testDescription: String { location }

    static func extract(from document: String, root: URL) -> [DocBlock] {
        let path = root.appendingPathComponent(document).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var blocks: [DocBlock] = []
        var open: (line: Int, info: String, body: [String])?
        var lastScript: Script?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("```") else {
                open?.body.append(String(line))
                continue
            }
            guard let block = open else {
                open = (index + 1, String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
                continue
            }
            let words = block.info.split(separator: " ", maxSplits: 1).map(String.init)
            let location = "\(document):\(block.line)"
            let body = block.body.joined(separator: "\n")
            blocks.append(DocBlock(location: location, kind: words.first ?? "", argument: words.dropFirst().first,
                                   text: body, precedingScript: lastScript))
            if words.first == "sprite" { lastScript = Script(location: location, text: body) }
            open = nil
        }
        return blocks
    }

    /// A transcript's inputs, each with the lines printed after it.
    struct Step {
        var input: [String] = []
        var output: [String] = []
    }

    static func transcriptSteps(_ text: String) -> [Step] {
        var steps: [Step] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("$ ") { continue }
            if let input = typedText(line) {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("...>"), !steps.isEmpty {
                    steps[steps.count - 1].input.append(input)
                } else {
                    steps.append(Step(input: [input]))
                }
            } else if !steps.isEmpty, !line.isEmpty {
                steps[steps.count - 1].output.append(line)
            }
        }
        return steps
    }

    /// What was typed after a prompt (`sprite 0s> `, `sprite 1ms [2 pending]> `, `   ...> `), or nil.
    static func typedText(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("sprite ") || trimmed.hasPrefix("...>"),
              let prompt = line.range(of: "> ") else { return nil }
        return String(line[prompt.upperBound...])
    }
}
