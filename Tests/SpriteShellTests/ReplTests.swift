import Foundation
import Testing

/// The interactive prompt, driven through a pseudo-terminal.
@Suite("REPL", .serialized)
struct ReplTests {
    /// A prompt session with its own home directory and history file
    /// (or those of an earlier session, to start it again).
    final class Prompt {
        let home: TemporaryDirectory
        let historyPath: String
        let terminal: PseudoTerminalSession
        /// The first prompt, at time zero, as the shell prints it.
        let initial: String

        init(home: TemporaryDirectory? = nil) throws {
            self.home = try home ?? TemporaryDirectory()
            historyPath = self.home.path("history")
            terminal = try PseudoTerminalSession(environment: [
                "HOME": self.home.url.path,
                "SPRITE_SHELL_HISTORY": historyPath,
                "TERM": "dumb",
                "INPUTRC": "/dev/null",
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            ])
            try terminal.waitFor("sprite ")
            initial = try "sprite " + terminal.waitFor("> ")
        }

        /// Types a line and returns what the shell printed up to and including
        /// `prompt`, or by default the next primary prompt (`sprite TIME> `).
        @discardableResult
        func enter(_ line: String, until prompt: String? = nil) throws -> String {
            try terminal.send(line + "\r")
            if let prompt { return try terminal.waitFor(prompt) }
            return try terminal.waitFor("\r\nsprite ") + terminal.waitFor("> ")
        }
    }

    static let cluster = "cluster { workstation ws1; server fs1 }"

    @Test("the prompt appears and a statement's output follows it")
    func promptAndStatement() throws {
        let prompt = try Prompt()
        #expect(prompt.terminal.transcript.contains("type 'help'"))
        try prompt.enter(Self.cluster, until: prompt.initial)
        let output = try prompt.enter("rpc ws1 -> fs1 as r; run", until: "sprite 221.152us> ")
        #expect(output.contains("rpc ws1 -> fs1 done in 221.152us (2 packets"))
    }

    @Test("an error is reported with caret and suggestion, and the session keeps its state")
    func errorRecovery() throws {
        let prompt = try Prompt()
        try prompt.enter(Self.cluster, until: prompt.initial)
        let error = try prompt.enter("rpc ws1 -> fsx", until: prompt.initial)
        #expect(error.contains("<input>:1:12: error: unknown node 'fsx'; did you mean 'fs1'?"))
        let lines = error.components(separatedBy: "\r\n")
        let source = try #require(lines.firstIndex { $0.hasSuffix("    rpc ws1 -> fsx") })
        let caretLine = try #require(lines.indices.contains(source + 1) ? lines[source + 1] : nil)
        #expect(caretLine.firstIndex(of: "^")?.utf16Offset(in: caretLine)
                == lines[source].range(of: "fsx")?.lowerBound.utf16Offset(in: lines[source]))
        // ws1 and fs1 are still declared: the next statement runs.
        let output = try prompt.enter("rpc ws1 -> fs1 as r; run")
        #expect(output.contains("rpc ws1 -> fs1 done"))
        #expect(!output.contains("error"))
        let check = try prompt.enter("expect r.packets == 2")
        #expect(check.contains("expect  ok"))
    }

    @Test("an unfinished block gives the continuation prompt until it is closed")
    func continuation() throws {
        let prompt = try Prompt()
        try prompt.enter("cluster {", until: "...> ")
        try prompt.enter("workstation ws1", until: "...> ")
        try prompt.enter("}", until: prompt.initial)
        let nodes = try prompt.enter("show nodes", until: prompt.initial)
        #expect(nodes.contains("nodes (1)"))
        #expect(nodes.contains("ws1"))
    }

    @Test("Tab completes a statement keyword")
    func completesKeyword() throws {
        let prompt = try Prompt()
        try prompt.enter(Self.cluster, until: prompt.initial)
        // If Tab completes "rp" to "rpc ", the line is a valid rpc; if not, it is an error.
        try prompt.terminal.send("rp\t")
        let output = try prompt.enter(" ws1 -> fs1; run")
        #expect(output.contains("rpc ws1 -> fs1 done"),
                "Tab did not complete 'rp' to 'rpc': \(output.debugDescription)")
    }

    @Test("Tab completes a declared node name")
    func completesNodeName() throws {
        let prompt = try Prompt()
        try prompt.enter("cluster { workstation alpha1; server fs1 }", until: prompt.initial)
        try prompt.terminal.send("crash alp\t")
        let output = try prompt.enter("", until: prompt.initial)
        #expect(output.contains("alpha1 CRASHED"), "Tab did not complete 'alp' to 'alpha1': \(output.debugDescription)")
    }

    @Test("statements typed in a session are in the history file after Ctrl-D")
    func history() throws {
        let prompt = try Prompt()
        try prompt.enter(Self.cluster, until: prompt.initial)
        try prompt.enter("rpc ws1 -> fs1; run")
        try prompt.terminal.send("\u{04}")
        #expect(try prompt.terminal.waitForExit() == 0)
        let history = try String(contentsOfFile: prompt.historyPath, encoding: .utf8)
        let entries = history.split(separator: "\n").map(String.init)
        #expect(entries.contains(Self.cluster))
        #expect(entries.contains("rpc ws1 -> fs1; run"))
    }

    @Test("with HOME empty and no SPRITE_SHELL_HISTORY, history stays in memory", arguments: ["", "relative"])
    func historyWithoutHome(_ home: String) throws {
        let folder = try TemporaryDirectory()
        let terminal = try PseudoTerminalSession(environment: [
            "HOME": home, "TERM": "dumb", "INPUTRC": "/dev/null",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ], directory: folder.url.path)
        try terminal.waitFor("sprite ")
        try terminal.waitFor("> ")
        try terminal.send("echo \"x\"\r")
        try terminal.waitFor("echo    x")
        try terminal.waitFor("\r\nsprite ")
        try terminal.waitFor("> ")
        try terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(left.isEmpty, "the shell wrote \(left) into the folder it started in")
    }

    @Test("Ctrl-C at the prompt abandons the line and gives a fresh prompt")
    func interruptAtPrompt() throws {
        let prompt = try Prompt()
        try prompt.terminal.send("crash nowhere")
        try prompt.terminal.waitFor("crash nowhere") // echoed: readline holds it in its line
        try prompt.terminal.send("\u{03}")
        try prompt.terminal.waitFor(prompt.initial)
        // The abandoned text is gone: this line runs on its own.
        let output = try prompt.enter(Self.cluster + "; show nodes", until: prompt.initial)
        #expect(output.contains("nodes (2)"))
        #expect(!output.contains("error"))
    }

    @Test("Ctrl-C in an unfinished block abandons the block and shows the primary prompt")
    func interruptInBlock() throws {
        let prompt = try Prompt()
        try prompt.enter("cluster {", until: "...> ")
        try prompt.terminal.send("\u{03}")
        try prompt.terminal.waitFor("^C")
        let fresh = try prompt.terminal.waitFor("> ")
        #expect(fresh.hasSuffix(prompt.initial), "not the primary prompt after Ctrl-C: \(fresh.debugDescription)")
        let output = try prompt.enter("show nodes", until: prompt.initial)
        #expect(output.contains("nodes (0)"))
        #expect(!output.contains("error"))
    }

    @Test("Ctrl-D at the prompt exits with status 0")
    func endOfInputExits() throws {
        let prompt = try Prompt()
        try prompt.terminal.send("\u{04}")
        #expect(try prompt.terminal.waitForExit() == 0)
    }
}
