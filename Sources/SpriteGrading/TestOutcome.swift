/// How one test ended.
public enum TestOutcome: Sendable, Hashable {
    case pass
    /// An expect failed, the output differs from `.expected`, or the exit status is not the one asked for.
    case fail
    /// The wall-clock timeout ran out and the test's processes were killed.
    case timeout
    /// A limit stopped the run; the limit's name when it is known (`events`, `memory`, `cpu`).
    case limit(String?)
    /// The test could not be graded as written: a malformed script or header, a runtime error,
    /// output that could not be written or was too long to read.
    case error
    /// The test's process died of this signal.
    case crash(Int32)

    /// The word reports print: PASS, FAIL, TIMEOUT, LIMIT, ERROR, CRASH.
    public var label: String {
        switch self {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .timeout: "TIMEOUT"
        case .limit: "LIMIT"
        case .error: "ERROR"
        case .crash: "CRASH"
        }
    }

    /// The lower-case word the JSON results use.
    public var word: String { label.lowercased() }

    public var passed: Bool { self == .pass }
}

/// One seed's verdict when a test runs under several seeds (`--repeat`).
public struct SeedVerdict: Sendable, Hashable {
    public let seed: UInt64
    public let outcome: TestOutcome

    public init(seed: UInt64, outcome: TestOutcome) {
        self.seed = seed
        self.outcome = outcome
    }
}

/// Everything a report needs to know about one test. Reporters (human, JSON, and others) read only this.
public struct TestResult: Sendable, Equatable {
    public var name: String
    public var path: String
    public var description: String?
    public var hidden: Bool
    public var outcome: TestOutcome
    public var points: Points
    public var maxPoints: Points
    /// Wall-clock seconds the test's processes took, over every seed.
    public var seconds: Double
    /// The child's exit status, when it exited.
    public var status: Int32?
    /// One line that says why the test did not pass; nil when it passed.
    public var reason: String?
    /// A short unified diff of the expected output against the output, for a test that differs.
    public var diff: String?
    /// The first lines of what the test wrote on standard error (the diagnostic of a failure).
    public var output: String?
    /// Each seed's verdict, with `--repeat` above 1.
    public var seeds: [SeedVerdict]
    /// False for a test the run did not finish grading (it was interrupted): an ERROR that says so, so a
    /// report of a cut run lists every test and cannot pass for a complete one.
    public var graded = true
    /// `--report`: the folder beside the test's page where its run's report was drawn (HTMLReportFolder);
    /// nil when there is none. Not in the JSON results: a merged run has no run reports.
    public var runReport: String?
    /// `--report`: why a test that did not pass has no run report (its second run did not finish, or was
    /// not made); nil when it has one or none was asked for.
    public var runReportNote: String?
    /// `--report`: wall-clock seconds of the second run that drew the run report; not in `seconds`, so a
    /// test's time is the same with and without `--report`.
    public var reportSeconds: Double = 0

    public init(name: String, path: String, description: String? = nil, hidden: Bool = false,
                outcome: TestOutcome, points: Points = .zero, maxPoints: Points, seconds: Double = 0,
                status: Int32? = nil, reason: String? = nil, diff: String? = nil, output: String? = nil,
                seeds: [SeedVerdict] = []) {
        self.name = name
        self.path = path
        self.description = description
        self.hidden = hidden
        self.outcome = outcome
        self.points = points
        self.maxPoints = maxPoints
        self.seconds = seconds
        self.status = status
        self.reason = reason
        self.diff = diff
        self.output = output
        self.seeds = seeds
    }

    /// True when the verdict changes with the seed (its kind: PASS, FAIL, LIMIT, …).
    public var seedDependent: Bool { Repeat.isSeedDependent(seeds) }
}

/// Totals over a run, as every report closes with them.
public struct GradingSummary: Sendable, Equatable {
    public let total: Int
    public let passed: Int
    public let points: Points
    public let maxPoints: Points
    /// Tests an interrupted run did not finish.
    public let notGraded: Int

    public init(_ results: [TestResult]) {
        total = results.count
        passed = results.filter { $0.outcome.passed }.count
        notGraded = results.filter { !$0.graded }.count
        points = results.reduce(.zero) { $0 + $1.points }
        maxPoints = results.reduce(.zero) { $0 + $1.maxPoints }
    }

    public var failed: Int { total - passed }

    /// Points as a percentage of the maximum, rounded to one decimal (100 when nothing is at stake).
    public var percent: Double {
        guard maxPoints.hundredths > 0 else { return 100 }
        return (Double(points.hundredths) * 1000 / Double(maxPoints.hundredths)).rounded() / 10
    }
}
