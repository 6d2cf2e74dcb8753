@preconcurrency import CReadline
import Foundation
import SpriteKernel
import Synchronization

/// GNU readline behind a small interface: prompts, history and completion.
/// This is the only file that touches readline.
final class LineEditor {
    private let historyPath: String

    init(historyPath: String) {
        self.historyPath = historyPath
        // readline keeps these pointers for the life of the process, so they
        // must not be Swift's temporary C strings.
        sprite_rl_set_name(strdup("sprite-shell"))
        sprite_rl_set_completion(attemptCompletion)
        sprite_rl_set_word_breaks(strdup(" \t\n;{}(),|"))
        sprite_history_keep_multiline_entries()
        stifle_history(2000)
        _ = read_history(historyPath)
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
        add_history(trimmed)
    }

    func saveHistory() {
        _ = write_history(historyPath)
    }

    /// Words offered by Tab.
    func setCompletions(_ words: [String]) {
        completionWords.withLock { $0 = words }
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

private let completionWords = Mutex<[String]>([])
private let completionMatches = Mutex<[String]>([])
private let engineRunning = Atomic<Bool>(false)
private let inputAbandoned = Atomic<Bool>(false)
private let primaryPrompt = Mutex<PromptText?>(nil)

/// readline's completion entry point: match the word under the cursor
/// against statement keywords, option words and declared names.
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sprite_rl_completion_over(1)
    return rl_completion_matches(text, completionGenerator)
}

private func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 {
        let prefix = text.map { String(cString: $0) } ?? ""
        let words = completionWords.withLock { $0 }
        completionMatches.withLock { $0 = words.filter { $0.hasPrefix(prefix) }.reversed() }
    }
    return completionMatches.withLock { matches in matches.popLast().map { strdup($0) } }
}
