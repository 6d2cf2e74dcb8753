import Foundation
import Testing

/// `run --report DIR` through the binary.
@Suite("run --report, through the binary")
struct ReportOptionTests {
    static let script = """
        cluster { workstation ws1; server fs1 }
        rpc ws1 -> fs1
        run
        expect stats.messages == 2
        """

    @Test("the terminal gets what it gets without --report; the folder has the page and results.json")
    func report() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("main.sprite", Self.script)
        let plain = try runShell([script])
        let reported = try runShell(["--report", directory.path("out"), script])
        #expect(reported.status == 0 && plain.status == 0, "\(reported.stderr)")
        #expect(reported.stdout == plain.stdout && reported.stderr == plain.stderr)
        let json = try runShell(["--format", "json", script])
        let results = try String(contentsOfFile: directory.path("out/results.json"), encoding: .utf8)
        #expect(results == json.stdout)
        let page = try String(contentsOfFile: directory.path("out/index.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(FileManager.default.fileExists(atPath: directory.path("out/diagram.svg")))
        // A JSON run with --report prints its JSON, unchanged.
        let jsonReported = try runShell(["--format", "json", "--report", directory.path("out2"), script])
        #expect(jsonReported.stdout == json.stdout)
    }

    @Test("refused: several files, a missing parent folder, a file in the folder's place; --help says so")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("main.sprite", Self.script)
        let several = try runShell(["--report", directory.path("out"), script, script])
        #expect(several.status == 2)
        #expect(several.stderr.contains("--report writes the report of one script"), "\(several.stderr)")
        let orphan = try runShell(["--report", directory.path("no/such"), script])
        #expect(orphan.status == 2 && orphan.stdout.isEmpty, "nothing ran: \(orphan.stdout)")
        #expect(orphan.stderr.contains("which does not exist"), "\(orphan.stderr)")
        let file = try directory.write("taken", "")
        let taken = try runShell(["--report", file, script])
        #expect(taken.status == 2 && taken.stderr.contains("is a file, not a folder"), "\(taken.stderr)")
        #expect(try runShell(["run", "--help"]).stdout.contains("--report <DIR>"))
    }

    @Test("a file of the report that cannot be written: exit 5, said on stderr, the output as usual")
    func writeFailure() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("main.sprite", Self.script)
        try FileManager.default.createDirectory(atPath: directory.path("out/index.html"),
                                                withIntermediateDirectories: true)
        let result = try runShell(["--report", directory.path("out"), script])
        #expect(result.status == 5)
        #expect(result.stderr.contains("cannot write the report into"), "\(result.stderr)")
        #expect(result.stdout.contains("expect  ok"), "\(result.stdout)")
    }
}
