import Foundation
import SpriteScript

extension GradingRun {
    /// `--report`: the report of a test's run that did not pass, drawn by running it once more exactly as it
    /// ran (same seed, same seed offset, same limits: same script + seed = same run), with the child's
    /// `--report` pointing into the test's folder of the report. The graded run itself is never changed by
    /// `--report`: it writes no file (its RLIMIT_FSIZE stays 0), so a verdict cannot depend on the option,
    /// and tests that pass cost nothing more. Returns the folder beside the test's page, or nil when there is
    /// no report to link (a hidden test, an interrupted run, or a second run that did not finish).
    func drawRunReport(of test: TestCase, hidden: Bool, arguments: ChildArguments, processLimits: ProcessLimits,
                       timeout: Int64) -> String? {
        guard let report = options.report, !hidden || report.showHidden, !ChildRunner.isInterrupted,
              let folder = report.testFolder(test.name) else { return nil }
        let runFolder = HostPath.join(folder, HTMLReportFolder.runReportFolder)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST, mkdir(runFolder, 0o755) == 0 else { return nil }
        var limits = processLimits
        limits.fileSize = HTMLReportFolder.runReportFileSize
        let exit = runner.run(arguments.list(options.childCommand, limits, extra: ["--report", runFolder]),
                              timeoutNanoseconds: timeout)
        // A run killed half way (its timeout, a signal, Ctrl-C) leaves a report cut short: none is better.
        guard case .exited = exit.termination, !ChildRunner.isInterrupted,
              FileManager.default.fileExists(atPath: HostPath.join(runFolder, "index.html")) else {
            try? FileManager.default.removeItem(atPath: runFolder)
            return nil
        }
        return HTMLReportFolder.runReportFolder
    }
}
