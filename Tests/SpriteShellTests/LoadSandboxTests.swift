import Foundation
import Testing

/// `load` through the real binary: the host's files stay out of reach and
/// no diagnostic shows a byte of them.
@Suite("load sandbox, through the binary")
struct LoadSandboxTests {
    /// `course/main.sprite` loads `target`; `outside/` is a sibling of `course/`.
    func run(loading target: String, options: [String] = [], setUp: (TemporaryDirectory) throws -> Void = { _ in })
        throws -> ShellResult {
        let directory = try TemporaryDirectory()
        for folder in ["course", "outside"] {
            try FileManager.default.createDirectory(atPath: directory.path(folder), withIntermediateDirectories: true)
        }
        try setUp(directory)
        let script = try directory.write("course/main.sprite", "load \"\(target)\"\necho \"ran\"\n")
        return try withExtendedLifetime(directory) { try runShell(options + [script]) }
    }

    /// Lines of /etc/passwd and the values of this environment: none may appear.
    static var hostSecrets: [String] {
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        let lines = passwd.split(separator: "\n").map(String.init).filter { $0.count > 8 }
        let values = ProcessInfo.processInfo.environment.values.filter { $0.count > 8 }
        return lines + values
    }

    @Test("host files named directly are refused without showing their content", arguments: [
        "/etc/passwd", "/proc/self/environ", "/etc/passwd.sprite", "../../../../../../../../etc/passwd",
    ])
    func hostFiles(target: String) throws {
        let result = try run(loading: target)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "something ran: \(result.stdout)")
        #expect(result.stderr.contains("main.sprite:1:6: error: cannot load '\(target)': it is outside"),
                "\(result.stderr)")
        #expect(result.stderr.contains("--allow-path"))
        for secret in Self.hostSecrets { #expect(!result.stderr.contains(secret), "leaked: \(secret)") }
    }

    @Test("another student's script up the tree is refused, and not run")
    func parentScript() throws {
        let result = try run(loading: "../outside/x.sprite") { directory in
            _ = try directory.write("outside/x.sprite", "echo \"SECRET-OTHER\"\nSECRET-SYNTAX-ERROR\n")
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("outside the folders load may read"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("SECRET"))
    }

    @Test("a symbolic link out of the folder is refused without showing its target")
    func symbolicLink() throws {
        let result = try run(loading: "link.sprite") { directory in
            let secret = try directory.write("outside/secret.sprite", "SECRET-LINKED garbage\n")
            try FileManager.default.createSymbolicLink(atPath: directory.path("course/link.sprite"),
                                                       withDestinationPath: secret)
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("symbolic link leads outside"), "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        #expect(!result.stderr.contains("outside/secret.sprite"), "the link's target is shown")
    }

    @Test("--allow-path lets load read another folder, for run and for check")
    func allowPath() throws {
        let directory = try TemporaryDirectory()
        for folder in ["course", "outside"] {
            try FileManager.default.createDirectory(atPath: directory.path(folder), withIntermediateDirectories: true)
        }
        _ = try directory.write("outside/shared.sprite", "echo \"shared\"\n")
        let script = try directory.write("course/main.sprite", "load \"../outside/shared.sprite\"\n")
        let allowed = ["--allow-path", directory.path("outside")]
        #expect(try runShell(["--no-summary", script]).status == 2)
        let result = try runShell(allowed + ["--no-summary", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "         0s  echo    shared\n")
        #expect(try runShell(["check", script]).status == 2)
        #expect(try runShell(["check"] + allowed + [script]).status == 0)
    }

    @Test("--allow-path must name a folder")
    func allowPathMustExist() throws {
        let result = try runShell(["--allow-path", "/no/such/folder", "-c", "run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--allow-path: '/no/such/folder' is not a folder"))
    }

    @Test("-c and standard input may load from the current directory only")
    func commandLineRoot() throws {
        let result = try runShell(["-c", "load \"../../../../../../../../tmp/x.sprite\""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("<command line>:1:6: error: cannot load"), "\(result.stderr)")
        #expect(result.stderr.contains("the current directory"))
    }

    @Test("--help documents --allow-path")
    func documented() throws {
        let result = try runShell(["run", "--help"])
        #expect(result.stdout.contains("--allow-path <DIR>"))
    }
}
