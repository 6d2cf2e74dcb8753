import Foundation
import SpriteScript

/// `sprite-shell test --report DIR`: a folder of HTML pages about one grading run.
///
///     DIR/index.html                    every test, its verdict, points and time; the totals
///     DIR/tests/SLUG/index.html         a test that did not pass: why, its diff, its failed expects
///     DIR/tests/SLUG/run/index.html     the report of that test's run (`sprite-shell run --report`)
///
/// Only tests that were graded and did not pass have a page, so there are never more pages than tests,
/// and each page is bounded by what the grader keeps of a test (its reason, 20 lines of standard error,
/// a diff of at most 40 lines). The pages are the same bytes for the same results, times aside.
public struct HTMLReportFolder: Sendable {
    /// The folder, absolute: test processes run in their own folders.
    public let path: String
    /// The slug of every test of the whole run (ReportSlug).
    public let slugs: [String: String]
    /// Show hidden tests' output, diff and run report too (`--show-hidden`).
    public var showHidden = false

    /// The run report's folder beside a test's page.
    public static let runReportFolder = "run"
    /// Bytes each file of a run report may reach (the test's process's RLIMIT_FSIZE while it draws the
    /// report): the text output the grader reads (8MB) and pictures of at most the picture-events limit.
    public static let runReportFileSize: Int64 = 64 << 20

    public struct Failure: Error, Sendable {
        public let reason: String
        /// True when the folder is refused (it holds files that are not an earlier report), rather than
        /// failing to be written.
        public let refused: Bool
    }

    public init(path: String, slugs: [String: String], showHidden: Bool = false) {
        self.path = path
        self.slugs = slugs
        self.showHidden = showHidden
    }

    /// Makes `path` ready for a report before any test runs: created when missing (its parent must exist);
    /// an empty folder is taken as it is, and one holding an earlier `--report`'s index.html has that index
    /// and its `tests/` removed; any other folder is refused, so that nothing else is ever written over.
    public static func prepare(_ path: String) -> Result<Void, Failure> {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return .failure(Failure(reason: "it is not a folder", refused: true)) }
            let entries: [String]
            do {
                entries = try manager.contentsOfDirectory(atPath: path)
            } catch {
                return .failure(Failure(reason: "cannot list it", refused: false))
            }
            if !entries.isEmpty {
                guard isEarlierReport(HostPath.join(path, "index.html")) else {
                    return .failure(Failure(reason: "it is not empty and holds no earlier test report; give a new "
                                            + "or an empty folder", refused: true))
                }
                for name in ["index.html", "tests"] where entries.contains(name) {
                    do {
                        try manager.removeItem(atPath: HostPath.join(path, name))
                    } catch {
                        return .failure(Failure(reason: "cannot remove the earlier report's \(name)", refused: false))
                    }
                }
            }
        } else {
            // Only the last folder is made: a mistyped path does not grow a tree of folders.
            let parent = HostPath.folder(of: path)
            guard manager.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isFolder),
                  isFolder.boolValue else {
                return .failure(Failure(reason: "its parent folder does not exist; create it first", refused: true))
            }
            guard mkdir(path, 0o755) == 0 else {
                return .failure(Failure(reason: String(cString: strerror(errno)).lowercased(), refused: false))
            }
        }
        let tests = HostPath.join(path, "tests")
        guard mkdir(tests, 0o755) == 0 else {
            return .failure(Failure(reason: "cannot make tests/ in it: " + String(cString: strerror(errno))
                                        .lowercased(), refused: false))
        }
        return .success(())
    }

    /// True when `index` is an index.html a `--report` wrote: its first kilobytes name the generator.
    static func isEarlierReport(_ index: String) -> Bool {
        guard case .success(let bytes) = BoundedFile.read(index, cap: 1 << 26) else { return false }
        let head = String(decoding: bytes.prefix(1 << 12), as: UTF8.self)
        return head.contains("<meta name=\"generator\" content=\"\(HTMLText.generator)\">")
    }

    /// The folder of the test named `name`'s page, absolute; nil for a test outside the run's slugs.
    public func testFolder(_ name: String) -> String? {
        slugs[name].map { HostPath.join(HostPath.join(path, "tests"), $0) }
    }

    /// The tests that get a page, each with its slug: those graded that did not pass.
    func pages(_ results: [TestResult]) -> [String: String] {
        var pages: [String: String] = [:]
        for result in results where result.graded && !result.outcome.passed {
            pages[result.name] = slugs[result.name]
        }
        return pages
    }

    /// The index of a run about to start: every test listed, nothing graded, marked not final.
    public func writeStart(_ results: [TestResult], run: RunInfo) -> Result<Void, Failure> {
        let page = HTMLIndexPage().render(results, run: run, pages: [:], state: .inProgress)
        return write(page, to: "index.html")
    }

    /// Each page of a finished (or interrupted) run, then the index that links them.
    public func write(_ results: [TestResult], run: RunInfo) -> Result<Void, Failure> {
        let pages = pages(results)
        let page = HTMLTestPage(showHidden: showHidden)
        for result in results {
            guard let slug = pages[result.name], let folder = testFolder(result.name) else { continue }
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                return .failure(Failure(reason: "cannot make tests/\(slug): " + String(cString: strerror(errno))
                                            .lowercased(), refused: false))
            }
            let shown = result.hidden && !showHidden ? nil : result.runReport
            if case .failure(let failure) = write(page.render(result, runReport: shown),
                                                  to: "tests/\(slug)/index.html") {
                return .failure(failure)
            }
        }
        let index = HTMLIndexPage().render(results, run: run, pages: pages, state: .finished)
        return write(index, to: "index.html")
    }

    /// Writes the file `name`, relative to the folder; the failure names it.
    private func write(_ text: String, to name: String) -> Result<Void, Failure> {
        ReportFile.write(text, to: HostPath.join(path, name)).mapError {
            Failure(reason: "\(name): \($0.reason)", refused: false)
        }
    }
}
