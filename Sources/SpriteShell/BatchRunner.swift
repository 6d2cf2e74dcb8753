import Foundation
import SpriteScript

/// Runs scripts from files, `-c` or a pipe, each in a fresh session.
struct BatchRunner {
    let options: RunOptions

    func run(files: [String]) -> ExitStatus {
        var worst = ExitStatus.ok
        for path in files {
            guard let file = Self.read(path) else {
                worst = max(worst, .malformed)
                continue
            }
            worst = max(worst, run(file))
            if options.bail && worst != .ok { break }
        }
        return worst
    }

    func run(source: String, name: String) -> ExitStatus {
        run(SourceFile(name: name, text: source))
    }

    private func run(_ file: SourceFile) -> ExitStatus {
        let session = Session(options: options.sessionOptions(), sink: StandardOutput.shared)
        InterruptFlagHandle.installBatchHandler()
        let status = session.runScript(file)
        if !options.noSummary && status != .malformed { session.printSummary() }
        StandardOutput.shared.flush()
        return status
    }

    /// Reads a script, reporting an unreadable path as a usage error.
    static func read(_ path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            StandardOutput.shared.writeError("sprite-shell: error: cannot read '\(path)'")
            return nil
        }
        return SourceFile(name: path, text: text)
    }
}
