import ArgumentParser
import Foundation
import SpriteGrading
import SpriteScript

/// `sprite-shell test PATH…`: grades the scenarios under the paths (docs/GRADING.md). Options in,
/// SpriteGrading does the work, a report out, and the exit status.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Grade scenario files: each in its own process, against its .expected output, with points.",
        usage: "sprite-shell test [options] PATH ...\nsprite-shell test --merge [options] RESULTS.json ...",
        discussion: """
            A PATH is a .sprite file or a folder searched for them (names starting with '_' or '.' are \
            skipped there). A test passes when its script exits 0 (or the status its header asks for) and \
            its output matches NAME.expected, if there is one, byte for byte. Each test's header \
            ('# test: points 5', 'timeout 10s', 'hidden', 'description …', 'limit events=…', 'seed 7', \
            'expect-status 1') overrides the defaults below; see docs/GRADING.md.

            --report DIR writes DIR/index.html (every test, its verdict, points and time, the totals) and, for \
            each test that did not pass, DIR/tests/N-NAME/index.html: why, its failed expects and diff, and \
            the report of its run (run again with the same seed, as 'sprite-shell run --report' draws it). \
            Hidden tests' pages withhold what the other reports withhold, unless --show-hidden.

            exit status:
              0  every test passed
              1  a test did not pass (FAIL, TIMEOUT, LIMIT, ERROR or CRASH)
              2  the command line is malformed, no test was found, two tests share
                 a name, --merge files do not fit together, or the --report folder
                 holds files that are not an earlier report
              3  the run was interrupted (Ctrl-C), or the running executable, which
                 starts each test, cannot be found
              5  the report, a --junit or --gradescope file, or the --report
                 folder could not be written

            \(Limits.documentation)
            """
    )

    @Argument(help: ArgumentHelp("Scenario files or folders (with --merge: JSON result files).", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Points of a test whose header gives none.", valueName: "N"))
    var points = "1"

    @Option(help: ArgumentHelp("Wall-clock time a test may take before it is killed, unless its header "
                               + "says otherwise.", valueName: "duration"))
    var timeout = "30s"

    @OptionGroup var limits: LimitOptions

    @Option(help: "Seed of a test whose header gives none.")
    var seed: UInt64 = 1

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Run each test K times, with seeds SEED…SEED+K-1, and report verdicts that depend on the seed.",
        valueName: "K"))
    var repeatCount = 1

    @Option(help: ArgumentHelp("Tests run at once, each in its own process.", valueName: "N"))
    var jobs = 1

    @Option(help: ArgumentHelp("Run only the I-th of N slices of the tests (sorted by name, dealt round robin).",
                               valueName: "I/N"))
    var shard: String?

    @Flag(help: "Read JSON results of shards (--format json) and report them as one run.")
    var merge = false

    @Option(help: "Report format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Print the results as TAP version 14 instead of the report.")
    var tap = false

    @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Also write the results as Gradescope's results.json to this file.",
                               valueName: "file"))
    var gradescope: String?

    @Option(name: .customLong("report"), help: ArgumentHelp(
        "Also write an HTML report into this folder: index.html with every test, and a page for each that did not "
            + "pass, with its diff and the report of its run.", valueName: "DIR"))
    var reportFolder: String?

    @Flag(help: "Show hidden tests' output and diffs too (for course staff).")
    var showHidden = false

    @Option(help: ArgumentHelp("Whether the tests' '# test:' headers count: trusted, or ignored (scenarios "
                               + "students wrote run under the command line's settings).", valueName: "policy"))
    var headers: HeaderPolicy = .trusted

    @Option(help: ArgumentHelp("The most points a header may give a test; a header asking more is an ERROR.",
                               valueName: "N"))
    var maxPoints: String?

    @Option(help: ArgumentHelp("Address space each test's process may use.", valueName: "size"))
    var addressSpace = "2GB"

    @OptionGroup var sandbox: SandboxOptions

    #if DEBUG
    /// Debug builds only: every test's process dies of this signal, so the tests can see a crash isolated.
    @Option(name: .customLong("debug-raise-signal"), help: ArgumentHelp(visibility: .private))
    var debugSignal: Int32?
    #endif

    func validate() throws {
        if tap && format == .json {
            throw ValidationError("--tap and --format json both choose what standard output prints; give one")
        }
        _ = try gradingOptions()
        _ = try slice()
        if merge {
            let given: [(String, Bool)] = [
                ("--shard", shard != nil), ("--jobs", jobs != 1), ("--repeat", repeatCount != 1), ("--seed", seed != 1),
                ("--points", points != "1"), ("--timeout", timeout != "30s"), ("--limit", !limits.settings.isEmpty),
                ("--address-space", addressSpace != "2GB"), ("--allow-path", !sandbox.allowedFolders.isEmpty),
                ("--headers", headers != .trusted), ("--max-points", maxPoints != nil),
            ]
            let unused = given.filter(\.1).map(\.0)
            guard unused.isEmpty else {
                throw ValidationError("--merge reports results already graded, so " + unused.joined(separator: ", ")
                                      + " would change nothing; give \(unused.count == 1 ? "it" : "them") to the "
                                      + "runs of the shards")
            }
        }
    }

    /// `--shard`, read in validate() so that a malformed one is answered with this command's usage.
    func slice() throws -> Shard {
        guard let shard else { return .whole }
        do throws(ShardError) {
            return try Shard(parsing: shard)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func gradingOptions() throws -> GradingOptions {
        var options = GradingOptions()
        guard let points = Points(parsing: points) else {
            throw ValidationError("--points takes a number like 5 or 2.5 (at most two decimals), not '\(points)'")
        }
        options.points = points
        if let maxPoints {
            guard let most = Points(parsing: maxPoints) else {
                throw ValidationError("--max-points takes a number like 5 or 2.5 (at most two decimals), "
                                      + "not '\(maxPoints)'")
            }
            options.maxPoints = most
        }
        options.headers = headers
        guard let timeout = Limits.unclippedValue(of: .wall, from: timeout), timeout <= TestHeader.maxTimeout else {
            throw ValidationError("--timeout takes a duration like 10s or 2min, up to \(TestHeader.maxTimeoutText), "
                                  + "not '\(timeout)'")
        }
        options.timeout = timeout
        guard let addressSpace = Limits.value(of: .fileBytes, from: addressSpace), addressSpace >= 64 << 20 else {
            throw ValidationError("--address-space takes a size of at least 64MB, like 2GB, not '\(addressSpace)'")
        }
        options.addressSpace = addressSpace
        guard (1...Repeat.maxCount).contains(repeatCount) else {
            throw ValidationError("--repeat takes a count from 1 to \(Repeat.maxCount)")
        }
        guard (1...GradingRun.maxJobs).contains(jobs) else {
            throw ValidationError("--jobs takes a count from 1 to \(GradingRun.maxJobs) (the grader holds each "
                                  + "running test's output and diff, up to about 60MB)")
        }
        options.ceiling = try limits.limits()
        // Without --limit wall, a test's wall-clock limit is its timeout's (GradingRun.childLimitArguments).
        if !limits.settings.contains(where: { $0.hasPrefix("wall=") }) {
            options.ceiling[.wall] = GradingRun.wallCeiling
        }
        options.seed = seed
        options.repeatCount = repeatCount
        options.jobs = jobs
        // Absolute: each test runs in its own folder.
        options.childArguments = sandbox.allowedFolders.flatMap { ["--allow-path", Self.absolute($0)] }
        #if DEBUG
        if let debugSignal { options.childArguments += ["--debug-raise-signal", String(debugSignal)] }
        #endif
        return options
    }

    func run() throws {
        let report: any GradingReport
        if tap {
            report = TAPReport(showHidden: showHidden)
        } else if format == .json {
            report = JSONReport()
        } else {
            report = HumanReport(showHidden: showHidden)
        }
        let status = merge ? try runMerge(report) : try runTests(report)
        let final = StandardOutput.shared.finish(status)
        if final != .ok { throw ExitCode(final.rawValue) }
    }

    private func runTests(_ report: any GradingReport) throws -> ExitStatus {
        let slice = try slice()
        let everyTest: [TestCase]
        do {
            everyTest = try TestDiscovery.discover(paths)
        } catch {
            return Self.refuse(error.description)
        }
        guard !everyTest.isEmpty else {
            return Self.refuse("no tests: no .sprite file under " + paths.map { "'\($0)'" }.joined(separator: ", "))
        }
        let tests = slice.select(everyTest)
        var run = RunInfo(shard: slice, total: everyTest.count, digest: Shard.digest(of: everyTest.map(\.name)),
                          seed: seed, repeatCount: repeatCount)
        guard let executable = ChildRunner.currentExecutable else {
            StandardOutput.shared.writeError("sprite-shell: error: cannot find the running executable to start tests")
            return .runtimeError
        }
        var options = try gradingOptions()
        run.fingerprint = RunFingerprint.of(everyTest, options: options)
        var html: HTMLReportFolder?
        if let reportFolder {
            switch prepare(reportFolder, names: everyTest.map(\.name), tests: everyTest.map(\.path)) {
            case .success(let folder): html = folder
            case .failure(let failure): return failure.status
            }
            options.report = html
        }
        let grading = GradingRun(options: options, runner: ChildRunner(executable: executable))
        // Tests run in process groups of their own, which a terminal's Ctrl-C does not reach: the grader
        // kills them itself and stops.
        // Unblocked too: a parent may start the grader with them blocked (a test runner, a CI supervisor),
        // and a grader deaf to SIGTERM would leave reports that never say the run was cut short.
        var caught = sigset_t()
        sigemptyset(&caught)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in ChildRunner.interrupt() }
            sigaddset(&caught, signalNumber)
        }
        sigprocmask(SIG_UNBLOCK, &caught, nil)
        // The index first says the run has not finished: a grader killed outright leaves that behind.
        if let html, let reportFolder,
           !write(html.writeStart(grading.complete([], of: tests), run: run), reportFolder) {
            return .outputFailed
        }
        // Interrupted, the run still reports every test: those it did not finish as not graded (after the
        // lines already printed, which are the tests up to the first unfinished one).
        var results: [TestResult] = []
        var printed = 0
        // The run's wall-clock time, for Gradescope's execution_time and the JSON report's wall_time.
        let start = ContinuousClock.now
        if let human = report as? HumanReport {
            // Each line as soon as its test and every one before it are done.
            let width = HumanReport.nameWidth(tests.map(\.name))
            let print: @Sendable (TestResult) -> Void = { result in
                StandardOutput.shared.write(String(human.line(for: result, nameWidth: width).dropLast()), to: .output)
                StandardOutput.shared.flush()
            }
            (results, printed) = complete(grading, tests, onResult: print)
            results[printed...].forEach(print)
            run.wallSeconds = Self.seconds(since: start)
            StandardOutput.shared.write(String(human.footer(results, run: run).dropLast()), to: .output)
        } else if let tap = report as? TAPReport {
            // The plan first, then each test point as it is graded: a reader sees a run cut short.
            StandardOutput.shared.write(String(tap.header(count: tests.count).dropLast()), to: .output)
            let numbers = Dictionary(uniqueKeysWithValues: tests.enumerated().map { ($1.name, $0 + 1) })
            let print: @Sendable (TestResult) -> Void = { result in
                let point = tap.point(for: result, number: numbers[result.name] ?? 0)
                StandardOutput.shared.write(String(point.dropLast()), to: .output)
                StandardOutput.shared.flush()
            }
            (results, printed) = complete(grading, tests, onResult: print)
            results[printed...].forEach(print)
            run.wallSeconds = Self.seconds(since: start)
            StandardOutput.shared.write(String(tap.footer(results, run: run).dropLast()), to: .output)
        } else {
            (results, printed) = complete(grading, tests, onResult: { _ in })
            run.wallSeconds = Self.seconds(since: start)
            StandardOutput.shared.write(String(report.render(results, run: run).dropLast()), to: .output)
        }
        guard writeReportFiles(results, run: run, html: html) else { return .outputFailed }
        let notGraded = GradingSummary(results).notGraded
        if ChildRunner.isInterrupted || notGraded > 0 {
            StandardOutput.shared.writeError("sprite-shell: interrupted: \(tests.count - notGraded) of \(tests.count) "
                                             + "tests graded; the reports say so")
            return .runtimeError
        }
        return results.allSatisfy(\.outcome.passed) ? .ok : .expectationFailed
    }

    /// Grades `tests`, then completes the results with the tests an interruption left (GradingRun.complete).
    /// Also returns how many results `onResult` heard: the tests from the first up to the first unfinished.
    private func complete(_ grading: GradingRun, _ tests: [TestCase],
                          onResult: @escaping @Sendable (TestResult) -> Void) -> ([TestResult], Int) {
        let finished = grading.run(tests, onResult: onResult)
        let names = Set(finished.map(\.name))
        let heard = tests.prefix { names.contains($0.name) }.count
        return (grading.complete(finished, of: tests), heard)
    }

    private func runMerge(_ report: any GradingReport) throws -> ExitStatus {
        var parts: [(file: String, results: [TestResult], run: RunInfo)] = []
        for path in paths {
            switch Merge.read(path) {
            case .success(let bytes):
                do {
                    let read = try JSONReport.read(bytes)
                    parts.append((path, read.results, read.run))
                } catch {
                    return Self.refuse("--merge: cannot read '\(path)': \(error.description)")
                }
            case .failure(let failure):
                return Self.refuse("--merge: cannot read '\(path)': \(failure.description)")
            }
        }
        let merged: (results: [TestResult], run: RunInfo)
        do {
            merged = try Merge.merge(parts)
        } catch {
            return Self.refuse("--merge: \(error.description)")
        }
        StandardOutput.shared.write(String(report.render(merged.results, run: merged.run).dropLast()), to: .output)
        var html: HTMLReportFolder?
        if let reportFolder {
            // A merged run has its tests' pages but no run reports: those are drawn where the shards ran.
            switch prepare(reportFolder, names: merged.results.map(\.name), tests: merged.results.map(\.path)) {
            case .success(let folder): html = folder
            case .failure(let failure): return failure.status
            }
        }
        guard writeReportFiles(merged.results, run: merged.run, html: html) else { return .outputFailed }
        return merged.results.allSatisfy(\.outcome.passed) ? .ok : .expectationFailed
    }

    /// `--junit`, `--gradescope` and `--report`: false, with one line on standard error, when a file cannot be
    /// written.
    private func writeReportFiles(_ results: [TestResult], run: RunInfo, html: HTMLReportFolder?) -> Bool {
        let files: [(String?, any GradingReport)] = [(junit, JUnitReport(showHidden: showHidden)),
                                                     (gradescope, GradescopeReport(showHidden: showHidden))]
        var written = true
        for case let (path?, report) in files {
            if case .failure(let failure) = ReportFile.write(report.render(results, run: run), to: path) {
                StandardOutput.shared.writeError("sprite-shell: error: cannot write '\(path)': \(failure.reason)")
                written = false
            }
        }
        if let html, let reportFolder, !write(html.write(results, run: run), reportFolder) { written = false }
        return written
    }

    /// `--report DIR` made ready before any test runs: the folder and the slugs of the whole run's tests
    /// (`names`, in the run's order); exit status 2 for a folder refused (an empty name, a folder holding
    /// `tests`, anything but an earlier report), 5 for one that cannot be made.
    private func prepare(_ report: String, names: [String],
                         tests: [String]) -> Result<HTMLReportFolder, StatusFailure> {
        guard !report.isEmpty, !report.contains("\0") else {
            return .failure(StatusFailure(status: Self.refuse("--report: '\(report)' is not a folder name; give "
                                                              + "the name of a folder, like --report report")))
        }
        let path = Self.absolute(report)
        if case .failure(let failure) = HTMLReportFolder.prepare(path, tests: tests.map(Self.absolute)) {
            if failure.refused {
                return .failure(StatusFailure(status: Self.refuse("--report: '\(report)': \(failure.reason)")))
            }
            StandardOutput.shared.writeError("sprite-shell: error: cannot write the report in '\(report)': "
                                             + failure.reason)
            return .failure(StatusFailure(status: .outputFailed))
        }
        return .success(HTMLReportFolder(path: path, slugs: ReportSlug.slugs(forRun: names), showHidden: showHidden))
    }

    /// The exit status of a command that stops before it grades anything.
    private struct StatusFailure: Error {
        let status: ExitStatus
    }

    /// False, with one line on standard error, when the report folder could not be written.
    private func write(_ written: Result<Void, HTMLReportFolder.Failure>, _ report: String) -> Bool {
        guard case .failure(let failure) = written else { return true }
        StandardOutput.shared.writeError("sprite-shell: error: cannot write the report in '\(report)': "
                                         + failure.reason)
        return false
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : HostPath.join(FileManager.default.currentDirectoryPath, path)
    }

    /// A run that cannot start as asked (no tests, two of one name, shards that do not fit): one line
    /// on standard error and exit status 2, without the usage text a malformed option gets.
    private static func refuse(_ message: String) -> ExitStatus {
        StandardOutput.shared.writeError(ParserMessage.fitted("sprite-shell: error: " + message))
        return .malformed
    }
}

extension HeaderPolicy: ExpressibleByArgument {}
