import Foundation
import SpriteGrading
import SpriteScript

/// Runs scripts from files, `-c` or a pipe, each in a fresh session.
struct BatchRunner {
    let options: RunOptions
    /// `run --jobs N`: sweeps run their cells in up to N child processes.
    var sweepJobs = 1
    /// `run --shard I/N`: sweeps run only this slice of their cells.
    var sweepShard = Shard.whole

    func run(files: [String]) -> ExitStatus {
        var worst = ExitStatus.ok
        for path in files {
            // `-`, as for most Unix tools, is standard input.
            let session = newSession(scriptPath: path == "-" ? nil : path)
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

    /// Statements piped on standard input.
    func runStandardInput() -> ExitStatus {
        let session = newSession(scriptPath: nil)
        guard let file = Self.read("-", reportingTo: session) else { return .malformed }
        return run(file, in: session)
    }

    /// `scriptPath`: the script's file, whose folder `load` may read; nil for -c and standard input.
    private func newSession(scriptPath: String?) -> Session {
        var sessionOptions = options.sessionOptions(scriptPath: scriptPath)
        sessionOptions.sweepShard = sweepShard
        if sweepJobs > 1, let executable = ChildRunner.currentExecutable {
            sessionOptions.sweepJobs = sweepJobs
            sessionOptions.sweepLauncher = ChildSweepLauncher(executable: executable, scriptPath: scriptPath,
                                                              allowedFolders: options.sandbox.allowedFolders)
        }
        return Session(options: sessionOptions, sink: StandardOutput.shared)
    }

    /// `run --merge FILE…`: the sweeps' whole tables from their shards' JSON output; status 2 when the
    /// files cannot be read or are not the shards of one run.
    func mergeSweeps(_ paths: [String]) -> ExitStatus {
        var parts: [(file: String, text: String)] = []
        for path in paths {
            switch ScriptInput.read(path: path) {
            case .success(let text): parts.append((path, text))
            case .failure(let failure):
                let message = "sprite-shell: error: --merge: cannot read '\(path)': \(failure.reason)"
                StandardOutput.shared.writeError(ParserMessage.fitted(message))
                return .malformed
            }
        }
        do throws(SweepMerge.Failure) {
            try SweepMerge.print(parts, options: options.sessionOptions(), sink: StandardOutput.shared)
        } catch {
            StandardOutput.shared.writeError(ParserMessage.fitted("sprite-shell: error: --merge: \(error.description)"))
            return .malformed
        }
        return .ok
    }

    private func run(_ file: SourceFile, in session: Session) -> ExitStatus {
        InterruptFlagHandle.installBatchHandler()
        let status = session.runScript(file)
        StandardOutput.shared.flush()
        return status
    }

    /// Reads a script (`-`: standard input), reporting why it cannot be read
    /// as a usage error in the session's format.
    static func read(_ path: String, reportingTo session: Session) -> SourceFile? {
        let standardInput = path == "-"
        switch standardInput ? ScriptInput.readStandardInput() : ScriptInput.read(path: path) {
        case .success(let text):
            return SourceFile(name: standardInput ? "<stdin>" : path, text: text)
        case .failure(let failure):
            session.reportUnreadable(standardInput ? "standard input" : "'\(path)'", reason: failure.reason,
                                     help: standardInput ? "pipe a script in, or give a file name"
                                         : "give the path of a .sprite script; '-' reads standard input")
            StandardOutput.shared.flush()
            return nil
        }
    }
}
