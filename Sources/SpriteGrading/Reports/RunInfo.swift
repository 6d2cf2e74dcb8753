import SpriteScript

/// What a report says about the run as a whole, besides its tests' results.
public struct RunInfo: Sendable, Equatable {
    /// The slice this run graded (1/1: all of it).
    public var shard: Shard
    /// Tests in the whole run, over every shard.
    public var total: Int
    /// `Shard.digest` of the whole run's sorted test names.
    public var digest: String
    public var seed: UInt64
    public var repeatCount: Int
    /// Wall-clock seconds from the first test started to the last one graded: with --jobs, less than the
    /// tests' times summed. Nil when not measured (a report made of results alone, or an older file merged).
    public var wallSeconds: Double?
    /// RunFingerprint of the options and the tests' files: shards of one run agree on it.
    public var fingerprint: String?

    public init(shard: Shard = .whole, total: Int, digest: String, seed: UInt64 = 1, repeatCount: Int = 1,
                wallSeconds: Double? = nil) {
        self.shard = shard
        self.total = total
        self.digest = digest
        self.seed = seed
        self.repeatCount = repeatCount
        self.wallSeconds = wallSeconds
    }
}

/// One output format of `sprite-shell test`: a report is made from the results alone, so a new format
/// (JUnit, TAP, Gradescope) is one more small file.
public protocol GradingReport {
    /// The whole report; it ends with a newline.
    func render(_ results: [TestResult], run: RunInfo) -> String
}
