@preconcurrency import CReadline
import Foundation
import SpriteKernel
import SpriteScript
import Synchronization

/// GNU readline behind a small interface: prompts, history and completion.
/// This is the only file that touches readline.
final class LineEditor {
    /// nil: history is kept for this session only.
    private let historyPath: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
        // readline keeps these pointers for the life of the process, so they
        // must not be Swift's temporary C strings.
        sprite_rl_set_name(strdup("sprite-shell"))
        sprite_rl_set_completion(attemptCompletion)
        sprite_rl_set_word_breaks(strdup(Session.completionWordBreaks))
        sprite_history_keep_multiline_entries()
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// Reads one line; nil at end of input (Ctrl-D). After Ctrl-C the line
    /// starts again with `freshPrompt` (the primary prompt, not a continuation).
    func readLine(prompt: String, freshPrompt: String) -> String? {
        setPromptForInterrupt(freshPrompt)
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    func addToHistory(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        add_history(Self.historyText(trimmed))
    }

    /// A line of an entry that starts with '#' and a digit would read back
    /// as the timestamp that starts a new entry; a leading space (which the
    /// language ignores) keeps it inside its entry.
    static func historyText(_ entry: String) -> String {
        entry.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.first == "#" && line.dropFirst().first?.isNumber == true ? " " + line : String(line)
        }.joined(separator: "\n")
    }

    func saveHistory() {
        if let historyPath { _ = write_history(historyPath) }
    }

    /// What Tab offers: `complete(line, cursor)` gives the words that can
    /// replace the word before the cursor.
    func setCompleter(_ complete: @escaping (String, Int) -> [String]) {
        completer = complete
    }

    /// Ctrl-C at the prompt: abandon the line (and any unfinished block) and
    /// show a fresh prompt. Ctrl-C while the engine runs: raise the flag it polls.
    func installInterruptHandler() {
        signal(SIGINT) { _ in
            let newline: [UInt8] = [10]
            _ = newline.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, 1) }
            if engineRunning.load(ordering: .relaxed) {
                InterruptFlagHandle.shared.flag.raise()
                return
            }
            inputAbandoned.store(true, ordering: .relaxed)
            if let prompt = primaryPrompt.withLock({ $0 }) { rl_set_prompt(prompt.pointer) }
            rl_on_new_line()
            rl_replace_line("", 0)
            rl_redisplay()
        }
    }

    private func setPromptForInterrupt(_ prompt: String) {
        primaryPrompt.withLock { $0 = PromptText(prompt) }
    }

    static func setEngineRunning(_ running: Bool) { engineRunning.store(running, ordering: .relaxed) }

    /// True once if Ctrl-C abandoned the input since the last call.
    static func takeAbandonedInput() -> Bool { inputAbandoned.exchange(false, ordering: .relaxed) }
}

/// A C copy of the primary prompt the interrupt handler can restore.
final class PromptText: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CChar>
    init(_ text: String) { pointer = strdup(text) }
    deinit { free(pointer) }
}

/// Set once by the prompt and called only from readline on the main thread.
nonisolated(unsafe) private var completer: ((String, Int) -> [String])?
private let completionMatches = Mutex<[String]>([])
private let engineRunning = Atomic<Bool>(false)
private let inputAbandoned = Atomic<Bool>(false)
private let primaryPrompt = Mutex<PromptText?>(nil)

/// readline's completion entry point: ask the session what fits at the
/// cursor, given the whole line (the context decides: a statement keyword,
/// an option word, a protocol, a node name, a path).
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sprite_rl_completion_over(1)
    let line = sprite_rl_line_buffer().map { String(cString: $0) } ?? ""
    let words = completer?(line, Int(sprite_rl_point())) ?? []
    completionMatches.withLock { $0 = words.reversed() }
    return rl_completion_matches(text, completionGenerator)
}

private func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    completionMatches.withLock { matches in matches.popLast().map { strdup($0) } }
}
