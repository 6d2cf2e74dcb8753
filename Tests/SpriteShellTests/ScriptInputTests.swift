import Foundation
import Testing

/// Any name on the command line and any standard input is read or refused
/// with a reason and status 2: never a trap.
@Suite("reading scripts from files and standard input")
struct ScriptInputTests {
    /// Runs the binary through `sh -c` so the test can give it a folder or a
    /// closed descriptor as standard input.
    func shell(_ command: String, in folder: TemporaryDirectory) throws -> ShellResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["SHELL_BINARY": try ShellBinary.path(), "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = folder.url
        let out = folder.path("out"), err = folder.path("err")
        for path in [out, err] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        process.waitUntilExit()
        let read = { (path: String) in
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return ShellResult(status: status, stdout: read(out), stderr: read(err))
    }

    @Test("a one-character name is read like any other, or refused with a reason",
          arguments: ["a", ".", "a/", " ", "x"])
    func shortNames(_ name: String) throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("a", "echo \"short\"\n")
        let result = try shell("\"$SHELL_BINARY\" --no-summary '\(name)' </dev/null", in: folder)
        if name == "a" {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasSuffix("echo    short\n"))
        } else {
            #expect(result.status == 2, "\(name): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("cannot read '\(name)': "), "\(result.stderr)")
            #expect(result.stderr.contains("help: "), "\(result.stderr)")
        }
        #expect(try shell("\"$SHELL_BINARY\" check '\(name)' </dev/null", in: folder).status == (name == "a" ? 0 : 2))
    }

    @Test func aDashReadsStandardInput() throws {
        let folder = try TemporaryDirectory()
        let result = try shell("echo 'echo \"piped\"' | \"$SHELL_BINARY\" --no-summary -", in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "         0s  echo    piped\n")
    }

    @Test("standard input that is a folder or closed is a usage error",
          arguments: ["< .", "<&-", "--format json < ."])
    func unreadableStandardInput(_ redirection: String) throws {
        let folder = try TemporaryDirectory()
        let result = try shell("\"$SHELL_BINARY\" \(redirection)", in: folder)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot read standard input: "), "\(result.stderr)")
        if redirection.contains("json") {
            #expect(result.stdout.contains("\"kind\":\"usage\""), "\(result.stdout)")
        }
    }

    @Test func aByteOrderMarkIsIgnoredInAFileAndOnAPipe() throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("bom.sprite", "\u{FEFF}echo \"bom\"\n")
        let file = try shell("\"$SHELL_BINARY\" --no-summary bom.sprite", in: folder)
        let piped = try shell("\"$SHELL_BINARY\" --no-summary < bom.sprite", in: folder)
        for result in [file, piped] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "         0s  echo    bom\n")
        }
    }

    @Test func aFileThatIsNotUTF8IsRefusedWithItsReason() throws {
        let folder = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: folder.path("latin1.sprite"), contents: Data([0x65, 0xE9, 0x0A]))
        let result = try shell("\"$SHELL_BINARY\" latin1.sprite", in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read 'latin1.sprite': it is not UTF-8 text"), "\(result.stderr)")
    }
}
