import Foundation
import Testing

/// Where the built `sprite-shell` executable is, and how to run it.
enum ShellBinary {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "sprite-shell executable not found; build it first (swift build --scratch-path .build-shell). Searched: "
                + searched.joined(separator: ", ")
        }
    }

    /// The `sprite-shell` next to the running test bundle (its products
    /// directory), or in that directory's parent.
    static func path() throws -> String {
        var directories: [URL] = []
        for start in [Self.runningExecutable, CommandLine.arguments.first].compactMap({ $0 }) {
            let directory = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
            directories += [directory, directory.deletingLastPathComponent()]
        }
        var candidates: [String] = []
        for directory in directories where !candidates.contains(directory.appendingPathComponent("sprite-shell").path) {
            candidates.append(directory.appendingPathComponent("sprite-shell").path)
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw NotFound(searched: candidates)
    }

    private static var runningExecutable: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }
}

/// What one run of the shell produced.
struct ShellResult {
    let status: Int32
    let stdout: String
    let stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// A fresh directory for one test's files, removed when the test is done with it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sprite-shell-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to a file here and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Runs the real binary with `arguments`; standard input is `stdin` (a
/// file, so never a terminal) or empty. Output goes through files, so a
/// large output cannot block the child.
func runShell(_ arguments: [String], stdin: String? = nil, in folder: String? = nil) throws -> ShellResult {
    let directory = try TemporaryDirectory()
    let input = try directory.write("stdin", stdin ?? "")
    let outPath = directory.path("stdout"), errPath = directory.path("stderr")
    for path in [outPath, errPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try ShellBinary.path())
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    try process.run()
    process.waitUntilExit()

    let read = { (path: String) in
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
    // A crash (uncaught signal) reads as 128+signal, like a shell reports it.
    let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    return ShellResult(status: status, stdout: read(outPath), stderr: read(errPath))
}
