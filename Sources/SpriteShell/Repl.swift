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
        while true {
            editor.setCompletions(session.completionWords)
            let primary = Self.prompt(session)
            guard let line = editor.readLine(prompt: pending.isEmpty ? primary : "...> ", freshPrompt: primary) else {
                StandardOutput.shared.write("", to: .output)
                break
            }
            if LineEditor.takeAbandonedInput() { pending = "" }
            pending += pending.isEmpty ? line : "\n" + line
            if pending.trimmingCharacters(in: .whitespaces) == "exit" || pending.trimmingCharacters(in: .whitespaces) == "quit" {
                break
            }
            LineEditor.setEngineRunning(true)
            let result = session.evaluate(SourceFile(name: "<input>", text: pending))
            LineEditor.setEngineRunning(false)
            StandardOutput.shared.flush()
            if result == .needsMoreInput { continue }
            editor.addToHistory(pending)
            pending = ""
        }
        editor.saveHistory()
        StandardOutput.shared.flush()
        return .ok
    }

    /// `sprite 1.0512ms> `, with the count of events still queued if any.
    static func prompt(_ session: Session) -> String {
        let pending = session.pendingEvents
        return "sprite \(session.now)" + (pending > 0 ? " [\(pending) pending]" : "") + "> "
    }

    static var historyPath: String {
        if let custom = ProcessInfo.processInfo.environment["SPRITE_SHELL_HISTORY"] { return custom }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".sprite_shell_history")
    }
}
