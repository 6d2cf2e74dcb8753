import SpriteScript

/// The command line of one run of a test in its own process: the hidden child command, its process limits,
/// the seed, the limits, and the script. The same run again, for `--report`, adds where to draw its report.
struct ChildArguments: Sendable {
    let test: TestCase
    let seed: UInt64
    /// Which of the test's `--repeat` runs, from 0.
    let run: Int
    /// `--limit NAME=VALUE` options (GradingRun.childLimitArguments).
    let limits: [String]
    /// `--allow-path DIR` and other options the grader passes to every test.
    let more: [String]

    /// The arguments of the child command `command` under `processLimits`; `extra` goes before the script.
    func list(_ command: String, _ processLimits: ProcessLimits, extra: [String] = []) -> [String] {
        // In the test's folder, by its file name: what it prints (a diagnostic's or a failed expect's
        // `FILE:LINE:COL`) is the same wherever the grader was started, so `.expected` files made in that
        // folder match.
        // Run k also moves every seed the script sets itself by k, so a `seed N` line cannot make a
        // seed-dependent verdict look stable; the first run is the script exactly as `run` runs it.
        [command] + processLimits.arguments + ["--seed", String(seed)]
            + (run == 0 ? [] : ["--seed-offset", String(run)])
            + limits + more + ["--width", "80"]
            + (test.folder.isEmpty ? [] : ["--directory", test.folder])
            + extra + ["--", HostPath.lastComponent(of: test.path)]
    }
}
