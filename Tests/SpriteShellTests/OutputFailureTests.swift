import Foundation
import Testing

/// Output that cannot be written (a full disk, a reader that went away)
/// ends the run with exit status 5, never with a crash.
@Suite("output errors")
struct OutputFailureTests {
    static let cluster = "cluster { workstation ws1; server fs1 }"
    /// More output than a pipe buffers (64 KiB) and the shell's own buffer hold together.
    static let bigScript = Array(repeating: "echo \"\(String(repeating: "x", count: 100))\"", count: 3_000)
        .joined(separator: "\n")

    enum Target { case file(String), closedPipe }

    /// Runs the binary under `sh` with SIGPIPE ignored (as grading runners
    /// often do), standard output to `output` and standard error to `error`.
    func run(_ arguments: [String], output: Target, error: Target = .file("/dev/null")) throws -> ShellResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", try ShellBinary.path()] + arguments
        process.standardInput = FileHandle.nullDevice
        let errorCapture = try TemporaryDirectory()
        var pipes: [Pipe] = []
        func handle(_ target: Target) throws -> Any {
            switch target {
            case .file(let path):
                return try #require(FileHandle(forWritingAtPath: path), "cannot open \(path)")
            case .closedPipe:
                let pipe = Pipe()
                pipes.append(pipe)
                return pipe
            }
        }
        process.standardOutput = try handle(output)
        let errorPath = errorCapture.path("stderr")
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        if case .file("/dev/null") = error {
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        } else {
            process.standardError = try handle(error)
        }
        try process.run()
        // The reader goes away at once: every write the shell makes meets a closed pipe.
        for pipe in pipes { try pipe.fileHandleForReading.close() }
        process.waitUntilExit()
        let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        let stderr = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
        return ShellResult(status: status, stdout: "", stderr: stderr)
    }

    func script(_ text: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        return (directory, try directory.write("scenario.sprite", text))
    }

    @Test("a full standard output: exit 5 and one line saying why")
    func fullStandardOutput() throws {
        let (directory, path) = try script(Self.bigScript)
        let result = try run([path], output: .file("/dev/full"))
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr == "sprite-shell: cannot write standard output: No space left on device\n")
        withExtendedLifetime(directory) {}
    }

    @Test("a failed output and a later runtime error: status 5 and only the one line on stderr")
    func stopsOnceOutputFails() throws {
        let (directory, path) = try script(Self.bigScript + "\n\(Self.cluster)\ncrash fs1\nrpc ws1 -> fs1\nrun\n")
        let result = try run([path], output: .file("/dev/full"))
        #expect(result.status == 5)
        #expect(!result.stderr.contains("error: rpc"), "the script went on running: \(result.stderr)")
        withExtendedLifetime(directory) {}
    }

    @Test("a closed pipe with SIGPIPE ignored: exit 5, silently")
    func closedPipe() throws {
        let (directory, path) = try script(Self.bigScript)
        let result = try run([path], output: .closedPipe)
        #expect(result.status == 5)
        #expect(result.stderr.isEmpty, "a closed pipe is not worth a message: \(result.stderr)")
        withExtendedLifetime(directory) {}
    }

    @Test("a full standard error: exit 5 instead of the diagnostic's 2")
    func fullStandardError() throws {
        let (directory, path) = try script("\(Self.cluster)\nrpc ws1 -> fsx\n")
        let result = try run([path], output: .file("/dev/null"), error: .file("/dev/full"))
        #expect(result.status == 5)
        let check = try run(["check", path], output: .file("/dev/null"), error: .file("/dev/full"))
        #expect(check.status == 5)
        let runtime = try run(["-c", "\(Self.cluster); crash fs1; rpc ws1 -> fs1; run"],
                              output: .file("/dev/null"), error: .file("/dev/full"))
        #expect(runtime.status == 5)
        withExtendedLifetime(directory) {}
    }

    @Test("a full standard error that is never written does not change the status")
    func unusedStandardError() throws {
        let result = try run(["-c", "\(Self.cluster); rpc ws1 -> fs1; run"],
                             output: .file("/dev/null"), error: .file("/dev/full"))
        #expect(result.status == 0)
    }

    @Test("check, --help and usage errors meet a full output the same way", arguments: [
        ["--help"], ["run", "--help"], ["--version"],
    ])
    func otherWriters(arguments: [String]) throws {
        let result = try run(arguments, output: .file("/dev/full"))
        #expect(result.status == 5, "\(result.stderr)")
        let usage = try run(["--no-such-flag"], output: .file("/dev/null"), error: .file("/dev/full"))
        #expect(usage.status == 5)
    }

    @Test("--help documents exit status 5")
    func documented() throws {
        let result = try runShell(["--help"])
        #expect(result.stdout.contains("5  standard output or error could not be written"))
    }
}

/// The prompt writes through the same writer: a full standard output ends it with status 5.
@Suite("output errors at the prompt", .serialized)
struct PromptOutputFailureTests {
    @Test("the prompt with a full standard output exits 5 after saying why")
    func fullStandardOutputAtThePrompt() throws {
        let home = try TemporaryDirectory()
        let terminal = try PseudoTerminalSession(environment: [
            "HOME": home.url.path,
            "SPRITE_SHELL_HISTORY": home.path("history"),
            "TERM": "dumb",
            "INPUTRC": "/dev/null",
        ], standardOutput: "/dev/full")
        try terminal.send("echo \"hello\"\r")
        try terminal.waitFor("cannot write standard output: No space left on device")
        #expect(try terminal.waitForExit() == 5)
    }
}
