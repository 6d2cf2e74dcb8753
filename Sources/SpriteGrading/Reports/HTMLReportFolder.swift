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
    /// an empty folder is taken as it is, and one holding exactly an earlier `--report` (ReportManifest: its
    /// listed files, unchanged, and nothing else) has that report removed; any other folder is refused, so
    /// nothing else is ever written over or removed. A folder that holds one of `tests` (the scripts about to
    /// be graded) is refused too.
    public static func prepare(_ path: String, tests: [String] = []) -> Result<Void, Failure> {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return .failure(Failure(reason: "it is not a folder", refused: true)) }
            if let test = tests.first(where: { lies($0, inside: path) }) {
                return .failure(Failure(reason: "it holds \(HTMLText.line(test)), a test being graded; give a "
                                        + "folder of its own", refused: true))
            }
            let entries: [String]
            do {
                entries = try manager.contentsOfDirectory(atPath: path)
            } catch {
                return .failure(Failure(reason: "cannot list it", refused: false))
            }
            if !entries.isEmpty, case .failure(let failure) = removeEarlierReport(path) { return .failure(failure) }
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

    /// Removes the earlier report in the non-empty folder `path`, or refuses the folder when it holds anything
    /// its manifest does not list as written.
    private static func removeEarlierReport(_ path: String) -> Result<Void, Failure> {
        let refusal = "it is not empty and holds no earlier test report"
        let manifestPath = HostPath.join(path, ReportManifest.name)
        guard ReportManifest.plainFile(manifestPath) != nil,
              case .success(let bytes) = BoundedFile.read(manifestPath, cap: 1 << 26),
              let manifest = ReportManifest.parse(String(decoding: bytes, as: UTF8.self)) else {
            return .failure(Failure(reason: refusal + "; give a new or an empty folder", refused: true))
        }
        if let mismatch = manifest.mismatch(in: path) {
            return .failure(Failure(reason: refusal + " alone (\(HTMLText.line(mismatch))); give a new or an empty "
                                    + "folder", refused: true))
        }
        if let left = manifest.remove(from: path) {
            return .failure(Failure(reason: "cannot remove the earlier report's \(left)", refused: false))
        }
        return .success(())
    }

    /// True when `file` is inside the folder `folder`, both taken where they really lead (the file's nearest
    /// existing folder, when its own is missing).
    static func lies(_ file: String, inside folder: String) -> Bool {
        func real(_ path: String) -> String? {
            guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let root = real(folder) else { return false }
        var parent = HostPath.folder(of: file)
        while real(parent) == nil, !parent.isEmpty, parent != "/" { parent = HostPath.folder(of: parent) }
        guard let place = real(parent) else { return false }
        return place == root || place.hasPrefix(root == "/" ? "/" : root + "/")
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
        var manifest = ReportManifest(folders: ["tests"])
        if case .failure(let failure) = write(page, to: "index.html", manifest: &manifest) { return .failure(failure) }
        return write(manifest.text, to: ReportManifest.name)
    }

    /// Each page of a finished (or interrupted) run, then the index that links them, then the manifest of
    /// everything the report holds.
    public func write(_ results: [TestResult], run: RunInfo) -> Result<Void, Failure> {
        let pages = pages(results)
        let page = HTMLTestPage(showHidden: showHidden)
        var manifest = ReportManifest(folders: ["tests"])
        for result in results {
            guard let slug = pages[result.name] else { continue }
            if case .failure(let failure) = ReplacingFile.makeFolder(root: path, relative: "tests/\(slug)") {
                return .failure(Failure(reason: "cannot make tests/\(slug): \(failure.reason)", refused: false))
            }
            manifest.folders.insert("tests/\(slug)")
            let shown = result.hidden && !showHidden ? nil : result.runReport
            if let shown { addRunReport("tests/\(slug)/\(shown)", to: &manifest) }
            if case .failure(let failure) = write(page.render(result, runReport: shown),
                                                  to: "tests/\(slug)/index.html", manifest: &manifest) {
                return .failure(failure)
            }
        }
        let index = HTMLIndexPage().render(results, run: run, pages: pages, state: .finished)
        if case .failure(let failure) = write(index, to: "index.html", manifest: &manifest) {
            return .failure(failure)
        }
        return write(manifest.text, to: ReportManifest.name)
    }

    /// The run report's folder `relative` and its plain files (the test's process wrote them) in the manifest.
    private func addRunReport(_ relative: String, to manifest: inout ReportManifest) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: HostPath.join(path, relative)) else {
            return
        }
        manifest.folders.insert(relative)
        for name in names { _ = manifest.addFile(relative + "/" + name, root: path) }
    }

    /// Writes the file `name` and lists it in `manifest`.
    private func write(_ text: String, to name: String, manifest: inout ReportManifest) -> Result<Void, Failure> {
        let written = write(text, to: name)
        if case .success = written { _ = manifest.addFile(name, root: path) }
        return written
    }

    /// Writes the file `name`, relative to the folder (ReplacingFile); the failure names it.
    private func write(_ text: String, to name: String) -> Result<Void, Failure> {
        ReplacingFile.write(text, root: path, relative: name).mapError {
            Failure(reason: "\(name): \($0.reason)", refused: false)
        }
    }
}
