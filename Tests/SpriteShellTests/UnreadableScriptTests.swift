import Foundation
import Testing

/// A script file that cannot be read says why, and what to do, with exit status 2.
@Suite("unreadable script files")
struct UnreadableScriptTests {
    @Test func aMissingFileSaysSo() throws {
        let directory = try TemporaryDirectory()
        let result = try runShell([directory.path("absent.sprite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read '\(directory.path("absent.sprite"))': no such file"),
                "\(result.stderr)")
        #expect(result.stderr.contains("  help: check the path"))
    }

    @Test func aDirectorySaysSo() throws {
        let directory = try TemporaryDirectory()
        let result = try runShell([directory.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("': it is a directory"), "\(result.stderr)")
        #expect(result.stderr.contains("  help: name a script file inside it"))
    }

    @Test func aFileThatIsNotUTF8SaysSo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("latin1.sprite")
        try Data([0x65, 0x63, 0x68, 0x6F, 0x20, 0x22, 0xFF, 0x22, 0x0A]).write(to: URL(fileURLWithPath: path))
        let result = try runShell([path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("': it is not UTF-8 text"), "\(result.stderr)")
        #expect(result.stderr.contains("  help: scripts are UTF-8 text"))
        // The file's bytes are never echoed.
        #expect(!result.stderr.contains("echo"))
    }
}
