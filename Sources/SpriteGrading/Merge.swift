import SpriteScript

/// `--merge FILES…`: the JSON results of a run's shards combined into the run's results, after checking
/// that they are the shards of one run (same tests, seed and repeat), that no test is in two of them and
/// that together they hold every test.
public enum Merge {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Largest result file read: a shard of thousands of failing tests, each with its output and diff,
    /// is far past a script's 16 MiB.
    public static let maxFileBytes = 1 << 30

    /// A result file's bytes, or why it cannot be read (not a regular file, larger than `maxFileBytes`).
    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        BoundedFile.read(path, cap: maxFileBytes).mapError { Failure($0.reason) }
    }

    /// `parts`: each file's name (for messages) and what it held.
    public static func merge(_ parts: [(file: String, results: [TestResult], run: RunInfo)]) throws(Failure)
        -> (results: [TestResult], run: RunInfo) {
        guard let first = parts.first else { throw Failure("--merge needs at least one result file") }
        var shardsSeen: [Int: String] = [:]
        var owner: [String: String] = [:]
        var results: [TestResult] = []
        for part in parts {
            let run = part.run
            try check(part)
            guard run.total == first.run.total, run.digest == first.run.digest else {
                throw Failure("\(part.file) is a shard of another run than \(first.file) (its tests differ)")
            }
            guard run.fingerprint == first.run.fingerprint else {
                let fingerprints = [run.fingerprint, first.run.fingerprint].map { $0 ?? "none" }
                throw Failure("\(part.file) and \(first.file) ran with other options or other test files (their "
                              + "fingerprints differ: " + fingerprints.joined(separator: " and ") + ")")
            }
            guard run.seed == first.run.seed, run.repeatCount == first.run.repeatCount else {
                throw Failure("\(part.file) ran with seed \(run.seed) and repeat \(run.repeatCount); \(first.file) "
                              + "with seed \(first.run.seed) and repeat \(first.run.repeatCount)")
            }
            guard run.shard.count == first.run.shard.count else {
                throw Failure("\(part.file) is shard \(run.shard) but \(first.file) is shard \(first.run.shard)")
            }
            if let other = shardsSeen[run.shard.index] {
                throw Failure("\(part.file) and \(other) are both shard \(run.shard)")
            }
            shardsSeen[run.shard.index] = part.file
            for result in part.results {
                if let other = owner[result.name] {
                    throw Failure("test '\(result.name)' is in both \(other) and \(part.file)")
                }
                owner[result.name] = part.file
                results.append(result)
            }
        }
        let missing = (1...first.run.shard.count).filter { shardsSeen[$0] == nil }
        guard missing.isEmpty else {
            throw Failure("shard" + (missing.count == 1 ? " " : "s ")
                          + missing.map { "\($0)/\(first.run.shard.count)" }.joined(separator: ", ") + " missing")
        }
        results.sort { TestCase.precedes($0.name, $1.name) }
        guard results.count == first.run.total, Shard.digest(of: results.map(\.name)) == first.run.digest else {
            throw Failure("the shards hold \(results.count) tests but the run has \(first.run.total)")
        }
        var run = first.run
        run.shard = .whole
        // Shards run side by side (a CI matrix, a job array): the whole run took as long as its longest shard.
        let walls = parts.compactMap(\.run.wallSeconds)
        run.wallSeconds = walls.count == parts.count ? walls.max() : nil
        return (results, run)
    }

    /// What no run writes: a shard outside 1…N, a test whose points are not 0 or its maximum as its
    /// verdict says, a negative time, more tests than a run may hold. Refused rather than summed, since a
    /// merged Gradescope score comes straight from these numbers.
    static func check(_ part: (file: String, results: [TestResult], run: RunInfo)) throws(Failure) {
        let run = part.run, file = part.file
        guard (1...Shard.maxCount).contains(run.shard.count), (1...run.shard.count).contains(run.shard.index) else {
            throw Failure("\(file) is shard \(run.shard), which no run has (I from 1 to N, N from 1 to "
                          + "\(Shard.maxCount))")
        }
        guard (1...TestDiscovery.maxTests).contains(run.total), part.results.count <= run.total else {
            throw Failure("\(file) holds \(part.results.count) tests of a run of \(run.total), which no run has")
        }
        guard (1...Repeat.maxCount).contains(run.repeatCount) else {
            throw Failure("\(file) ran with repeat \(run.repeatCount), which no run has")
        }
        for result in part.results {
            let earned = result.outcome.passed ? result.maxPoints : .zero
            guard result.points == earned else {
                throw Failure("test '\(result.name)' in \(file) has \(result.points) of \(result.maxPoints) points "
                              + "with the verdict \(result.outcome.label); a test earns all its points or none")
            }
            guard result.seconds.isFinite, result.seconds >= 0 else {
                throw Failure("test '\(result.name)' in \(file) has the time \(result.seconds)")
            }
            guard run.repeatCount == 1 ? result.seeds.isEmpty : result.seeds.count == run.repeatCount else {
                throw Failure("test '\(result.name)' in \(file) has \(result.seeds.count) seeds' verdicts for "
                              + "repeat \(run.repeatCount)")
            }
        }
    }
}
