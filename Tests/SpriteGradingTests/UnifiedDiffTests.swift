import Testing
@testable import SpriteGrading

@Suite("unified diff")
struct UnifiedDiffTests {
    static func diff(_ expected: String, _ actual: String) -> [String] {
        UnifiedDiff.diff(expected: Array(expected.utf8), actual: Array(actual.utf8), expectedName: "t.expected")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func oneChangedLineWithThreeLinesOfContext() {
        let expected = (1...10).map { "line \($0)\n" }.joined()
        let actual = expected.replacingOccurrences(of: "line 6\n", with: "line six\n")
        // Line 6 changed: context is lines 3–5 before and 7–9 after, so the hunk is 7 lines from line 3.
        #expect(Self.diff(expected, actual) == [
            "--- t.expected", "+++ output", "@@ -3,7 +3,7 @@",
            " line 3", " line 4", " line 5", "-line 6", "+line six", " line 7", " line 8", " line 9",
        ])
    }

    @Test func distantChangesMakeTwoHunks() {
        let expected = (1...20).map { "\($0)\n" }.joined()
        let actual = expected.replacingOccurrences(of: "\n2\n", with: "\nII\n")
            .replacingOccurrences(of: "\n18\n", with: "\nXVIII\n")
        let lines = Self.diff(expected, actual)
        // Line 2: context 1 before, 3 after (lines 1–5); line 18: lines 15–21 clipped to 15–20.
        #expect(lines.filter { $0.hasPrefix("@@") } == ["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"])
    }

    @Test func insertedAndDeletedLinesAreFoundByTheShortestScript() {
        let lines = Self.diff("a\nb\nc\n", "a\nc\nd\n")
        #expect(lines == ["--- t.expected", "+++ output", "@@ -1,3 +1,3 @@", " a", "-b", " c", "+d"])
    }

    @Test func aMissingFinalNewlineIsShown() {
        let lines = Self.diff("a\nb\n", "a\nb")
        #expect(lines == ["--- t.expected", "+++ output", "@@ -1,2 +1,2 @@", " a", "-b", "+b",
                          "\\ No newline at end of file"])
    }

    @Test func aLongDiffIsCutAtFortyLines() {
        let expected = (1...500).map { "e\($0)\n" }.joined()
        let actual = (1...500).map { "a\($0)\n" }.joined()
        let lines = Self.diff(expected, actual)
        #expect(lines.count == UnifiedDiff.maxLines + 1)
        #expect(lines.last == "… (diff cut at 40 lines)")
        #expect(lines[2] == "@@ -1,500 +1,500 @@")
    }

    @Test func aWhollyDifferentOutputPastTheEditBoundIsStillACorrectDiff() {
        // 3,000 lines each, no line shared: 6,000 edits, past the search bound of 1,000.
        let expected = (1...3000).map { "e\($0)\n" }.joined()
        let actual = (1...3000).map { "a\($0)\n" }.joined()
        let steps = UnifiedDiff.editScript(UnifiedDiff.lines(Array(expected.utf8)),
                                           UnifiedDiff.lines(Array(actual.utf8)))
        #expect(steps.filter { $0.kind == .delete }.count == 3000)
        #expect(steps.filter { $0.kind == .insert }.count == 3000)
    }
}
