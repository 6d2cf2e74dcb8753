import Foundation
import Testing

/// When students write the graded scenarios they write the headers too: `--headers ignored` makes the
/// command line's settings the only ones, and `--max-points` refuses a header that asks for more.
@Suite("sprite-shell test: headers of scenarios students wrote")
struct StudentHeaderTests {
    static let files = [
        "alice.sprite": "# test: points 1000000\n# test: expect-status 2\nthis is not a scenario\n",
        "bob.sprite": "# test: hidden\n# test: points 3\necho \"bob\"\n",
    ]

    @Test func trustedHeadersCountAsBefore() throws {
        let directory = try TestCommandTests.folder(Self.files)
        let result = try runShell(["test", "--points", "10", directory.url.path])
        // alice's header turns a malformed script into a PASS worth 1,000,000 points.
        #expect(result.stdout.contains("Points: 1000003/1000003 (100%)"), "\(result.stdout)")
    }

    @Test func ignoredHeadersLeaveTheCommandLinesSettings() throws {
        let directory = try TestCommandTests.folder(Self.files)
        let result = try runShell(["test", "--headers", "ignored", "--points", "10", directory.url.path])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        // alice: malformed (status 2, expected 0) and worth the 10 points of --points; bob: visible, 10 points.
        #expect(lines.contains { $0.hasPrefix("ERROR   alice  ") && $0.hasSuffix("0/10") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("PASS    bob    ") && $0.hasSuffix("10/10") }, "\(result.stdout)")
        #expect(lines.contains("Points: 10/20 (50%)"))
    }

    @Test func maxPointsRefusesAHeaderAskingForMore() throws {
        let directory = try TestCommandTests.folder(Self.files)
        let result = try runShell(["test", "--max-points", "5", directory.url.path])
        #expect(result.stdout.contains("    the header asks for 1000000 points, more than --max-points 5"),
                "\(result.stdout)")
        #expect(result.stdout.contains("Points: 3/4 (75%)"), "\(result.stdout)")
    }

    @Test func aMalformedPolicyIsAUsageError() throws {
        #expect(try runShell(["test", "--headers", "maybe", "x"]).status == 2)
        #expect(try runShell(["test", "--max-points", "-1", "x"]).status == 2)
    }
}

@Suite("sprite-shell test: the grader's own bounds")
struct GraderBoundTests {
    @Test func jobsPast64AreRefusedWithTheMaximum() throws {
        let result = try runShell(["test", "--jobs", "65", "."])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs takes a count from 1 to 64"), "\(result.stderr)")
    }
}
