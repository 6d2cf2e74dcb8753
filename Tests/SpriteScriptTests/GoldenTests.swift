import Foundation
import Testing
import SpriteScript

/// Every scenario under Examples/ and seeds/ runs exactly as
/// `sprite-shell FILE` would, and its output must match the `.expected`
/// file beside it, byte for byte. Regenerate with Scripts/update-expected
/// and read the diff before committing it.
struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var scenarios: [String] {
        var found: [String] = []
        for folder in ["Examples", "seeds"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".sprite") {
                found.append("\(folder)/\(path)")
            }
        }
        return found.filter { !$0.hasPrefix(assignment) || isLoadedPiece($0) }.sorted()
    }

    /// Examples/assignment/ is graded by `sprite-shell test`, not run script by script: its tests `load`
    /// a student's answer, and one fails on purpose. AssignmentTests check it (SpriteShellTests). The
    /// pieces its tests load (`_cluster.sprite`, the answers) run on their own, and are checked here.
    static func isLoadedPiece(_ path: String) -> Bool {
        path.split(separator: "/").last?.hasPrefix("_") ?? false
    }

    static let assignment = "Examples/assignment/"

    /// What the batch runner prints for a script, with its exit status. Exports go into `exportFolder`
    /// (`--export-dir`), never into the repository.
    static func run(_ relativePath: String, exportFolder: String? = nil) throws
        -> (output: String, errors: String, status: SpriteScript.ExitStatus) {
        // Absolute paths, not a change of directory: tests run in parallel and
        // share the process's working directory.
        let absolute = root.appendingPathComponent(relativePath).path
        let text = try String(contentsOfFile: absolute, encoding: .utf8)
        let sink = BufferSink()
        var options = SessionOptions()
        options.width = 80  // as the shell runs when its output is not a terminal
        // As the shell does: `load` reads only the script's own folder.
        options.sandbox = SourceSandbox(scriptFolder: HostPath.folder(of: absolute))
        options.exportFolder = exportFolder
        let session = Session(options: options, sink: sink)
        let status = session.runScript(SourceFile(name: relativePath, text: text))
        if status != .malformed { session.printSummary() }
        return (sink.text, sink.errorText, status)
    }

    @Test func thereAreScenariosToCheck() {
        #expect(Self.scenarios.contains("Examples/tour.sprite"))
        #expect(Self.scenarios.contains("Examples/v-ipc.sprite"))
    }

    @Test(arguments: GoldenTests.scenarios)
    func scenarioMatchesExpectedOutput(_ path: String) throws {
        let expectedPath = Self.root.appendingPathComponent(String(path.dropLast(".sprite".count)) + ".expected")
        let expected = try String(contentsOf: expectedPath, encoding: .utf8)
        let exports = try ExportFolder()
        let result = try Self.run(path, exportFolder: exports.path)
        #expect(result.status == .ok, "\(path) ended with \(result.status)\n\(result.errors)")
        #expect(result.errors.isEmpty)
        #expect(result.output == expected,
                "\(path) differs from its .expected file; run Scripts/update-expected and read the diff")
        // A script's exported files are committed beside it (Scripts/update-expected writes them there).
        let folder = Self.root.appendingPathComponent(HostPath.folder(of: path))
        for name in try FileManager.default.contentsOfDirectory(atPath: exports.path).sorted() {
            let committed = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == (try exports.read(name)),
                    "\(path): its export \(name) differs from the file beside it; run Scripts/update-expected")
        }
    }

    @Test(arguments: GoldenTests.scenarios)
    func scenarioIsDeterministic(_ path: String) throws {
        let first = try Self.run(path, exportFolder: try ExportFolder().path)
        let second = try Self.run(path, exportFolder: try ExportFolder().path)
        #expect(first.output == second.output)
    }
}
