import Foundation
import SpriteScript
import Synchronization

/// The command line's defaults for every test; a test's header may set its own.
public struct GradingOptions: Sendable {
    public var points = Points(1)
    /// Wall-clock nanoseconds a test may take before its processes are killed.
    public var timeout: Int64 = 30_000_000_000
    /// The run-wide limits: a header may lower them, never raise them (a higher value is cut to these).
    public var ceiling = Limits()
    public var seed: UInt64 = 1
    /// Runs of each test, under seeds seed…seed+repeat-1.
    public var repeatCount = 1
    /// Tests run at once, each in its own process.
    public var jobs = 1
    /// RLIMIT_AS of each test's process.
    public var addressSpace = ProcessLimits.defaultAddressSpace
    /// The hidden command that runs one test in the child process.
    public var childCommand = "__child"
    /// More options for the child command (`--allow-path DIR`).
    public var childArguments: [String] = []
    /// Whether the tests' headers count (`--headers`).
    public var headers = HeaderPolicy.trusted
    /// The most points a header may give a test (`--max-points`); a header asking more is an ERROR.
    public var maxPoints: Points?
    /// `--report DIR`: where each test that does not pass gets its run's report drawn.
    public var report: HTMLReportFolder?

    public init() {}
}

/// Tests in, results out: each test graded in its own process, `jobs` at a time, the results in the
/// tests' order whichever finishes first.
public struct GradingRun: Sendable {
    public let options: GradingOptions
    public let runner: ChildRunner

    /// The most tests run at once: the grader holds each one's output (up to `ChildRunner.outputCap`), its
    /// `.expected` file and their diff: about 60MB at worst (8MB of output a line at a time against as
    /// much expected text), so 64 of them stay within 4GB.
    public static let maxJobs = 64

    /// How much longer than its timeout a test's own wall-clock limit is.
    static let wallMargin: Int64 = 1_000_000_000
    /// The run-wide wall limit when `--limit wall` is not given: each test's follows its timeout alone.
    public static let wallCeiling = TestHeader.maxTimeout + wallMargin

    /// Largest script the grader reads to find its header (as `run` reads: 16 MiB).
    static let maxScriptBytes = 16 << 20

    public init(options: GradingOptions, runner: ChildRunner) {
        self.options = options
        self.runner = runner
    }

    /// Grades `tests`; `onResult` hears each result in the tests' order as soon as it and every one
    /// before it are done (so a long run shows its lines as it goes).
    public func run(_ tests: [TestCase], onResult: @escaping @Sendable (TestResult) -> Void = { _ in })
        -> [TestResult] {
        let queue = WorkQueue(count: tests.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(options.jobs, tests.count)) {
            group.enter()
            let worker = Thread {
                while !ChildRunner.isInterrupted, let index = queue.take() {
                    queue.finish(index, grade(tests[index]), onResult: onResult)
                }
                group.leave()
            }
            worker.start()
        }
        group.wait()
        return queue.results
    }

