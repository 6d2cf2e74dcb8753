import Testing
@testable import SpriteScript

/// Characters that print as nothing (Unicode format characters, line and
/// paragraph separators) are shown escaped, and no name may hold one.
struct InvisibleCharacterTests {
    @Test(arguments: ["\u{200B}", "\u{200D}", "\u{202E}", "\u{00AD}", "\u{2028}", "\u{2029}", "\u{FEFF}",
                      "\u{2066}"])
    func anInvisibleCharacterIsEscaped(_ character: String) throws {
        let hex = String(try #require(character.unicodeScalars.first).value, radix: 16)
        let escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        #expect(TerminalText.escape("a" + character + "b") == "a" + escaped + "b")
        #expect(TerminalText.lines("x" + character) == ["x" + escaped])
    }

    @Test func visibleTextBeyondASCIIIsLeftAlone() {
        for text in ["café", "日本語", "naïve – “quoted”", "🙂"] {
            #expect(TerminalText.escape(text) == text)
        }
    }

    @Test func echoedInvisibleCharactersAreShownEscaped() {
        let output = ScriptHarness.run("echo \"a\u{202E}b\u{200B}c\"").sink.output
        #expect(echoed(output) == ["a\\u202eb\\u200bc"])
    }

    @Test func jsonStringsEscapeInvisibleCharactersToo() {
        #expect(JSONValue.quote("a\u{202E}b\u{2028}") == "\"a\\u202eb\\u2028\"")
    }

    @Test(arguments: ["a\u{200D}b", "a\u{200B}", "ws\u{202E}1", "x\u{00AD}y"])
    func aNameWithAnInvisibleCharacterIsRefused(_ name: String) throws {
        let (status, sink, _) = ScriptHarness.run("cluster { workstation ab; workstation \(name) }")
        #expect(status == .malformed)
        let first = try #require(sink.errors.first)
        #expect(first.contains("error: invisible character \\u"), "\(sink.errors)")
        #expect(first.contains("outside a string"))
        #expect(!sink.errors.joined().unicodeScalars.contains { TerminalText.isInvisible($0) })
    }

    @Test func aPathWithAnInvisibleCharacterIsRefused() {
        let diagnostics = ScriptHarness.diagnostics("cluster { server fs1 }\ndomain /a\u{200B}b on fs1")
        #expect(diagnostics.first?.message == "invisible character \\u200b outside a string", "\(diagnostics)")
    }
}
