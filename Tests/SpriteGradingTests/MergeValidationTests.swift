import Foundation
import SpriteScript
import Testing
@testable import SpriteGrading

/// `--merge` reads files anyone could have edited: every number is checked, nothing traps, and shards of
/// different runs (other options, other test files) are refused.
@Suite("merge: malformed and mismatched shards")
struct MergeValidationTests {
    static func run(shard: Shard = .whole, fingerprint: String? = "00000000000000aa") -> RunInfo {
        var run = RunInfo(shard: shard, total: 2, digest: Shard.digest(of: ["a", "b"]))
        run.fingerprint = fingerprint
        return run
    }

    static let results = [
        TestResult(name: "a", path: "a.sprite", outcome: .pass, points: Points(4), maxPoints: Points(4)),
        TestResult(name: "b", path: "b.sprite", outcome: .fail, maxPoints: Points(5)),
    ]

    /// The whole run's JSON with `field` replaced by `value` (text substitution, as a hand edit would).
    static func edited(_ old: String, _ new: String) -> [UInt8] {
        let json = JSONReport().render(results, run: run())
        #expect(json.contains(old), "\(old) not in the report")
        return Array(json.replacingOccurrences(of: old, with: new).utf8)
    }

    static func mergeError(_ bytes: [UInt8]) -> String? {
        do {
            let read = try JSONReport.read(bytes)
            _ = try Merge.merge([(file: "s.json", results: read.results, run: read.run)])
            return nil
        } catch let error as JSONReport.ReadError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func theUneditedFileMerges() {
        #expect(Self.mergeError(Array(JSONReport().render(Self.results, run: Self.run()).utf8)) == nil)
    }

    /// Each of these trapped (a range 1...0, Int(1e300), an overflowing sum) or was summed as given.
    @Test(arguments: [
        ("\"count\": 1", "\"count\": 0", "is shard 1/0, which no run has"),
        ("\"index\": 1", "\"index\": -3", "is shard -3/1, which no run has"),
        ("\"points\": 4", "\"points\": 1e300", "1e+300 is not a number of points from 0 to 1000000"),
        ("\"points\": 4", "\"points\": 9e16", "9e+16 is not a number of points"),
        ("\"points\": 4", "\"points\": -50", "-50.0 is not a number of points"),
        ("\"points\": 4", "\"points\": 0", "has 0 of 4 points with the verdict PASS"),
        ("\"points\": 0,\n      \"max_points\": 5", "\"points\": 5,\n      \"max_points\": 5",
         "has 5 of 5 points with the verdict FAIL"),
        ("\"total\": 2", "\"total\": -1", "holds 2 tests of a run of -1"),
        ("\"repeat\": 1", "\"repeat\": 0", "ran with repeat 0"),
        ("\"hidden\": false", "\"hidden\": false, \"signal\": 99999999999", "has the signal 99999999999"),
    ])
    func aNumberNoRunWritesIsRefused(old: String, new: String, message: String) throws {
        let error = try #require(Self.mergeError(Self.edited(old, new)))
        #expect(error.contains(message), "\(error)")
    }

    @Test func shardsOfRunsWithOtherOptionsOrFilesAreRefused() throws {
        let first = (file: "p1.json", results: [Self.results[0]], run: Self.run(shard: Shard(index: 1, count: 2)))
        let other = (file: "p2.json", results: [Self.results[1]],
                     run: Self.run(shard: Shard(index: 2, count: 2), fingerprint: "00000000000000bb"))
        #expect(throws: Merge.Failure("p2.json and p1.json ran with other options or other test files (their "
                                      + "fingerprints differ: 00000000000000bb and 00000000000000aa)")) {
            try Merge.merge([first, other])
        }
        var same = other
        same.run.fingerprint = "00000000000000aa"
        #expect(try Merge.merge([first, same]).results.count == 2)
    }

    @Test func theFingerprintFollowsTheOptionsAndTheFiles() throws {
        let folder = try Folder()
        let script = try folder.write("t.sprite")
        try folder.write("t.expected", "one\n")
        let tests = [TestCase(name: "t", path: script, expectedPath: folder.path + "/t.expected")]
        let base = RunFingerprint.of(tests, options: GradingOptions())
        var limited = GradingOptions()
        limited.ceiling[.events] = 10
        #expect(RunFingerprint.of(tests, options: limited) != base)
        var ignored = GradingOptions()
        ignored.headers = .ignored
        #expect(RunFingerprint.of(tests, options: ignored) != base)
        try folder.write("t.expected", "two\n")
        #expect(RunFingerprint.of(tests, options: GradingOptions()) != base)
        try folder.write("t.expected", "one\n")
        #expect(RunFingerprint.of(tests, options: GradingOptions()) == base)
    }

    @Test func sumsSaturateInsteadOfTrapping() {
        #expect(Points(hundredths: Int.max) + Points(1) == Points(hundredths: Int.max))
    }
}
