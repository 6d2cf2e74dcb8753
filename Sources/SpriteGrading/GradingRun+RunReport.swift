import Foundation
import SpriteScript

extension GradingRun {
    /// What `drawRunReport` did: the run report's folder beside the test's page, or why there is none; and the
    /// wall-clock seconds its second run took (none when it made none).
    struct DrawnRunReport {
        var folder: String?
        var note: String?
        var seconds: Double = 0
    }

    /// `--report`: the report of a test's run that did not pass, drawn by running it once more exactly as it
    /// ran (same seed, same seed offset, same limits: same script + seed = same run), with the child's
    /// `--report` pointing into the test's folder of the report. The graded run itself is never changed by
    /// `--report`: it writes no file (its RLIMIT_FSIZE stays 0), so a verdict cannot depend on the option,
    /// and tests that pass cost nothing more. The second run's time is kept apart (the index totals it).
    /// A test whose `graded` run wrote more output than the grader reads is not run again: its report's
    /// output would be cut far before that, for a second run as long as the first.
    func drawRunReport(of test: TestCase, hidden: Bool, graded: ChildExit, arguments: ChildArguments,
                       processLimits: ProcessLimits, timeout: Int64) -> DrawnRunReport {
        guard let report = options.report, !hidden || report.showHidden, !ChildRunner.isInterrupted,
              let folder = report.testFolder(test.name) else { return DrawnRunReport() }
        guard !graded.truncated else {
            return DrawnRunReport(note: "No run report: the test wrote more output than the grader reads, so it "
                                    + "was not run a second time to draw one.")
        }
        let testFolder = HostPath.lastComponent(of: folder)
        let runFolder = HostPath.join(folder, HTMLReportFolder.runReportFolder)
        guard case .success = ReplacingFile.makeFolder(root: report.path, relative: "tests/\(testFolder)"),
              case .success = ReplacingFile.makeFolder(root: report.path, relative: "tests/\(testFolder)/"
                                                        + HTMLReportFolder.runReportFolder, fresh: true) else {
            return DrawnRunReport(note: "No run report: its folder could not be made.")
        }
        var limits = processLimits
        limits.fileSize = HTMLReportFolder.runReportFileSize
        let exit = runner.run(arguments.list(options.childCommand, limits, extra: ["--report", runFolder]),
                              timeoutNanoseconds: timeout)
        var drawn = DrawnRunReport(seconds: exit.seconds)
        // A run killed half way (its timeout, a signal, Ctrl-C) leaves a report cut short: none is better.
        if case .exited = exit.termination, !ChildRunner.isInterrupted,
           FileManager.default.fileExists(atPath: HostPath.join(runFolder, "index.html")) {
            drawn.folder = HTMLReportFolder.runReportFolder
            return drawn
        }
        Self.removeRunReport(runFolder)
        drawn.note = "No run report: the second run that draws it " + Self.why(exit) + "."
        return drawn
    }

    /// Why a second run left no report, for the test's page.
    static func why(_ exit: ChildExit) -> String {
        switch exit.termination {
        case .signalled(SIGXFSZ):
            "wrote a file past the \(HTMLReportFolder.runReportFileSize >> 20)MB a report's file may reach"
        case .signalled(let signal): "died of signal \(signal)"
        case .timedOut: "ran past the test's timeout"
        case .interrupted: "was interrupted"
        case .exited(let status): "ended with exit status \(status) and wrote no page"
        case .failedToStart(let reason): "could not start: " + reason
        }
    }

    /// Removes what a second run that did not finish wrote: the plain files a run report holds (unlinked:
    /// never followed), then its folder, only once empty. Anything else stays, and the folder with it.
    static func removeRunReport(_ folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name == "index.html" || name == "results.json" || name.hasSuffix(".svg")
            || name.hasSuffix(".partial") {
            var status = stat()
            let path = HostPath.join(folder, name)
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
        rmdir(folder)
    }
}
