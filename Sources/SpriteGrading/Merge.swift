import SpriteScript

/// `--merge FILES…`: the JSON results of a run's shards combined into the run's results, after checking
/// that they are the shards of one run (same tests, seed and repeat), that no test is in two of them and
/// that together they hold every test.
public enum Merge {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
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
            guard run.total == first.run.total, run.digest == first.run.digest else {
                throw Failure("\(part.file) is a shard of another run than \(first.file) (its tests differ)")
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
}
