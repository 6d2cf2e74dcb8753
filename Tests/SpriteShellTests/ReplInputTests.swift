import Foundation
import Testing

/// The prompt's handling of input over several lines, its history across
/// restarts, completion by context, and its prompts, through a pseudo-terminal.
@Suite("REPL input", .serialized)
struct ReplInputTests {
    typealias Prompt = ReplTests.Prompt
    static let cluster = ReplTests.cluster
    static let up = "\u{1b}[A"

    /// What ran: the part of `segment` after the Enter that ended the typed
    /// (or recalled) line; readline redraws recalled entries with bare returns.
    static func ran(_ segment: String) -> String {
        segment.range(of: "\r\n").map { String(segment[$0.upperBound...]) } ?? ""
    }

    @Test("after a restart each statement and each block is one history entry")
    func historyEntriesSurviveARestart() throws {
        let first = try Prompt()
        try first.enter("echo \"one\"")
        try first.enter("echo \"two\"")
        try first.enter("try {", until: "...> ")
        // A comment that looks like the history file's timestamp lines stays inside its entry.
        try first.enter("#1700000000 a comment", until: "...> ")
        try first.enter("echo \"three\"", until: "...> ")
        try first.enter("}")
        try first.enter("echo \"four\"")
        try first.terminal.send("\u{04}")
        #expect(try first.terminal.waitForExit() == 0)

        let second = try Prompt(home: first.home)
        // One step back is the last statement alone, not the whole session.
        try second.terminal.send(Self.up)
        let last = Self.ran(try second.enter(""))
        #expect(last.contains("four") && !last.contains("one") && !last.contains("two") && !last.contains("three"),
                "\(last.debugDescription)")
        // History: one, two, the block, four, four. Three steps back is the block, whole.
        try second.terminal.send(String(repeating: Self.up, count: 3))
        let block = Self.ran(try second.enter(""))
        #expect(block.contains("three") && !block.contains("two") && !block.contains("four"),
                "\(block.debugDescription)")
        // Six steps back is the first entry; more steps stay there: nothing older.
        try second.terminal.send(String(repeating: Self.up, count: 9))
        let oldest = Self.ran(try second.enter(""))
        #expect(oldest.contains("one") && !oldest.contains("two") && !oldest.contains("three"),
                "\(oldest.debugDescription)")
    }

    @Test("a history file without timestamps reads back one entry per line")
    func historyWithoutTimestamps() throws {
        let home = try TemporaryDirectory()
        _ = try home.write("history", "echo \"a\"\necho \"b\"\necho \"c\"\n")
        let prompt = try Prompt(home: home)
        try prompt.terminal.send(Self.up + Self.up)
        let output = Self.ran(try prompt.enter(""))
        #expect(output.hasPrefix("         0s  echo    b\r\n") && !output.contains("echo    a\r\n")
                    && !output.contains("echo    c\r\n"),
                "\(output.debugDescription)")
    }

    @Test("a syntax error inside an open block keeps the block open; nothing in it runs")
    func errorInsideAnOpenBlock() throws {
        let prompt = try Prompt()
        try prompt.enter(Self.cluster)
        try prompt.enter("at +10s {", until: "...> ")
        let typo = try prompt.enter("ech \"x\"", until: "...> ")
        let crash = try prompt.enter("crash fs1", until: "...> ")
        #expect(!(typo + crash).contains("error") && !crash.contains("CRASHED"), "\((typo + crash).debugDescription)")
        let closed = try prompt.enter("}")
        #expect(closed.contains("<input>:2:1: error: unknown statement 'ech'"), "\(closed.debugDescription)")
        let later = try prompt.enter("advance 20s")
        #expect(!later.contains("CRASHED"), "\(later.debugDescription)")
        let nodes = try prompt.enter("show nodes")
        let fs1 = nodes.components(separatedBy: "\r\n").first { $0.hasPrefix("  fs1") }
        #expect(fs1?.contains(" up ") == true, "\(nodes.debugDescription)")
    }

    @Test("a backslash at the end of a line continues the statement")
    func backslashContinues() throws {
        let prompt = try Prompt()
        try prompt.enter("echo \\", until: "...> ")
        let output = try prompt.enter("\"joined\"")
        #expect(output.contains("joined\r\n"))
        #expect(!output.contains("error"))
    }

    @Test("Ctrl-D inside an unfinished block warns and exits with status 2")
    func endOfInputInsideABlock() throws {
        let prompt = try Prompt()
        try prompt.enter("at +1s {", until: "...> ")
        try prompt.enter("echo \"never\"", until: "...> ")
        try prompt.terminal.send("\u{04}")
        #expect(try prompt.terminal.waitForExit() == 2)
        // What the shell wrote last may still be in the terminal after it exits.
        try prompt.terminal.waitFor("<input>:1:8: warning: unfinished block abandoned at end of input")
        #expect(!prompt.terminal.transcript.contains("never\r\n"))
    }

    @Test("in batch, input that ends inside a block is an error with status 2")
    func batchEndsInsideABlock() throws {
        let script = "echo \"a\"\nat +1s {\n  echo \"b\"\n"
        let piped = try runShell([], stdin: script)
        #expect(piped.status == 2)
        #expect(piped.stderr.contains("block is not closed"))
        #expect(piped.stdout.isEmpty, "nothing runs: \(piped.stdout)")
        let directory = try TemporaryDirectory()
        let file = try runShell([try directory.write("unfinished.sprite", script)])
        #expect(file.status == 2)
        #expect(file.stderr.contains("block is not closed"))
    }

    @Test("Tab after 'consistency ' offers the protocols and nothing else")
    func completesByContext() throws {
        let prompt = try Prompt()
        try prompt.terminal.send("consistency \t\t")
        try prompt.terminal.waitFor("consistency ")
        // readline lists the choices, then draws the prompt and the line again.
        let listed = try prompt.terminal.waitFor("\r\nsprite ")
        let choices = Set(listed.split { $0.isWhitespace || $0 == "\u{07}" }.dropLast().map(String.init))
        #expect(choices == ["callbacks", "nfs", "none", "sprite"], "\(listed.debugDescription)")
        try prompt.terminal.waitFor("> consistency ")
        // Complete a protocol from its first letters and run the statement.
        try prompt.terminal.send("spr\t")
        let output = try prompt.enter("")
        #expect(output.hasPrefix("sprite \r\n"), "not completed to 'sprite': \(output.debugDescription)")
        #expect(!output.contains("error"), "\(output.debugDescription)")
    }

    @Test("the prompt shows the time as the session gives it; '...>' lines up under it")
    func promptsLineUp() throws {
        let prompt = try Prompt()
        #expect(prompt.initial.hasPrefix("sprite ") && prompt.initial.hasSuffix("> "))
        let continuation = try prompt.enter("cluster {", until: "...> ")
        let line = continuation.components(separatedBy: "\r\n").last ?? ""
        #expect(line.count == prompt.initial.count, "\(line.debugDescription) vs \(prompt.initial.debugDescription)")
        #expect(line.trimmingCharacters(in: .whitespaces) == "...>")
    }
}
