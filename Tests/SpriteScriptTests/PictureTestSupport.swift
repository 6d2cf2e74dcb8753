import Foundation
import Testing
@testable import SpriteScript

/// A fresh folder for exports, removed when the test is done.
final class ExportFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sprite-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: HostPath.join(path, name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: HostPath.join(path, name)) }
}

enum PictureHarness {
    /// Runs `text` with exports allowed into `folder` (nil: none allowed).
    static func run(_ text: String, folder: String?, seed: UInt64 = 1)
        -> (status: SpriteScript.ExitStatus, sink: BufferSink, session: Session) {
        var options = ScriptHarness.options(seed: seed)
        options.exportFolder = folder
        return ScriptHarness.run(text, options: options)
    }

    /// The file `name` as two runs of `script`, each in a fresh folder, wrote it (determinism tests).
    static func exportedTwice(_ script: String, _ name: String) throws -> (first: String, second: String) {
        let first = try ExportFolder(), second = try ExportFolder()
        for folder in [first, second] {
            let result = run(script, folder: folder.path)
            #expect(result.status == .ok, "\(result.sink.errors)")
        }
        return (try first.read(name), try second.read(name))
    }

    /// Two workstations each make one RPC to the server, then ws1 makes one more across a partition with two
    /// retries. Messages, by hand: each RPC that gets through is a request and a reply, both delivered (4);
    /// the partitioned call's request is dropped on each of its 1 + 2 attempts (3 lost) and no reply is sent.
    static let lossScenario = """
        cluster {
          network retries 2
          workstation ws1, ws2
          server fs1
        }
        rpc ws1 -> fs1 reply 1KB
        rpc ws2 -> fs1 reply 2KB
        run
        partition ws1 | fs1
        try rpc ws1 -> fs1
        run
        """
}
