import Foundation
import Testing
@testable import SpriteScript

@Suite("export statement")
struct ExportStatementTests {
    static let cluster = "cluster { workstation ws1; server fs1 }\nrpc ws1 -> fs1\nrun\n"

    /// The check's first error, when `line` follows the small cluster, with exports allowed into `folder`.
    static func error(_ line: String, folder: String?) -> String {
        let result = PictureHarness.run(cluster + line, folder: folder)
        return result.sink.errorText
    }

    @Test("without --export-dir every export is refused before anything runs")
    func refusedWithoutFolder() throws {
        let result = PictureHarness.run(Self.cluster + "export diagram \"run.svg\"", folder: nil)
        #expect(result.status == .malformed)
        let text = result.sink.errorText
        #expect(text.contains("test.sprite:4:16: error: cannot export 'run.svg': the command line allowed no folder"))
        #expect(text.contains("--export-dir"))
    }

    @Test("a path outside the export folder is refused, by '..', absolute path or symbolic link")
    func refusedOutside() throws {
        let folder = try ExportFolder(), elsewhere = try ExportFolder()
        try FileManager.default.createSymbolicLink(atPath: HostPath.join(folder.path, "out"),
                                                   withDestinationPath: elsewhere.path)
        for path in ["../run.svg", elsewhere.path + "/run.svg", "out/run.svg", "/etc/run.svg"] {
            let result = PictureHarness.run(Self.cluster + "export diagram \"\(path)\"", folder: folder.path)
            #expect(result.status == .malformed, "\(path)")
            #expect(result.sink.errorText.contains("it is outside the folder exports may write"), "\(path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test("a file inside a subfolder of the export folder is written")
    func subfolder() throws {
        let folder = try ExportFolder()
        try FileManager.default.createDirectory(atPath: HostPath.join(folder.path, "pictures"),
                                                withIntermediateDirectories: false)
        let result = PictureHarness.run(Self.cluster + "export diagram \"pictures/run.svg\"", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        #expect(folder.exists("pictures/run.svg"))
    }

    @Test("malformed exports are errors with a suggestion")
    func malformed() throws {
        let folder = try ExportFolder()
        let cases: [(String, String)] = [
            ("export diagam \"run.svg\"", "unknown export kind 'diagam'; did you mean 'diagram'?"),
            ("export diagram \"run.png\"", "an exported diagram is written to a file ending in '.svg'"),
            ("export diagram \"run.svg\" nodes ws9", "unknown node 'ws9'"),
            ("export diagram \"run.svg\" from 2s to 1s", "the window ends before it starts"),
            ("export shiviz \"run.log\" collapse", "'collapse' does not apply to an exported shiviz"),
            ("export mermaid run.md", "expected a file name in double quotes"),
        ]
        for (line, message) in cases {
            let text = Self.error(line, folder: folder.path)
            #expect(text.contains(message), "\(line): \(text)")
            #expect(text.contains("help:"), "\(line): \(text)")
        }
    }

    @Test("NFS's 'export PATH on SERVER' still means what it did")
    func nfsExport() {
        let result = PictureHarness.run("cluster { server fs1 }\nexport /export/home on fs1", folder: nil)
        #expect(result.status == .ok, "\(result.sink.errorText)")
    }

    @Test("an existing folder, FIFO or symbolic link is refused by name before anything runs")
    func existingNonFileRefused() throws {
        let folder = try ExportFolder(), elsewhere = try ExportFolder()
        try FileManager.default.createDirectory(atPath: HostPath.join(folder.path, "taken.svg"),
                                                withIntermediateDirectories: false)
        #expect(mkfifo(HostPath.join(folder.path, "fifo.svg"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: HostPath.join(folder.path, "link.svg"),
                                                   withDestinationPath: HostPath.join(elsewhere.path, "g.svg"))
        let cases = [("taken.svg", "it is a folder"), ("fifo.svg", "it is not a regular file"),
                     ("link.svg", "it is a symbolic link")]
        for (name, why) in cases {
            let result = PictureHarness.run(Self.cluster + "export diagram \"\(name)\"", folder: folder.path)
            #expect(result.status == .malformed, "\(name)")
            #expect(result.sink.errorText.contains("test.sprite:4:16: error: cannot export '\(name)': \(why)"),
                    "\(result.sink.errorText)")
            #expect(result.sink.errorText.contains("export to a new name"))
            #expect(!result.sink.text.contains("rpc ws1 -> fs1 done"), "refused before anything ran")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test("at the prompt, recording starts with the first input when exports are allowed")
    func prompt() throws {
        let folder = try ExportFolder()
        var options = ScriptHarness.options()
        options.exportFolder = folder.path
        let session = Session(options: options, sink: BufferSink())
        for line in ["cluster { workstation ws1; server fs1 }", "rpc ws1 -> fs1", "run", "export mermaid \"p.md\""] {
            #expect(session.evaluate(ScriptHarness.file(line)) == .done)
        }
        #expect(try folder.read("p.md").contains("n0->>n1: rpc-request"))
    }
}

@Suite("export inside a sweep")
struct ExportInSweepTests {
    @Test("a sweep's cells draw nothing: a picture export in its body is refused, NFS's export is not")
    func refusedInSweep() throws {
        let folder = try ExportFolder()
        let picture = """
            sweep calls {
              choose n in 1, 2
              cluster { workstation ws1; server fs1 }
              rpc ws1 -> fs1 count $n
              run
              export diagram "cell.svg"
            }
            """
        let result = PictureHarness.run(picture, folder: folder.path)
        #expect(result.status == .malformed)
        #expect(result.sink.errorText.contains("'export diagram' cannot be used inside a sweep"))
        #expect(!folder.exists("cell.svg"))
    }
}
