import Foundation
import SpriteScript

/// `--format json`: one JSON document (docs/grading.schema.json) with the run, each test and the totals.
/// It is also what `--merge` reads back, so shards run anywhere combine into one report.
public struct JSONReport: GradingReport, Sendable {
    public static let format = "sprite-shell-test"
    public static let version = 1

    public init() {}

    public func render(_ results: [TestResult], run: RunInfo) -> String {
        let summary = GradingSummary(results)
        var fields: [(String, JSONValue)] = [
            ("format", .string(Self.format)), ("version", .int(Int64(Self.version))),
            ("shard", .object([("index", .int(Int64(run.shard.index))), ("count", .int(Int64(run.shard.count)))])),
            ("total", .int(Int64(run.total))), ("digest", .string(run.digest)),
            ("seed", .string(String(run.seed))), ("repeat", .int(Int64(run.repeatCount))),
        ]
        if let wall = run.wallSeconds { fields.append(("wall_time", .double((wall * 1000).rounded() / 1000))) }
        if let fingerprint = run.fingerprint { fields.append(("fingerprint", .string(fingerprint))) }
        if summary.notGraded > 0 { fields.append(("not_graded", .int(Int64(summary.notGraded)))) }
        let document: JSONValue = .object(fields + [
            ("tests", .array(results.map(Self.test))),
            ("summary", .object([
                ("total", .int(Int64(summary.total))), ("passed", .int(Int64(summary.passed))),
                ("failed", .int(Int64(summary.failed))), ("points", Self.value(summary.points)),
                ("max_points", Self.value(summary.maxPoints)), ("percent", .double(summary.percent)),
            ])),
            ("seed_dependent", .array(results.filter(\.seedDependent).map { .string($0.name) })),
        ])
        return JSONLayout.pretty(document) + "\n"
    }

    static func test(_ result: TestResult) -> JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(result.name)), ("path", .string(result.path)),
                                             ("outcome", .string(result.outcome.word))]
        if case .limit(let name?) = result.outcome { fields.append(("limit", .string(name))) }
        if case .crash(let signal) = result.outcome { fields.append(("signal", .int(Int64(signal)))) }
        fields += [("points", value(result.points)), ("max_points", value(result.maxPoints)),
                   ("time", .double((result.seconds * 1000).rounded() / 1000)), ("hidden", .bool(result.hidden))]
        let optional: [(String, String?)] = [("description", result.description), ("reason", result.reason),
                                             ("diff", result.diff), ("output", result.output)]
        if let status = result.status { fields.append(("status", .int(Int64(status)))) }
        fields += optional.compactMap { key, text in text.map { (key, .string($0)) } }
        if !result.seeds.isEmpty {
            fields.append(("seeds", .array(result.seeds.map {
                .object([("seed", .string(String($0.seed))), ("outcome", .string($0.outcome.word))])
            })))
        }
        return .object(fields)
    }

    /// `5` or `2.5`.
    static func value(_ points: Points) -> JSONValue {
        points.hundredths % 100 == 0 ? .int(Int64(points.hundredths / 100)) : .double(Double(points.hundredths) / 100)
    }

    /// Reads a document this report wrote; the error says what is wrong with it.
    public static func read(_ data: [UInt8]) throws(ReadError) -> (results: [TestResult], run: RunInfo) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(data))
        } catch {
            throw ReadError(description: "it is not a sprite-shell test result (\(Self.reason(error)))")
        }
        guard document.format == format, document.version == version else {
            throw ReadError(description: "it is '\(document.format)' version \(document.version), "
                            + "not '\(format)' version \(version)")
        }
        var results: [TestResult] = []
        for test in document.tests { results.append(try test.result()) }
        return (results, try document.run())
    }

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "no field '\(key.stringValue)'"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            place(context.codingPath) + context.debugDescription
        default: "not JSON"
        }
    }

    /// `tests.0.points: `, or nothing for the document itself.
    private static func place(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + ": "
    }

    /// The document's fields, in the schema's spelling.
    struct Document: Decodable {
        var format: String
        var version: Int
        var shard: Shard
        var total: Int
        var digest: String
        /// A string: a 64-bit seed is past what every JSON reader keeps exact in a number.
        var seed: String
        var `repeat`: Int
        /// Absent from files written before it was.
        var wallTime: Double?
        var fingerprint: String?
        /// Tests of an interrupted run that were not graded.
        var notGraded: Int?

        enum CodingKeys: String, CodingKey {
            case format, version, shard, total, digest, seed, `repeat`, tests, fingerprint
            case wallTime = "wall_time"
            case notGraded = "not_graded"
        }
        /// The summary and the seed-dependent list are not read: they follow from the tests.
        var tests: [Test]

        func run() throws(ReadError) -> RunInfo {
            guard let seed = UInt64(seed) else { throw ReadError(description: "its seed '\(seed)' is not a seed") }
            guard (notGraded ?? 0) == 0 else {
                throw ReadError(description: "it is the result of an interrupted run (\(notGraded ?? 0) tests not "
                                + "graded); run its shard again")
            }
            var run = RunInfo(shard: shard, total: total, digest: digest, seed: seed, repeatCount: self.repeat,
                              wallSeconds: wallTime)
            run.fingerprint = fingerprint
            return run
        }
    }

    struct Test: Decodable {
        var name: String
        var path: String
        var outcome: String
        var limit: String?
        /// Read wide and checked, so an out-of-range number is named rather than failing the whole decode.
        var signal: Int64?
        var points: Points
        var maxPoints: Points
        var time: Double
        var hidden: Bool
        var description: String?
        var status: Int64?
        var reason: String?
        var diff: String?
        var output: String?
        var seeds: [Seed]?

        enum CodingKeys: String, CodingKey {
            case name, path, outcome, limit, signal, points, time, hidden, description, status, reason, diff
            case output, seeds
            case maxPoints = "max_points"
        }

        func result() throws(ReadError) -> TestResult {
            guard signal.map({ (1...127).contains($0) }) ?? true, status.map({ (0...255).contains($0) }) ?? true else {
                throw ReadError(description: "test '\(name)' has the signal \(signal ?? 0) or exit status "
                                + "\(status ?? 0), which no process has")
            }
            let signal = self.signal.map { Int32($0) }, status = self.status.map { Int32($0) }
            let outcome = try Self.outcome(outcome, limit: limit, signal: signal, test: name)
            var seedVerdicts: [SeedVerdict] = []
            for entry in seeds ?? [] {
                guard let seed = UInt64(entry.seed) else {
                    throw ReadError(description: "test '\(name)' has the seed '\(entry.seed)', which is not a seed")
                }
                let outcome = try Self.outcome(entry.outcome, limit: nil, signal: nil, test: name)
                seedVerdicts.append(SeedVerdict(seed: seed, outcome: outcome))
            }
            return TestResult(name: name, path: path, description: description, hidden: hidden, outcome: outcome,
                              points: points, maxPoints: maxPoints, seconds: time, status: status, reason: reason,
                              diff: diff, output: output, seeds: seedVerdicts)
        }

        static func outcome(_ word: String, limit: String?, signal: Int32?, test: String) throws(ReadError)
            -> TestOutcome {
            switch word {
            case "pass": return .pass
            case "fail": return .fail
            case "timeout": return .timeout
            case "limit": return .limit(limit)
            case "error": return .error
            case "crash": return .crash(signal ?? 0)
            default: throw ReadError(description: "test '\(test)' has the unknown outcome '\(word)'")
            }
        }
    }

    struct Seed: Decodable {
        var seed: String
        var outcome: String
    }
}
