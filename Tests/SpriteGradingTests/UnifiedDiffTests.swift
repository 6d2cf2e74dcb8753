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

@Suite("unified diff past its edit budget")
struct LongDiffTests {
    /// 120,000 lines with every 50th changed: 2,400 changed lines, 4,800 edits, past maxEdits (1,000), so
    /// the middle is shown replaced. Before, every expected line came first and the 40 lines never reached
    /// one the student printed.
    @Test func theFirstDifferingLinePairIsShown() {
        let expected = (1...120_000).map { "line \($0)\n" }.joined()
        let actual = (1...120_000).map { $0 % 50 == 0 ? "changed \($0)\n" : "line \($0)\n" }.joined()
        let lines = UnifiedDiff.diff(expected: Array(expected.utf8), actual: Array(actual.utf8),
                                     expectedName: "t.expected").split(separator: "\n").map(String.init)
        #expect(lines.count == UnifiedDiff.maxLines + 1)
        // Lines 1–49 are the same and line 120,000 (a multiple of 50) differs, so the middle is lines 50 to
        // 120,000 (119,951 lines); with 3 lines of context before it, the hunk is 119,954 lines from line 47.
        #expect(Array(lines[2...7]) == ["@@ -47,119954 +47,119954 @@", " line 47", " line 48", " line 49",
                                        "-line 50", "+changed 50"])
        #expect(lines.last == "… (diff cut at 40 lines)")
    }
}
