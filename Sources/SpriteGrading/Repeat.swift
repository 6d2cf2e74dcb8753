/// `--repeat K`: every test runs under seeds S, S+1, …, S+K-1 (S: the test's `seed`, else `--seed`).
/// A test passes only if it passes under every seed; one whose verdict changes with the seed is
/// seed-dependent, and the report lists the seeds of each verdict.
public enum Repeat {
    /// The most runs of one test.
    public static let maxCount = 1_000

    /// The seeds of `count` runs from `first`, wrapping past the largest seed rather than trapping.
    public static func seeds(from first: UInt64, count: Int) -> [UInt64] {
        (0..<UInt64(max(1, count))).map { first &+ $0 }
    }

    /// True when the seeds' verdicts are not all of one kind.
    public static func isSeedDependent(_ verdicts: [SeedVerdict]) -> Bool {
        Set(verdicts.map(\.outcome.label)).count > 1
    }

    /// The verdict that stands for the test: the first seed's that did not pass, else a pass.
    public static func representative(_ verdicts: [SeedVerdict]) -> TestOutcome {
        verdicts.first { !$0.outcome.passed }?.outcome ?? .pass
    }

    /// `PASS with seeds 1, 3; FAIL with seed 2`, verdicts in the order they first appear.
    public static func describe(_ verdicts: [SeedVerdict]) -> String {
        var order: [String] = []
        var seedsOf: [String: [UInt64]] = [:]
        for verdict in verdicts {
            if seedsOf[verdict.outcome.label] == nil { order.append(verdict.outcome.label) }
            seedsOf[verdict.outcome.label, default: []].append(verdict.seed)
        }
        return order.map { label in
            let seeds = seedsOf[label] ?? []
            return "\(label) with seed\(seeds.count == 1 ? "" : "s") " + seeds.map(String.init).joined(separator: ", ")
        }.joined(separator: "; ")
    }
}
