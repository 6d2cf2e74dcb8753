import Foundation
import Testing

/// `--repeat K` runs a test under K seeds; a `seed N` line in the script (or in the answer it loads) used
/// to pin every run to one seed, so a verdict that depends on the seed looked stable.
@Suite("sprite-shell test --repeat with a script that sets its seed")
struct PinnedSeedTests {
    static let scenario = "cluster { workstation a, b }\nlink a <-> b loss 30%\nrpc a -> b as call\nrun\n"
        + "expect call.packets == 2\n"

    @Test func aPinnedSeedVariesAsTheRunsSeedDoes() throws {
        let directory = try TestCommandTests.folder(["flaky.sprite": Self.scenario,
                                                     "pinned.sprite": "seed 1\n" + Self.scenario])
        let result = try runShell(["test", "--repeat", "6", directory.url.path])
        let lines = result.stdoutLines
        // `seed 1` in run k (from 0) is seed 1+k, the run's own seed: both tests see seeds 1 to 6 alike.
        let flaky = lines.first { $0.hasPrefix("    flaky: ") }?.dropFirst("    flaky: ".count)
        let pinned = lines.first { $0.hasPrefix("    pinned: ") }?.dropFirst("    pinned: ".count)
        #expect(flaky != nil, "\(result.stdout)")
        #expect(pinned == flaky, "\(result.stdout)")
    }

    @Test func theFirstRunIsTheScriptAsWritten() throws {
        // `--seed 5` and `seed 1` in the script: without --repeat the script's seed holds, as for `run`.
        let directory = try TestCommandTests.folder(["pinned.sprite": "seed 1\n" + Self.scenario])
        let graded = try TestCommandTests.json(["--seed", "5", directory.url.path])
        let ran = try runShell([directory.path("pinned.sprite")])
        let outcome = TestCommandTests.tests(graded.document).first?["outcome"] as? String
        #expect(outcome == (ran.status == 0 ? "pass" : "fail"))
    }
}
