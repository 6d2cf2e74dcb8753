import Testing
@testable import SpriteScript

/// Long lines, many loads and the wall clock while a script is read and checked.
@Suite struct LongInputTests {
    // MARK: One long line

    /// A hundred thousand statements on one line check as they do one per line.
    @Test func aLineOfAHundredThousandStatementsChecksAsOnePerLine() throws {
        let statements = Array(repeating: "echo \"x\"", count: 100_000)
            + ["expect now == 0s", "compute nobody 1ms"]
        let oneLine = statements.joined(separator: "; ")
        let perLine = statements.joined(separator: "\n")
        let long = ScriptHarness.diagnostics(oneLine), short = ScriptHarness.diagnostics(perLine)
        #expect(long.map(\.message) == short.map(\.message))
        #expect(long.map(\.help) == short.map(\.help))
        #expect(long.count == 1 && long.first?.message.contains("nobody") == true, "\(long.map(\.message))")
        #expect(long.first?.span?.column == 100_000 * 10 + "expect now == 0s; compute ".count + 1)

        let parsed = try Parser.parse(ScriptHarness.file(oneLine))
        #expect(parsed.count == 100_002)
        let expect = try #require(parsed[100_000] as? ExpectStatement)
        #expect(expect.condition == "now == 0s")
    }

    // MARK: Excerpts of long lines

    /// An error in a megabyte line shows a window of it, the caret under the word it is about.
    @Test func anErrorOnALongLineShowsAWindowAroundTheCaret() throws {
        let half = String(repeating: "echo \"x\"; ", count: 50_000)
        let diagnostics = ScriptHarness.diagnostics(half + "nosuch 1; " + half)
        let lines = try #require(diagnostics.first).renderedLines
        #expect(lines.count >= 3)
        let source = Array(lines[1]), caret = Array(lines[2])
        #expect(source.count <= 4 + Diagnostic.excerptWidth + 2, "\(source.count) characters")
        #expect(source[4] == "…" && source.last == "…", "\(lines[1])")
        let at = try #require(caret.firstIndex(of: "^"))
        #expect(String(source[at...]).hasPrefix("nosuch 1;"), "\(lines[1])\n\(lines[2])")
        #expect(String(caret[at...]) == "^~~~~~")
    }

    /// A short line is shown whole, as before.
    @Test func aShortLineIsShownWhole() throws {
        let lines = try #require(ScriptHarness.diagnostics("echo \"x\"; nosuch 1").first).renderedLines
        #expect(lines[1] == "    echo \"x\"; nosuch 1")
        #expect(lines[2] == "              ^~~~~~")
    }

    /// The caret near either end of a long line: no cut mark on the side that is not cut.
    @Test func theWindowStaysInsideTheLine() {
        #expect(Diagnostic.window(count: 50, caret: 10) == 0..<50)
        #expect(Diagnostic.window(count: 1_000, caret: 5) == 0..<100)
        #expect(Diagnostic.window(count: 1_000, caret: 1_000) == 900..<1_000)
        #expect(Diagnostic.window(count: 1_000, caret: 500).contains(500))
    }
}
