import Foundation
import Testing

/// The command line: exit statuses, `check`, `-c`, standard input, JSON
/// output, determinism, `--bail` and `--help`, all through the real binary.
@Suite("command line")
struct CLITests {
    static let cluster = "cluster { workstation ws1; server fs1 }"

    /// Writes `script` to a temporary file and runs the shell on it with `options`.
    func runScript(_ script: String, _ options: [String] = []) throws -> ShellResult {
        let directory = try TemporaryDirectory()
        let path = try directory.write("scenario.sprite", script)
        return try runShell(options + [path])
    }

    // MARK: Exit statuses

    @Test("a good script exits 0")
    func goodScript() throws {
        let result = try runScript("""
            \(Self.cluster)
            rpc ws1 -> fs1 as r
            run
            expect r.packets == 2
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("expect  ok"))
        #expect(result.stderr.isEmpty)
    }

    @Test("a failed expect exits 1")
    func failedExpect() throws {
        let result = try runScript("""
            \(Self.cluster)
            rpc ws1 -> fs1 as r
            run
            expect r.packets == 3
            """)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAILED  r.packets == 3, found 2"))
    }

    @Test("a syntax error exits 2 and nothing runs")
    func syntaxError() throws {
        let result = try runScript("""
            echo "before"
            \(Self.cluster)
            rpc ws1 fs1
            """)
        #expect(result.status == 2)
        #expect(result.stderr.contains(":3:9: error: expected '->'"), "\(result.stderr)")
        #expect(!result.stdout.contains("before"), "a statement ran before the syntax error")
    }

    @Test("an unknown node exits 2 with file:line:col, the source line, a caret and a suggestion")
    func unknownNodeDiagnostic() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("typo.sprite", "\(Self.cluster)\nrpc ws1 -> fsx\nrun\n")
        let result = try runShell([path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "nothing should run: \(result.stdout)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count >= 3, "\(result.stderr)")
        #expect(lines[0] == "\(path):2:12: error: unknown node 'fsx'; did you mean 'fs1'?")
        #expect(lines[1].hasSuffix("rpc ws1 -> fsx"))
        let column = try #require(lines[1].range(of: "fsx")).lowerBound.utf16Offset(in: lines[1])
        #expect(lines[2].trimmingCharacters(in: .whitespaces).hasPrefix("^"))
        #expect(lines[2].firstIndex(of: "^")?.utf16Offset(in: lines[2]) == column, "caret not under 'fsx'")
    }

    @Test("bad usage exits 2", arguments: [
        ["--no-such-flag"],
        ["--format", "xml", "-c", "run"],
        ["-c", "run", "extra-file.sprite"],
        ["--max-events", "0", "-c", "run"],
    ])
    func badUsage(arguments: [String]) throws {
        let result = try runShell(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test("an unreadable script file exits 2")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let result = try runShell([directory.path("missing.sprite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read"))
    }

    @Test("an rpc to a crashed server without 'try' is a runtime error: exit 3")
    func failedOperation() throws {
        let result = try runScript("""
            \(Self.cluster)
            crash fs1
            rpc ws1 -> fs1
            run
            """)
        #expect(result.status == 3)
        #expect(result.stderr.contains(":3:1: error: rpc ws1 -> fs1 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("'try'"))
    }

    @Test("the same failure under 'try' is allowed: exit 0")
    func failedOperationUnderTry() throws {
        let result = try runScript("""
            \(Self.cluster)
            crash fs1
            try rpc ws1 -> fs1 as r
            run
            expect r.status == "failed"
            """)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("'run limit 1' with work still pending exits 4")
    func eventLimit() throws {
        let result = try runScript("""
            \(Self.cluster)
            rpc ws1 -> fs1 count 5
            run limit 1
            """)
        #expect(result.status == 4)
        #expect(result.stderr.contains("error: limit reached: 'run limit 1' stopped the run"), "\(result.stderr)")
    }

    @Test("--limit bounds the whole script and reaching it exits 4")
    func commandLineLimit() throws {
        let result = try runScript("\(Self.cluster)\nrpc ws1 -> fs1 count 5\nrun", ["--limit", "events=3"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("error: limit reached: the script has processed 3 events"), "\(result.stderr)")
        #expect(result.stderr.contains("help: raise it on the command line: --limit events=N"))
        // The old flag still works, as --limit events=N.
        let old = try runScript("\(Self.cluster)\nrpc ws1 -> fs1 count 5\nrun", ["--max-events", "3"])
        #expect(old.status == 4)
        #expect(old.stderr.contains("(--limit events=3)"), "\(old.stderr)")
    }

    @Test("a script refused at check time for a limit exits 4 and prints no summary")
    func limitAtCheckTime() throws {
        let result = try runScript("\(Self.cluster)\nrpc ws1 -> fs1\nrun limit 2000000000")
        #expect(result.status == 4)
        #expect(result.stderr.contains("'run limit 2000000000' is more than the script's event limit"),
                "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test("a malformed --limit exits 2", arguments: [["--limit", "evnts=3"], ["--limit", "wall=60"], ["--limit", "x"]])
    func malformedLimit(arguments: [String]) throws {
        let result = try runShell(arguments + ["-c", "run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("limit"), "\(result.stderr)")
    }

    @Test("--help lists the limits and exit status 4")
    func helpListsLimits() throws {
        let result = try runShell(["--help"])
        #expect(result.stdout.contains("events=50000000"))
        #expect(result.stdout.contains("file-bytes=4GB"))
        #expect(result.stdout.contains("4  a limit was reached"))
    }

    // MARK: check

    @Test("check exits 0 for a good script and runs nothing")
    func checkGood() throws {
        let directory = try TemporaryDirectory()
        // It would fail at run time (exit 3) and print output; check must do neither.
        let path = try directory.write("ok.sprite", "\(Self.cluster)\necho \"ran\"\ncrash fs1\nrpc ws1 -> fs1\nrun\n")
        let result = try runShell(["check", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "check ran something: \(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    @Test("check exits 2 for a malformed script and runs nothing")
    func checkMalformed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.sprite", "echo \"ran\"\n\(Self.cluster)\nrpc ws1 -> fsx\n")
        let result = try runShell(["check", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):3:12: error: unknown node 'fsx'"))
    }

    // MARK: Input

    @Test("-c runs the statements it is given")
    func commandLineStatements() throws {
        let result = try runShell(["-c", "\(Self.cluster); rpc ws1 -> fs1 as r; run; expect r.packets == 2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rpc ws1 -> fs1 done"))
        let failing = try runShell(["-c", "\(Self.cluster); rpc ws1 -> fs1 as r; run; expect r.packets == 3"])
        #expect(failing.status == 1)
    }

    @Test("statements piped on standard input run as a batch, with no prompt or escape codes")
    func standardInput() throws {
        let result = try runShell([], stdin: "\(Self.cluster)\nrpc ws1 -> fs1 as r\nrun\nexpect r.packets == 2\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("expect  ok"))
        #expect(result.stdout.contains("-- summary"))
        #expect(!result.stdout.contains("sprite 0>"))
        #expect(!result.stdout.contains("Ctrl-D"))
        #expect(!(result.stdout + result.stderr).contains("\u{1B}"), "escape codes in batch output")
        let failing = try runShell([], stdin: "\(Self.cluster)\nrpc ws1 -> fsx\n")
        #expect(failing.status == 2)
        #expect(failing.stderr.contains("<stdin>:2:12: error:"))
    }

    // MARK: JSON

    /// Parses every stdout line as a JSON object that has an "event" field.
    func jsonEvents(_ result: ShellResult) throws -> [[String: Any]] {
        try result.stdoutLines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let event = try #require(object as? [String: Any], "not a JSON object: \(line)")
            #expect(event["event"] is String, "no \"event\" field: \(line)")
            return event
        }
    }

    @Test("--format json prints one JSON object per line, each with an event")
    func jsonOutput() throws {
        let result = try runScript("\(Self.cluster)\nrpc ws1 -> fs1 as r\nrun\nexpect r.packets == 2\n",
                                   ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try jsonEvents(result)
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.contains("rpc.done"))
        #expect(names.contains("expect"))
        #expect(names.last == "summary")
    }

    @Test("--format json reports diagnostics as diagnostic events", arguments: [
        ("\(CLITests.cluster)\nrpc ws1 -> fsx\n", Int32(2)),
        ("\(CLITests.cluster)\ncrash fs1\nrpc ws1 -> fs1\nrun\n", Int32(3)),
    ])
    func jsonDiagnostics(script: String, status: Int32) throws {
        let result = try runScript(script, ["--format", "json"])
        #expect(result.status == status)
        let diagnostics = try jsonEvents(result).filter { $0["event"] as? String == "diagnostic" }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["severity"] as? String == "error")
        #expect(diagnostics.first?["line"] as? Int == (status == 2 ? 2 : 3))
        #expect((diagnostics.first?["message"] as? String)?.isEmpty == false)
    }

    @Test("--format json: a missing script file is a diagnostic object on standard output too")
    func jsonMissingFile() throws {
        let directory = try TemporaryDirectory()
        let result = try runShell(["--format", "json", directory.path("nosuch.sprite")])
        #expect(result.status == 2)
        let events = try jsonEvents(result)
        #expect(events.count == 1)
        #expect(events.first?["event"] as? String == "diagnostic")
        #expect(events.first?["kind"] as? String == "usage")
        #expect((events.first?["message"] as? String)?.contains("cannot read") == true)
        #expect(result.stderr.contains("cannot read"), "people still read it on standard error")
    }

    @Test("--format json with several files: a file marker before each, the file in each summary")
    func jsonSeveralFiles() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write("a.sprite", "\(Self.cluster)\nrpc ws1 -> fs1\nrun\n")
        let second = try directory.write("b.sprite", "\(Self.cluster)\necho \"b\"\n")
        let missing = directory.path("c.sprite")
        let result = try runShell(["--format", "json", first, second, missing])
        #expect(result.status == 2)
        let events = try jsonEvents(result)
        let markers = events.enumerated().filter { $0.element["event"] as? String == "file" }
        #expect(markers.map { $0.element["file"] as? String } == [first, second, missing])
        #expect(markers.first?.offset == 0, "the first line says which file follows")
        let summaries = events.filter { $0["event"] as? String == "summary" }
        #expect(summaries.map { $0["file"] as? String } == [first, second])
        #expect(events.last?["event"] as? String == "diagnostic", "the missing file's diagnostic follows its marker")
    }

    @Test("one file in JSON has no file marker, and its summary names it")
    func jsonOneFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a.sprite", "\(Self.cluster)\n")
        let events = try jsonEvents(try runShell(["--format", "json", path]))
        #expect(!events.contains { $0["event"] as? String == "file" })
        #expect(events.last?["file"] as? String == path)
    }

    // MARK: Determinism

    @Test("the same script and seed give byte-identical output")
    func determinism() throws {
        let script = """
            cluster {
              workstation ws1
              server fs1
              link ws1 <-> fs1 loss 30%
            }
            try rpc ws1 -> fs1 count 20 as r
            run
            """
        let first = try runScript(script, ["--seed", "7"])
        let second = try runScript(script, ["--seed", "7"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.contains(" 0 dropped"), "the loss never struck, so this proves little")
        // Not required to differ, but a seed that changes nothing would be suspicious.
        let other = try runScript(script, ["--seed", "8"])
        #expect(other.status == 0)
        withKnownIssue("another seed happened to give the same run", isIntermittent: true) {
            #expect(other.stdout != first.stdout)
        }
    }

    // MARK: Options

    @Test("--bail stops at the first failed expect")
    func bail() throws {
        let script = """
            \(Self.cluster)
            rpc ws1 -> fs1 as r
            run
            expect r.packets == 3
            echo "after the first failure"
            expect r.packets == 4
            """
        let bailing = try runScript(script, ["--bail"])
        #expect(bailing.status == 1)
        #expect(bailing.stdout.contains("r.packets == 3"))
        #expect(!bailing.stdout.contains("after the first failure"))
        #expect(!bailing.stdout.contains("r.packets == 4"))
        let full = try runScript(script)
        #expect(full.status == 1)
        #expect(full.stdout.contains("after the first failure"))
        #expect(full.stdout.contains("r.packets == 4"))
    }

    @Test("--help exits 0 and documents the exit statuses")
    func help() throws {
        let result = try runShell(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("exit status:"))
        let meanings = [(0, "every expect held"), (1, "an expect failed"), (2, "malformed"), (3, "runtime error")]
        for (code, meaning) in meanings {
            #expect(result.stdout.contains("\(code)  ") && result.stdout.contains(meaning),
                    "status \(code) undocumented")
        }
    }
}
