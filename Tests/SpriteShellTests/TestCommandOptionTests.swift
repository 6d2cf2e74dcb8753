import Foundation
import Testing

/// Small mismatches between what `sprite-shell test` is given and what it says.
@Suite("sprite-shell test: options it cannot use")
struct TestCommandOptionTests {
    /// The shard was read in run(), so its error came with the root command's usage.
    @Test func aMalformedShardGetsTheTestCommandsUsage() throws {
        let result = try runShell(["test", "--shard", "0/0", "."])
        #expect(result.status == 2)
        #expect(result.stderr.contains("sprite-shell test [options] PATH"), "\(result.stderr)")
    }

    @Test func mergeRefusesOptionsItWouldIgnore() throws {
        let result = try runShell(["test", "--merge", "--jobs", "4", "--limit", "events=10", "x.json"])
        #expect(result.status == 2)
        // The message is wrapped to the terminal: read it as one line.
        let message = result.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(message.contains("--jobs, --limit would change nothing"), "\(result.stderr)")
    }

    @Test func nothingAtStakeHasNoPercentage() throws {
        let directory = try TestCommandTests.folder(["a.sprite": "# test: points 0\necho \"a\"\n"])
        let result = try runShell(["test", directory.url.path])
        #expect(result.stdout.hasSuffix("Tests passed: 1/1\nPoints: 0/0\n1 passed, 0 failed\n"), "\(result.stdout)")
    }
}
