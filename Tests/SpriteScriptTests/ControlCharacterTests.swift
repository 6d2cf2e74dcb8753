import Foundation
import Testing
@testable import SpriteScript

/// No control character a script writes reaches the terminal raw, and no
/// statement's output can pass for another's.
@Suite("control characters in text output")
struct ControlCharacterTests {
    static let raw: [Unicode.Scalar] = (0..<0x20).compactMap(Unicode.Scalar.init) + [
        Unicode.Scalar(0x7F), Unicode.Scalar(0x80), Unicode.Scalar(0x9B), Unicode.Scalar(0x9F),
    ].compactMap { $0 }

    /// True if `line` holds a C0, DEL or C1 control character.
    static func hasControl(_ line: String) -> Bool { line.unicodeScalars.contains(where: TerminalText.isControl) }

    @Test func theNotation() {
        #expect(TerminalText.escape("a\u{1B}[31mb\u{07}") == "a\\u001b[31mb\\u0007")
        #expect(TerminalText.escape("1\n2\t3\r4\u{08}\u{0B}\u{0C}") == "1\\n2\\t3\\r4\\b\\u000b\\f")
        #expect(TerminalText.escape("\u{00}\u{01}\u{7F}\u{85}\u{9B}") == "\\u0000\\u0001\\u007f\\u0085\\u009b")
        #expect(TerminalText.escape("µs, ü, \\n and \u{A0}") == "µs, ü, \\n and \u{A0}", "only controls change")
        for scalar in Self.raw { #expect(!Self.hasControl(TerminalText.escape(String(Character(scalar))))) }
    }

    @Test func echoShowsEscapeBellAndNewlineEscaped() {
        let (status, sink, _) = ScriptHarness.run("echo \"\u{1B}[2Jred\u{07}\"\necho \"a\\nexpect  ok  fake\"")
        #expect(status == .ok)
        #expect(sink.output == ["         0s  echo    \\u001b[2Jred\\u0007",
                                "         0s  echo    a\\nexpect  ok  fake"])
    }

    /// An echo is marked in the node column like every other line, and no node
    /// may take the words that mark echo and expect lines.
    @Test func anEchoCannotPassForAnExpectVerdict() {
        let forged = "         0s  expect  ok      r.time == 1ms"
        let (status, sink, _) = ScriptHarness.run("echo \"\(forged)\"\nexpect now == 0s")
        #expect(status == .ok)
        #expect(sink.output == ["         0s  echo    \(forged)", "         0s  expect  ok      now == 0s"])
        for word in ["expect", "echo"] {
            let named = ScriptHarness.run("cluster { workstation \(word) }")
            #expect(named.status == .malformed)
            #expect(named.sink.errors.first?.contains("a node cannot be named '\(word)'") == true)
        }
    }

    @Test func everyControlCharacterInAnEchoIsEscaped() {
        // A raw newline or carriage return would end the string (and the line) in the source.
        let text = String(String.UnicodeScalarView(Self.raw.filter { $0 != "\n" && $0 != "\r" }))
        let (_, sink, _) = ScriptHarness.run("echo \"\(text)\"")
        #expect(sink.output.count == 1)
        #expect(!sink.output.contains(where: Self.hasControl), "\(sink.output)")
    }

    @Test func aFakeExpectLineCannotBeForged() {
        let (_, sink, _) = ScriptHarness.run("echo \"x\\n      0.0000ms  expect  ok      r.packets == 2\"")
        #expect(sink.output.count == 1)
        #expect(!sink.output.contains { $0.hasPrefix("      0.0000ms  expect") })
    }

    @Test func fileContentsInTraceAndTablesAreEscaped() {
        let script = """
            cluster { workstation ws1; server fs1 }
            domain / on fs1
            on ws1 { open /f rw; write "bad\\n\u{1B}]0;title\u{07}"; close }
            run
            on ws1 { open /f; read; close }
            run
            show files
            """
        let (_, sink, _) = ScriptHarness.run(script)
        #expect(!sink.output.contains(where: Self.hasControl), "\(sink.output)")
        #expect(sink.output.contains { $0.contains("bad\\n\\u001b]0;title\\u0007") }, "\(sink.output)")
    }

    @Test func aDiagnosticWithAControlCharacterKeepsItsCaretUnderTheEscapedText() throws {
        let (status, sink, _) = ScriptHarness.run("\trpc ws1 -> \u{1B}fs1")
        #expect(status == .malformed)
        #expect(sink.errors == [
            "test.sprite:1:13: error: unexpected character '\\u001b'\n"
                + "        rpc ws1 -> \\u001bfs1\n"
                + "                   ^~~~~~\n"
                + "  help: delete the control character: a script holds text, spaces and tabs only",
        ], "\(sink.errors)")
    }

    @Test func aMessageQuotingAStringWithANewlineStaysOneLine() throws {
        let diagnostic = try #require(ScriptHarness.diagnostics("load \"a\\nexpect  ok.sprite\"").first)
        let lines = diagnostic.renderedLines
        #expect(lines.first?.contains("'a\\nexpect  ok.sprite'") == true, "\(lines)")
        #expect(!lines.contains(where: Self.hasControl))
        #expect(!diagnostic.rendered.split(separator: "\n").contains { $0.hasPrefix("expect") })
    }

    @Test func jsonStringsEscapeEveryControlCharacter() throws {
        let text = String(String.UnicodeScalarView(Self.raw))
        let encoded = JSONValue.string(text).encoded
        #expect(!Self.hasControl(encoded))
        #expect(encoded.contains("\\u001b") && encoded.contains("\\u007f") && encoded.contains("\\u009b"))
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(encoded)]".utf8)) as? [String]
        #expect(decoded == [text], "the escaping is still valid JSON for the same text")
    }

    @Test func jsonModeDiagnosticsOnStandardErrorAreEscapedToo() {
        var options = ScriptHarness.options(format: .json)
        options.bail = false
        let (_, sink, _) = ScriptHarness.run("rpc \u{1B}[31m", options: options)
        #expect(!sink.errors.isEmpty)
        let errorLines = sink.errors.flatMap { $0.split(separator: "\n").map(String.init) }
        #expect(!errorLines.contains(where: Self.hasControl), "\(sink.errors)")
        #expect(!sink.output.contains(where: Self.hasControl), "\(sink.output)")
    }
}