    /// One test, under every seed of the run.
    public func grade(_ test: TestCase) -> TestResult {
        var result = TestResult(name: test.name, path: test.path, outcome: .error, maxPoints: options.points)
        if let problem = test.problem {
            result.reason = problem
            return result
        }
        let text: String
        switch BoundedFile.read(test.path, cap: Self.maxScriptBytes) {
        case .success(let bytes):
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                result.reason = "the script is not UTF-8 text"
                return result
            }
            text = decoded
        case .failure(let failure):
            result.reason = "cannot read the script: \(failure.reason)"
            return result
        }
        let settings: TestSettings
        switch options.headers == .ignored ? .success(TestSettings())
            : TestHeader.parse(SourceFile(name: test.path, text: text)) {
        case .success(let parsed): settings = parsed
        case .failure(let diagnostic):
            result.reason = "the test's header is malformed"
            result.output = diagnostic.rendered
            return result
        }
        result.description = settings.description
        result.hidden = settings.hidden
        if let most = options.maxPoints, let asked = settings.points, asked > most {
            result.reason = "the header asks for \(asked) points, more than --max-points \(most)"
            return result
        }
        result.maxPoints = settings.points ?? options.points
        var mapping = OutcomeMapping()
        let timeout = settings.timeout ?? options.timeout
        mapping.expectedStatus = settings.expectedStatus ?? 0
        mapping.timeoutText = Limits.formatted(.wall, timeout)
        if let expectedPath = test.expectedPath {
            switch BoundedFile.read(expectedPath, cap: runner.outputCap) {
            case .success(let bytes): mapping.expected = (bytes, HostPath.lastComponent(of: expectedPath))
            case .failure(let failure):
                result.reason = "cannot read \(HostPath.lastComponent(of: expectedPath)): \(failure.reason)"
                return result
            }
        }
        let processLimits = ProcessLimits(addressSpace: options.addressSpace,
                                          cpuSeconds: ProcessLimits.cpuSeconds(forTimeout: timeout))
        mapping.cpuSeconds = processLimits.cpuSeconds
        let limitArguments = childLimitArguments(settings, timeout: timeout)
        var details: (exit: ChildExit, verdict: OutcomeMapping.Verdict, arguments: ChildArguments)?
        let seeds = Repeat.seeds(from: settings.seed ?? options.seed, count: options.repeatCount)
        for (run, seed) in seeds.enumerated() {
            let arguments = ChildArguments(test: test, seed: seed, run: run, limits: limitArguments,
                                           more: options.childArguments)
            let exit = runner.run(arguments.list(options.childCommand, processLimits), timeoutNanoseconds: timeout)
            let verdict = mapping.verdict(for: exit)
            result.seconds += exit.seconds
            result.seeds.append(SeedVerdict(seed: seed, outcome: verdict.outcome))
            // The report explains the first seed that did not pass, else the first seed.
            if details == nil || details?.verdict.outcome.passed == true && !verdict.outcome.passed {
                details = (exit, verdict, arguments)
            }
        }
        result.outcome = Repeat.representative(result.seeds)
        if let details {
            if case .exited(let status) = details.exit.termination { result.status = status }
            if details.exit.termination == .interrupted { result.graded = false }
            result.reason = details.verdict.reason
            result.diff = details.verdict.diff
            result.output = details.verdict.output
        }
        if options.repeatCount == 1 { result.seeds = [] }
        result.points = result.outcome.passed ? result.maxPoints : .zero
        if let details, !result.outcome.passed, case .exited = details.exit.termination {
            let drawn = drawRunReport(of: test, hidden: settings.hidden, graded: details.exit,
                                      arguments: details.arguments, processLimits: processLimits, timeout: timeout)
            result.runReport = drawn.folder
            result.runReportNote = drawn.note
            result.reportSeconds = drawn.seconds
        }
        return result
    }

    /// Every test of the run in order: each graded one's result, and for each the run did not reach (it
    /// was interrupted) an ERROR that says so, worth its header's points.
    public func complete(_ results: [TestResult], of tests: [TestCase]) -> [TestResult] {
        let graded = Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return tests.map { test in
            if let result = graded[test.name] { return result }
            var result = TestResult(name: test.name, path: test.path, outcome: .error, maxPoints: options.points,
                                    reason: "not graded: the run was interrupted before this test")
            if options.headers == .trusted,
               case .success(let bytes) = BoundedFile.read(test.path, cap: Self.maxScriptBytes),
               let text = String(validating: bytes, as: UTF8.self),
               case .success(let settings) = TestHeader.parse(SourceFile(name: test.path, text: text)) {
                result.maxPoints = settings.points ?? options.points
                result.hidden = settings.hidden
                result.description = settings.description
            }
            result.graded = false
            return result
        }
    }

    /// `--limit NAME=VALUE` for each limit that is not the default: the run's ceiling, lowered by the header.
    /// The wall-clock limit follows the test's timeout (a second past it, so the grader's kill, reported as
    /// TIMEOUT, comes first), unless `--limit wall` or the header's `limit wall` is lower.
    func childLimitArguments(_ settings: TestSettings, timeout: Int64) -> [String] {
        var limits = options.ceiling
        for (name, value) in settings.limits { limits[name] = min(value, options.ceiling[name]) }
        limits[.wall] = min(limits[.wall], timeout + Self.wallMargin)
        return Limits.Name.allCases.filter { limits[$0] != Limits()[$0] }.flatMap { name in
            ["--limit", "\(name.rawValue)=\(Limits.formatted(name, limits[name]))"]
        }
    }
}

/// The tests still to run and the results so far, shared by the workers.
private final class WorkQueue: Sendable {
    private struct State {
        var next = 0
        var results: [TestResult?]
        /// Results handed to the listener so far, all in order.
        var announced = 0
    }

    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }

    func take() -> Int? {
        state.withLock { state in
            guard state.next < state.results.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func finish(_ index: Int, _ result: TestResult, onResult: (TestResult) -> Void) {
        state.withLock { state in
            state.results[index] = result
            while state.announced < state.results.count, let ready = state.results[state.announced] {
                onResult(ready)
                state.announced += 1
            }
        }
    }

    var results: [TestResult] { state.withLock { $0.results.compactMap { $0 } } }
}
