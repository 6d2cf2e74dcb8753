import Foundation
import SpriteScript

/// Runs scripts from files, `-c` or a pipe, each in a fresh session.
struct BatchRunner {
    let options: RunOptions

    func run(files: [String]) -> ExitStatus {
        var worst = ExitStatus.ok
        for path in files {
            let session = newSession(scriptPath: path)
            // With several files, JSON readers need to know where each one's output begins.
            if files.count > 1 { session.announceFile(path) }
            guard let file = Self.read(path, reportingTo: session) else {
                worst = max(worst, .malformed)
                continue
            }
            worst = max(worst, run(file, in: session))
            if options.bail && worst != .ok || StandardOutput.shared.hasFailed { break }
        }
        return worst
    }

    func run(source: String, name: String) -> ExitStatus {
        run(SourceFile(name: name, text: source), in: newSession(scriptPath: nil))
    }

    /// `scriptPath`: the script's file, whose folder `load` may read; nil for -c and standard input.
    private func newSession(scriptPath: String?) -> Session {
        Session(options: options.sessionOptions(scriptPath: scriptPath), sink: StandardOutput.shared)
    }

    private func run(_ file: SourceFile, in session: Session) -> ExitStatus {
        InterruptFlagHandle.installBatchHandler()
        let status = session.runScript(file)
        if !options.noSummary && session.ran && status != .outputFailed { session.printSummary() }
        StandardOutput.shared.flush()
        return status
    }

    /// Reads a script, reporting an unreadable path as a usage error in the session's format.
    static func read(_ path: String, reportingTo session: Session) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            session.reportUnreadable(path)
            StandardOutput.shared.flush()
            return nil
        }
        return SourceFile(name: path, text: text)
    }
}
