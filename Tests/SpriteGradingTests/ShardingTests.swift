@testable import SpriteGrading
import SpriteScript
import Testing

@Suite("shards, repeat and merge")
struct ShardingTests {
    static let names = (0..<23).map { "t\($0 < 10 ? "0" : "")\($0)" }

    @Test(arguments: [1, 2, 3, 4, 7, 23, 30])
    func shardsAreDisjointAndTogetherTheWholeRun(count: Int) {
        let shards = (1...count).map { Shard(index: $0, count: count).select(Self.names) }
        let union = shards.flatMap { $0 }
        #expect(union.sorted() == Self.names)
        #expect(Set(union).count == union.count)
        // Round robin: shard sizes differ by at most one test.
        let sizes = shards.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
    }

    @Test func roundRobinDealsTheSortedNames() {
        #expect(Shard(index: 2, count: 3).select(["a", "b", "c", "d", "e"]) == ["b", "e"])
    }

    @Test("--shard takes I/N with 1 ≤ I ≤ N", arguments: ["0/3", "4/3", "1/0", "x", "1/2/3", "", "-1/2"])
    func malformedShard(text: String) {
        #expect(throws: ShardError.self) { try Shard(parsing: text) }
    }

    @Test func theDigestDependsOnEveryNameAndItsOrder() {
        #expect(Shard.digest(of: ["a", "b"]) != Shard.digest(of: ["b", "a"]))
        #expect(Shard.digest(of: ["ab"]) != Shard.digest(of: ["a", "b"]))
        // FNV-1a of the empty input is its offset basis.
        #expect(Shard.digest(of: []) == "cbf29ce484222325")
    }

    @Test func aVerdictThatChangesWithTheSeedIsReportedWithItsSeeds() {
        let verdicts = [SeedVerdict(seed: 1, outcome: .pass), SeedVerdict(seed: 2, outcome: .fail),
                        SeedVerdict(seed: 3, outcome: .pass), SeedVerdict(seed: 4, outcome: .limit("events"))]
        #expect(Repeat.isSeedDependent(verdicts))
        #expect(Repeat.representative(verdicts) == .fail)
        #expect(Repeat.describe(verdicts) == "PASS with seeds 1, 3; FAIL with seed 2; LIMIT with seed 4")
        let steady = [SeedVerdict(seed: 5, outcome: .fail), SeedVerdict(seed: 6, outcome: .fail)]
        #expect(!Repeat.isSeedDependent(steady))
        // Two limits by different names are one kind of verdict.
        #expect(!Repeat.isSeedDependent([SeedVerdict(seed: 1, outcome: .limit("events")),
                                         SeedVerdict(seed: 2, outcome: .limit("memory"))]))
        #expect(Repeat.seeds(from: .max, count: 2) == [.max, 0])
    }

    static func result(_ name: String, _ outcome: TestOutcome = .pass) -> TestResult {
        TestResult(name: name, path: name + ".sprite", outcome: outcome, points: outcome.passed ? Points(2) : .zero,
                   maxPoints: Points(2), seconds: 0.25)
    }

    /// Each shard of `names` as its JSON file reads back.
    static func shardFiles(_ names: [String], count: Int, failing: Set<String> = [])
        throws -> [(file: String, results: [TestResult], run: RunInfo)] {
        try (1...count).map { index in
            let shard = Shard(index: index, count: count)
            let results = shard.select(names).map { result($0, failing.contains($0) ? .fail : .pass) }
            // Shard I took I seconds of wall-clock time.
            let run = RunInfo(shard: shard, total: names.count, digest: Shard.digest(of: names),
                              wallSeconds: Double(index))
            let read = try JSONReport.read(Array(JSONReport().render(results, run: run).utf8))
            return ("shard\(index).json", read.results, read.run)
        }
    }

    @Test func mergedShardsReportAsTheWholeRun() throws {
        let parts = try Self.shardFiles(Self.names, count: 4, failing: ["t05"])
        let merged = try Merge.merge(parts.reversed())
        #expect(merged.results.map(\.name) == Self.names)
        #expect(merged.run.shard == .whole)
        // Read back from each file; the four shards ran side by side, so the run took the longest one's 4 s.
        #expect(merged.run.wallSeconds == 4)
        let summary = GradingSummary(merged.results)
        #expect(summary.passed == 22)
        #expect(summary.points == Points(44))
        #expect(summary.maxPoints == Points(46))
    }

    @Test func aMissingShardIsRefused() throws {
        let parts = try Self.shardFiles(Self.names, count: 3)
        #expect(throws: Merge.Failure("shard 2/3 missing")) { try Merge.merge([parts[0], parts[2]]) }
    }

    @Test func aShardGivenTwiceIsRefused() throws {
        let parts = try Self.shardFiles(Self.names, count: 2)
        #expect(throws: Merge.Failure("shard2.json and shard2.json are both shard 2/2")) {
            try Merge.merge([parts[0], parts[1], parts[1]])
        }
    }

    @Test func shardsOfDifferentRunsAreRefused() throws {
        let ours = try Self.shardFiles(Self.names, count: 2)
        let theirs = try Self.shardFiles(Self.names + ["t99"], count: 2)
        #expect(throws: Merge.Failure.self) { try Merge.merge([ours[0], theirs[1]]) }
    }

    @Test func aTestInTwoShardsIsRefused() throws {
        var parts = try Self.shardFiles(Self.names, count: 2)
        parts[1].results.append(Self.result("t00"))
        #expect(throws: Merge.Failure("test 't00' is in both shard1.json and shard2.json")) {
            try Merge.merge(parts)
        }
    }

    @Test func theJSONReportReadsBackAsItWasWritten() throws {
        var result = Self.result("week1/stale", .limit("events"))
        result.description = "Stale \"read\"\n"
        result.reason = "a limit stopped the run: events"
        result.status = 4
        result.seeds = [SeedVerdict(seed: .max, outcome: .limit("events")), SeedVerdict(seed: 0, outcome: .crash(11))]
        result.maxPoints = Points(hundredths: 250)
        let run = RunInfo(shard: Shard(index: 2, count: 3), total: 7, digest: "0123456789abcdef", seed: 9,
                          repeatCount: 2)
        let read = try JSONReport.read(Array(JSONReport().render([result], run: run).utf8))
        #expect(read.run == run)
        var expected = result
        // Outcomes per seed keep their kind; a limit's name and a signal are kept for the test itself.
        expected.seeds = [SeedVerdict(seed: .max, outcome: .limit(nil)), SeedVerdict(seed: 0, outcome: .crash(0))]
        #expect(read.results == [expected])
    }

    @Test func aFileThatIsNotAResultIsRefused() {
        #expect(throws: JSONReport.ReadError.self) { try JSONReport.read(Array("{\"format\": 1}".utf8)) }
        #expect(throws: JSONReport.ReadError.self) { try JSONReport.read(Array("not json".utf8)) }
    }
}
