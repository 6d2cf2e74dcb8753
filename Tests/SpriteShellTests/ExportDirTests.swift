import Foundation
import Testing

/// `export` through the real binary: it writes only into the folder `--export-dir` names.
@Suite("export folder, through the binary")
struct ExportDirTests {
    static let script = """
        cluster { workstation ws1; server fs1 }
        rpc ws1 -> fs1
        run
        export diagram "run.svg"
        """

    @Test("--export-dir lets export write there, for run; check judges the path the same way")
    func exportDir() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("out"), withIntermediateDirectories: true)
        let script = try directory.write("main.sprite", Self.script)
        let refused = try runShell(["--no-summary", script])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("main.sprite:4:16: error: cannot export 'run.svg'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("run.svg")))
        #expect(try runShell(["check", script]).status == 2)
        #expect(try runShell(["check", "--export-dir", directory.path("out"), script]).status == 0)
        let allowed = try runShell(["--no-summary", "--export-dir", directory.path("out"), script])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("exported diagram 'run.svg': 2 messages between 2 nodes"))
        let svg = try String(contentsOfFile: directory.path("out/run.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test("--export-dir must name a folder, and --help documents it")
    func mustExist() throws {
        let result = try runShell(["--export-dir", "/no/such/folder", "-c", "run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--export-dir: '/no/such/folder' is not a folder"))
        #expect(try runShell(["run", "--help"]).stdout.contains("--export-dir <DIR>"))
    }
}
