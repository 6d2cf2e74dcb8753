import SpriteScript
import Testing
@testable import SpriteGrading

@Suite("test headers")
struct TestHeaderTests {
    static func parse(_ text: String) -> Result<TestSettings, Diagnostic> {
        TestHeader.parse(SourceFile(name: "t.sprite", text: text))
    }

    static func error(_ text: String) -> Diagnostic? {
        if case .failure(let diagnostic) = parse(text) { return diagnostic }
        return nil
    }

    @Test func everySettingIsRead() throws {
        let text = """
            # A stale read: comments among the settings are fine.
            # test: points 2.5
            # test: timeout 10s
            # test: hidden
            # test: description Stale read after a delayed write
            #test:   limit events=1000000, memory=2000000 ,wall=5s
            # test: seed 7

            # test: expect-status 1
            echo "x"
            """
        let settings = try Self.parse(text).get()
        #expect(settings.points == Points(hundredths: 250))
        #expect(settings.timeout == 10_000_000_000)
        #expect(settings.hidden)
        #expect(settings.description == "Stale read after a delayed write")
        #expect(settings.limits == [.events: 1_000_000, .memory: 2_000_000, .wall: 5_000_000_000])
        #expect(settings.seed == 7)
        #expect(settings.expectedStatus == 1)
    }

    @Test func noHeaderGivesTheDefaults() throws {
        #expect(try Self.parse("echo \"x\"\n").get() == TestSettings())
        #expect(try Self.parse("").get() == TestSettings())
    }

    @Test func unknownKeyIsAnErrorWithCaretAndSuggestion() throws {
        let diagnostic = try #require(Self.error("# test: pionts 5\necho \"x\"\n"))
        // `pionts` starts at column 9 (after "# test: ") and is 6 characters long.
        #expect(diagnostic.renderedLines == [
            "t.sprite:1:9: error: unknown test setting 'pionts'; did you mean 'points'?",
            "    # test: pionts 5",
            "            ^~~~~~",
            "  help: settings: points, timeout, hidden, description, limit, seed, expect-status",
        ])
    }

    @Test func unknownLimitNamePointsAtTheName() throws {
        let diagnostic = try #require(Self.error("# test: limit events=10, memroy=5\n"))
        // "# test: limit " is 14 characters; "events=10, " 11 more: `memroy` at column 26.
        #expect(diagnostic.span?.column == 26)
        #expect(diagnostic.span?.endColumn == 32)
        #expect(diagnostic.message == "unknown limit 'memroy'; did you mean 'memory'?")
    }

    @Test("a malformed value names the setting and what it takes", arguments: [
        ("# test: points five", "points takes a number like 5 or 2.5 (at most two decimals), not 'five'"),
        ("# test: points 1.234", "points takes a number like 5 or 2.5 (at most two decimals), not '1.234'"),
        ("# test: timeout 10", "timeout takes a duration like 10s or 2min, up to 30min, not '10'"),
        ("# test: seed -1", "seed takes a whole number from 0 to 18446744073709551615, not '-1'"),
        ("# test: expect-status 5", "expect-status takes an exit status from 0 to 4, not '5'"),
        ("# test: hidden yes", "'hidden' takes no value"),
        ("# test: points", "'points' needs a value"),
        ("# test: limit events", "limit takes NAME=VALUE pairs separated by commas, not 'events'"),
        ("# test: limit wall=60", "limit wall takes a duration like 60s or 1h greater than zero, not '60'"),
        ("# test: limit events=5, events=6", "limit events is given twice"),
    ])
    func malformedValue(line: String, message: String) throws {
        let diagnostic = try #require(Self.error(line + "\n"))
        #expect(diagnostic.message == message)
        #expect(diagnostic.span?.line == 1)
    }

    @Test func aSettingTwiceIsAnError() throws {
        let diagnostic = try #require(Self.error("# test: points 1\n# test: points 2\n"))
        #expect(diagnostic.message == "'points' is set twice; it was set on line 1")
        #expect(diagnostic.span?.line == 2)
    }

    @Test func aSettingBelowTheFirstStatementIsAnError() throws {
        let diagnostic = try #require(Self.error("echo \"x\"\n# test: points 5\n"))
        #expect(diagnostic.message.hasPrefix("test settings are read only from the comment block at the top"))
        #expect(diagnostic.span?.line == 2)
    }

    @Test func pointsKeepHundredthsExact() {
        #expect(Points(parsing: "0.1").map { $0 + Points(parsing: "0.2")! }?.description == "0.3")
        #expect(Points(parsing: "2.50")?.description == "2.5")
        #expect(Points(parsing: "0.05")?.description == "0.05")
        #expect(Points(parsing: "") == nil)
        #expect(Points(parsing: "-1") == nil)
        #expect(Points(parsing: "1.") == nil)
    }
}

@Suite("test headers: mistyped markers")
struct MistypedMarkerTests {
    /// Each of these was read as a plain comment, so `hidden` silently did nothing and the test was shown.
    @Test(arguments: ["# test hidden", "# Test: hidden", "# tests: hidden", "# TEST : hidden", "#Test:hidden"])
    func aMistypedMarkerIsAnError(line: String) throws {
        let diagnostic = try #require(TestHeaderTests.error(line + "\necho \"x\"\n"))
        #expect(diagnostic.message.hasPrefix("this comment looks like a test setting"))
        #expect(diagnostic.span?.line == 1)
        #expect(diagnostic.help == "write '# test: hidden', or reword the comment if it is not a setting")
    }

    @Test func theErrorPointsAtTheMarker() throws {
        let diagnostic = try #require(TestHeaderTests.error("# points below\n  # Test: points 3\n"))
        // "  # Test:": the '#' is at column 3, the colon at column 9, so the span ends at column 10.
        #expect(diagnostic.renderedLines.first == "t.sprite:2:3: error: this comment looks like a test setting, "
                + "but a setting's line starts with '# test:' exactly (lower case, the colon right after 'test')")
        #expect(diagnostic.span?.column == 3)
        #expect(diagnostic.span?.endColumn == 10)
    }

    @Test(arguments: ["# Test that a read after a close is stale", "# testing the points", "# a test: hidden",
                      "# tests run in order"])
    func proseIsAComment(line: String) throws {
        #expect(try TestHeaderTests.parse(line + "\necho \"x\"\n").get() == TestSettings())
    }

    @Test func belowTheFirstStatementAMistypedMarkerIsProse() throws {
        #expect(try TestHeaderTests.parse("echo \"x\"\n# Test: this echoes\n").get() == TestSettings())
    }

    /// A Windows editor saves a byte order mark first; the header after it counts.
    @Test func aByteOrderMarkBeforeTheHeaderIsSkipped() throws {
        let settings = try TestHeaderTests.parse("\u{FEFF}# test: hidden\n# test: points 3\necho \"x\"\n").get()
        #expect(settings.hidden)
        #expect(settings.points == Points(3))
    }
}
