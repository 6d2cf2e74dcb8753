import Foundation
import SpriteScript

/// The interactive prompt: read a statement (or a block over several lines),
/// run it, print what happened, keep the session whatever goes wrong.
struct Repl {
    let options: SessionOptions

    func run() -> ExitStatus {
        let session = Session(options: options, sink: StandardOutput.shared)
        let editor = LineEditor(historyPath: Self.historyPath)
        editor.installInterruptHandler()
        StandardOutput.shared.write("sprite-shell 0.1.0: type 'help' for statements, Ctrl-D to leave.", to: .output)
        StandardOutput.shared.flush()
        var pending = ""
        var status = ExitStatus.ok
        editor.setCompleter { line, cursor in session.completions(for: line, cursor: cursor, context: pending) }
        // Output that cannot be written ends the prompt (exit status 5).
        while !StandardOutput.shared.hasFailed {
            let primary = Self.prompt(session)
            let line = editor.readLine(prompt: pending.isEmpty ? primary : Self.continuationPrompt(for: primary),
                                       freshPrompt: primary)
            if LineEditor.takeAbandonedInput() { pending = "" }
            guard let line else {
                StandardOutput.shared.write("", to: .output)
                if !pending.isEmpty { status = session.abandonUnfinished(SourceFile(name: "<input>", text: pending)) }
                break
            }
            pending += pending.isEmpty ? line : "\n" + line
            let command = pending.trimmingCharacters(in: .whitespaces)
            if command == "exit" || command == "quit" { break }
            LineEditor.setEngineRunning(true)
            let result = session.evaluate(SourceFile(name: "<input>", text: pending))
            LineEditor.setEngineRunning(false)
            StandardOutput.shared.flush()
            if result == .needsMoreInput { continue }
            editor.addToHistory(pending)
            pending = ""
        }
        editor.saveHistory()
        return StandardOutput.shared.finish(status)
    }

    /// `sprite 1.0512ms> `, with the count of events still queued if any.
    /// The time is the session's own description of it, unit and all.
    static func prompt(_ session: Session) -> String {
        let pending = session.pendingEvents
        return "sprite \(session.now)" + (pending > 0 ? " [\(pending) pending]" : "") + "> "
    }

    /// `...> ` right-aligned under the primary prompt, so continued lines
    /// start in the same column as the first.
    static func continuationPrompt(for primary: String) -> String {
        String(repeating: " ", count: max(0, primary.count - 5)) + "...> "
    }

    /// SPRITE_SHELL_HISTORY, else ~/.sprite_shell_history; nil (history kept
    /// in memory only) when HOME is empty or not an absolute path, which would
    /// otherwise leave a history file in whatever folder the shell started in.
    static var historyPath: String? {
        let environment = ProcessInfo.processInfo.environment
        if let custom = environment["SPRITE_SHELL_HISTORY"], !custom.isEmpty { return custom }
        let home = environment["HOME"] ?? NSHomeDirectory()
        guard home.hasPrefix("/") else { return nil }
        return HostPath.join(home, ".sprite_shell_history")
    }
}
