import Foundation
import Testing
@testable import SpriteScript

/// What `load` may read from disk, judged by `SourceSandbox` alone.
@Suite("load sandbox")
struct SourceSandboxTests {
    /// A temporary tree: `course/` holds the script, `outside/` is beyond it.
    final class Tree {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sprite-sandbox-\(UUID().uuidString)")
            for folder in ["course/sub", "outside"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder),
                                                        withIntermediateDirectories: true)
            }
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        @discardableResult
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

        var script: String { path("course/main.sprite") }
        var sandbox: SourceSandbox { SourceSandbox(scriptFolder: path("course")) }
    }

    /// The refusal for `path`, which must be refused.
    func refusal(_ path: String, in tree: Tree, sandbox: SourceSandbox? = nil) throws -> SourceSandbox.Refusal {
        do {
            _ = try (sandbox ?? tree.sandbox).load(path, relativeTo: tree.script)
        } catch {
            return error
        }
        Issue.record("'\(path)' was loaded")
        throw CancellationError()
    }

    @Test func aScriptBesideTheMainOneOrBelowItLoads() throws {
        let tree = try Tree()
        try tree.write("course/lib.sprite", "echo \"lib\"\n")
        try tree.write("course/sub/deeper.sprite", "echo \"deeper\"\n")
        #expect(try tree.sandbox.load("lib.sprite", relativeTo: tree.script) == "echo \"lib\"\n")
        #expect(try tree.sandbox.load("sub/../sub/deeper.sprite", relativeTo: tree.script) == "echo \"deeper\"\n")
        #expect(try tree.sandbox.load(tree.path("course/lib.sprite"), relativeTo: tree.script) == "echo \"lib\"\n",
                "an absolute path inside the folder is inside the folder")
    }

    @Test func pathsOutsideTheFolderAreRefusedAndNamedAsSuch() throws {
        let tree = try Tree()
        let secret = try tree.write("outside/secret.sprite", "SECRET-CONTENT\n")
        for path in ["../outside/secret.sprite", secret, "sub/../../outside/secret.sprite", "/etc/passwd"] {
            let refused = try refusal(path, in: tree)
            #expect(refused.message.contains("outside the folders load may read"), "\(path): \(refused.message)")
            #expect(refused.help.contains("--allow-path"))
            #expect(!refused.message.contains("SECRET") && !refused.help.contains("SECRET"))
        }
    }

    @Test func aSymbolicLinkCannotLeadOut() throws {
        let tree = try Tree()
        let secret = try tree.write("outside/secret.sprite", "SECRET-CONTENT\n")
        try FileManager.default.createSymbolicLink(atPath: tree.path("course/link.sprite"), withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: tree.path("course/away"),
                                                   withDestinationPath: tree.path("outside"))
        for path in ["link.sprite", "away/secret.sprite", "away/missing.sprite"] {
            let refused = try refusal(path, in: tree)
            #expect(refused.message.contains("symbolic link leads outside"), "\(path): \(refused.message)")
            #expect(!refused.message.contains("SECRET"))
        }
    }

    @Test func allowedFoldersWidenTheSandbox() throws {
        let tree = try Tree()
        try tree.write("outside/shared.sprite", "echo \"shared\"\n")
        let wider = SourceSandbox(scriptFolder: tree.path("course"), allowedFolders: [tree.path("outside")])
        #expect(try wider.load("../outside/shared.sprite", relativeTo: tree.script) == "echo \"shared\"\n")
        _ = try refusal("../outside/shared.sprite", in: tree)
    }

    @Test func withoutAScriptFolderTheCurrentDirectoryIsTheSandbox() throws {
        let sandbox = SourceSandbox()
        do {
            _ = try sandbox.load("../../../../../../../../etc/hosts.sprite", relativeTo: "<command line>")
            Issue.record("loaded from outside the current directory")
        } catch {
            #expect(error.message.contains("outside the folders"))
            #expect(error.help.contains("the current directory"))
        }
    }

    @Test func onlyRegularSpriteFilesOfUTF8TextUpTo1MiB() throws {
        let tree = try Tree()
        try tree.write("course/notes.txt", "echo \"x\"\n")
        try tree.write("course/nul.sprite", [101, 99, 104, 111, 0, 10])
        try tree.write("course/latin1.sprite", [101, 99, 104, 111, 32, 0xE9, 10])
        try tree.write("course/big.sprite", String(repeating: "# padding\n", count: SourceSandbox.maxFileSize / 10 + 1))
        try tree.write("course/justfits.sprite", String(repeating: "#", count: SourceSandbox.maxFileSize))
        try FileManager.default.createDirectory(atPath: tree.path("course/folder.sprite"),
                                                withIntermediateDirectories: true)
        #expect(mkfifo(tree.path("course/fifo.sprite"), 0o600) == 0)
        let cases = [
            ("notes.txt", "names end in '.sprite'"), ("nul.sprite", "NUL byte"), ("latin1.sprite", "not UTF-8"),
            ("big.sprite", "larger than 1 MiB"), ("folder.sprite", "not a regular file"),
            ("fifo.sprite", "not a regular file"), ("missing.sprite", "cannot read 'missing.sprite'"),
        ]
        for (path, rule) in cases {
            let refused = try refusal(path, in: tree)
            #expect(refused.message.contains(rule), "\(path): \(refused.message)")
        }
        #expect(try tree.sandbox.load("justfits.sprite", relativeTo: tree.script).count == SourceSandbox.maxFileSize)
    }

    @Test func aSymbolicLinkInsideToAFileInsideIsFineButMustBeAScript() throws {
        let tree = try Tree()
        try tree.write("course/sub/real.sprite", "echo \"real\"\n")
        try tree.write("course/sub/plain.txt", "echo \"plain\"\n")
        try FileManager.default.createSymbolicLink(atPath: tree.path("course/alias.sprite"),
                                                   withDestinationPath: "sub/real.sprite")
        try FileManager.default.createSymbolicLink(atPath: tree.path("course/disguised.sprite"),
                                                   withDestinationPath: "sub/plain.txt")
        #expect(try tree.sandbox.load("alias.sprite", relativeTo: tree.script) == "echo \"real\"\n")
        #expect(try refusal("disguised.sprite", in: tree).message.contains("does not end in '.sprite'"))
    }

    @Test func normalisingIsLexicalAndLeavesTildeAlone() {
        #expect(FileSourceLoader.normalize("./a/./b/../c.sprite") == "a/c.sprite")
        #expect(FileSourceLoader.normalize("../../x.sprite") == "../../x.sprite")
        #expect(FileSourceLoader.normalize("/../etc//x.sprite") == "/etc/x.sprite")
        #expect(FileSourceLoader.normalize("~/x.sprite") == "~/x.sprite")
    }
}
