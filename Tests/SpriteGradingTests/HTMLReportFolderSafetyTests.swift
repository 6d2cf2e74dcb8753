import Foundation
import Testing
@testable import SpriteGrading

/// `--report DIR` in a folder others may write: an earlier report is removed only when the folder holds
/// exactly what its manifest lists (a forged marker or manifest removes nothing else), a folder holding the
/// tests is refused, and no link inside DIR, symbolic or hard, leads a page's bytes elsewhere.
@Suite("the HTML report's folder")
struct HTMLReportFolderSafetyTests {
    static let manager = FileManager.default

    /// A fresh, empty folder; removed when `body` is done.
    static func folder(_ body: (String) throws -> Void) throws {
        let url = manager.temporaryDirectory.appendingPathComponent("html-safety-\(UUID().uuidString)")
        try manager.createDirectory(at: url, withIntermediateDirectories: false)
        defer { try? manager.removeItem(at: url) }
        try body(url.path)
    }

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static let failed = TestResult(name: "a", path: "a.sprite", outcome: .fail, maxPoints: Points(1))

    /// A report of one failed test `a` written into `path`.
    static func report(_ path: String) throws -> HTMLReportFolder {
        try HTMLReportFolder.prepare(path).get()
        let report = HTMLReportFolder(path: path, slugs: ReportSlug.slugs(forRun: ["a"]))
        try report.write([failed], run: RunInfo(total: 1, digest: "")).get()
        return report
    }

    @Test func aForgedGeneratorMarkerRemovesNothing() throws {
        try Self.folder { path in
            // The reproducer of the review: the marker line, and the tests about to be graded in tests/.
            try Self.manager.createDirectory(atPath: path + "/tests", withIntermediateDirectories: false)
            try Self.write("echo \"x\"\n", path + "/tests/a.sprite")
            try Self.write("notes\n", path + "/tests/README")
            try Self.write("<meta name=\"generator\" content=\"sprite-shell test --report\">\n", path + "/index.html")
            guard case .failure(let failure) = HTMLReportFolder.prepare(path) else {
                Issue.record("a folder with a forged marker was taken for a report")
                return
            }
            #expect(failure.refused)
            #expect(try Self.manager.contentsOfDirectory(atPath: path + "/tests").sorted() == ["README", "a.sprite"])
            // A forged manifest listing the tests (sizes or digests not theirs) removes nothing either.
            try Self.write(ReportManifest.header + "\nd tests\nf 9 0 tests/a.sprite\nf 6 0 tests/README\n"
                           + "f 62 0 index.html\n", path + "/" + ReportManifest.name)
            guard case .failure = HTMLReportFolder.prepare(path) else {
                Issue.record("a folder with a forged manifest was taken for a report")
                return
            }
            #expect(try String(contentsOfFile: path + "/tests/a.sprite", encoding: .utf8) == "echo \"x\"\n")
        }
    }

    @Test func aFolderHoldingATestBeingGradedIsRefused() throws {
        try Self.folder { path in
            try Self.write("echo \"x\"\n", path + "/a.sprite")
            guard case .failure(let failure) = HTMLReportFolder.prepare(path, tests: [path + "/a.sprite"]) else {
                Issue.record("the folder of the tests was taken for the report")
                return
            }
            #expect(failure.refused)
            #expect(failure.reason.contains("a test being graded"), "\(failure.reason)")
            #expect(HTMLReportFolder.lies(path + "/sub/b.sprite", inside: path))
            #expect(!HTMLReportFolder.lies(path + "-other/b.sprite", inside: path))
        }
    }

    @Test func anEarlierReportIsRemovedOnlyWhenUnchangedAndAlone() throws {
        try Self.folder { path in
            _ = try Self.report(path)
            let manifest = try String(contentsOfFile: path + "/" + ReportManifest.name, encoding: .utf8)
            #expect(manifest.contains("d tests/1-a\n") && manifest.contains(" tests/1-a/index.html\n"))
            // Untouched: taken, removed and written anew.
            _ = try Self.report(path)
            // A file added beside it: refused, and everything stays.
            try Self.write("kept", path + "/kept.txt")
            guard case .failure(let added) = HTMLReportFolder.prepare(path) else {
                Issue.record("a report with a file beside it was removed")
                return
            }
            #expect(added.refused && added.reason.contains("kept.txt"), "\(added.reason)")
            try Self.manager.removeItem(atPath: path + "/kept.txt")
            // A page changed since: refused, the page kept.
            try Self.write("edited", path + "/tests/1-a/index.html")
            guard case .failure = HTMLReportFolder.prepare(path) else {
                Issue.record("a report with an edited page was removed")
                return
            }
            #expect(try String(contentsOfFile: path + "/tests/1-a/index.html", encoding: .utf8) == "edited")
        }
    }

    @Test func noLinkInsideTheFolderLeadsAWriteElsewhere() throws {
        try Self.folder { path in
            let outside = path + "-outside"
            try Self.manager.createDirectory(atPath: outside, withIntermediateDirectories: false)
            defer { try? Self.manager.removeItem(atPath: outside) }
            try Self.write("precious", outside + "/victim.txt")
            try Self.write("precious too", outside + "/hard.txt")
            let report = try Self.report(path)
            // index.html a symbolic link, the test's page a hard link, to files outside: replaced, not written
            // through.
            try Self.manager.removeItem(atPath: path + "/index.html")
            try Self.manager.createSymbolicLink(atPath: path + "/index.html", withDestinationPath: outside
                                                + "/victim.txt")
            try Self.manager.removeItem(atPath: path + "/tests/1-a/index.html")
            #expect(link(outside + "/hard.txt", path + "/tests/1-a/index.html") == 0)
            try report.write([Self.failed], run: RunInfo(total: 1, digest: "")).get()
            #expect(try String(contentsOfFile: outside + "/victim.txt", encoding: .utf8) == "precious")
            #expect(try String(contentsOfFile: outside + "/hard.txt", encoding: .utf8) == "precious too")
            #expect(try String(contentsOfFile: path + "/index.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
            // The test's folder a link to a folder outside: refused, nothing written there.
            try Self.manager.removeItem(atPath: path + "/tests/1-a")
            try Self.manager.createSymbolicLink(atPath: path + "/tests/1-a", withDestinationPath: outside)
            guard case .failure(let failure) = report.write([Self.failed], run: RunInfo(total: 1, digest: "")) else {
                Issue.record("a page was written through a linked folder")
                return
            }
            #expect(failure.reason.hasPrefix("cannot make tests/1-a"), "\(failure.reason)")
            #expect(try Self.manager.contentsOfDirectory(atPath: outside).sorted() == ["hard.txt", "victim.txt"])
        }
    }
}
