import Foundation
import SpriteKernel
import Testing
@testable import SpriteScript

// MARK: - Harness (shared with FileSystemShowScriptTests)

enum FSScript {
    static let fileName = "test.sprite"

    /// Line 1 of the check-error cases.
    static let header = "cluster { server fs1, fs2; workstation ws1, ws2 }\n"

    static let cluster = """
        cluster {
          network ethernet preset sprite-1988 topology bus
          server fs1, fs2, fs3 memory 32MB disk 20ms
          workstation ws1, ws2, ws3 memory 8MB diskless
        }

        """

    static func options(format: OutputFormat = .text) -> SessionOptions {
        var options = SessionOptions()
        options.seed = 1
        options.format = format
        options.loader = FSNoLoader()
        return options
    }

    static func run(_ text: String, format: OutputFormat = .text)
        -> (status: SpriteScript.ExitStatus, sink: BufferSink, session: Session) {
        let sink = BufferSink()
        let session = Session(options: options(format: format), sink: sink)
        let status = session.runScript(SourceFile(name: fileName, text: text))
        return (status, sink, session)
    }

    static func objects(_ sink: BufferSink) throws -> [[String: Any]] {
        try sink.output.map { line in
            JSONSchemaTests.expectValid(line)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }

    static func events(_ objects: [[String: Any]], _ name: String) -> [[String: Any]] {
        objects.filter { $0["event"] as? String == name }
    }

    /// The rows of the `show` table whose title starts with `title`.
    static func table(_ objects: [[String: Any]], _ title: String) throws
        -> (rows: [[String: Any]], notes: [String], title: String) {
        let show = try #require(events(objects, "show").first { ($0["what"] as? String)?.hasPrefix(title) == true },
                                "no table \(title)")
        let rows = try #require(show["rows"] as? [[String: Any]])
        return (rows, show["notes"] as? [String] ?? [], show["what"] as? String ?? "")
    }

    /// Runs `script` as JSON, records every failed expectation, checks their count and the exit status,
    /// and returns the output's objects (failures are reported at the caller's line).
    @discardableResult
    static func runExpecting(_ script: String, expectations count: Int, status expected: SpriteScript.ExitStatus = .ok,
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let (status, sink, _) = run(script, format: .json)
        let objects = try FSScript.objects(sink)
        let results = expectations(objects)
        #expect(results.count == count, sourceLocation: sourceLocation)
        for (condition, result) in results where !result.ok {
            Issue.record("\(condition): actual \(result.actual)", sourceLocation: sourceLocation)
        }
        #expect(status == expected, sourceLocation: sourceLocation)
        return objects
    }

    /// Every expectation's condition → (passed, actual).
    static func expectations(_ objects: [[String: Any]]) -> [String: (ok: Bool, actual: String)] {
        var results: [String: (Bool, String)] = [:]
        for e in events(objects, "expect") {
            if let condition = e["condition"] as? String {
                results[condition] = (e["ok"] as? Bool ?? false, e["actual_text"] as? String ?? "")
            }
        }
        return results
    }
}

private struct FSNoLoader: SourceLoader {
    struct Missing: Error {}
    func load(_ path: String, relativeTo base: String) throws -> SourceFile { throw Missing() }
}

/// One script with its expected first error, after `FSScript.header`.
struct FSCheckCase: Sendable, CustomTestStringConvertible {
    var body: String
    var message: String
    var line: Int
    var column: Int

    init(_ body: String, _ message: String, line: Int, column: Int) {
        self.body = body
        self.message = message
        self.line = line
        self.column = column
    }

    var testDescription: String { message }
}

private let fsCheckCases: [FSCheckCase] = [
    // File operations need a node.
    .init("domain / on fs1\nopen /x r", "'open' acts on a node's files; write it inside on NODE { … }",
          line: 3, column: 1),
    .init("domain / on fs1\nread /x", "'read' acts on a node's files; write it inside on NODE { … }",
          line: 3, column: 1),
    .init("domain / on fs1\nsync", "'sync' acts on a node's files; write it inside on NODE { … }",
          line: 3, column: 1),
    // Paths must be covered by a domain, an export or a mount, by whole components.
    .init("on ws1 { open /x r }", "no domain covers /x", line: 2, column: 15),
    .init("domain /a on fs1\non ws1 { open /ab r }", "no domain covers /ab", line: 3, column: 15),
    .init("domain /a on fs1\non ws1 { read /b }", "no domain covers /b", line: 3, column: 15),
    .init("domain /a on fs1\nresolve /b on ws1", "no domain covers /b", line: 3, column: 9),
    // Paths are normalised (FileNameTests), so these name / and /users.
    .init("domain / on fs1\non ws1 { delete /a/.. }", "cannot delete /: it is the root of the namespace",
          line: 3, column: 17),
    .init("domain /users on fs1\ndomain /users/ on fs2", "domain /users is already served by fs1",
          line: 3, column: 8),
    .init("domain /users on fs1\ndomain /users on fs1", "domain /users is already served by fs1",
          line: 3, column: 8),
    .init("at 1s { reset }", "reset cannot be used inside an 'at' or 'on' block", line: 2, column: 9),
    .init("on ws1 { reset }", "reset cannot be used inside an 'at' or 'on' block", line: 2, column: 10),
    // Unknown words, with suggestions.
    .init("consistency spirte", "unknown consistency protocol 'spirte'; did you mean 'sprite'?", line: 2, column: 13),
    .init("cache client policy write-thru", "unknown write policy 'write-thru'; did you mean 'write-through'?",
          line: 2, column: 21),
    .init("domain / on fs1\non ws1 { open /x rx }", "unknown open mode 'rx'; did you mean 'r'?", line: 3, column: 18),
    .init("domain / on fs1\non ws1 { open /x apend }", "unknown open mode 'apend'; did you mean 'append'?",
          line: 3, column: 18),
    .init("show caches", "cannot show 'caches'; did you mean 'cache'?", line: 2, column: 6),
    .init("expect stats.recall == 1", "'stats' has no field 'recall'; did you mean 'recalls'?", line: 2, column: 14),
    .init("expect stale-reads unixx == 0", "unknown sharing model 'unixx'; did you mean 'unix'?", line: 2, column: 20),
    // Domains.
    .init("move domain /users to fs1", "there is no domain /users to move", line: 2, column: 13),
    .init("domain /user on fs1\nmove domain /users to fs2", "there is no domain /users to move; did you mean '/user'?",
          line: 3, column: 13),
    .init("domain / on ws1", "'ws1' is a workstation; domains are served by a server (or a node with role both)",
          line: 2, column: 13),
    .init("domain / on fs9", "unknown node 'fs9'", line: 2, column: 13),
    .init("export /e on ws2", "'ws2' is a workstation; exports come from a server", line: 2, column: 14),
    // Timeouts.
    .init("consistency sprite timeout 3s", "'timeout' applies to nfs, not sprite", line: 2, column: 20),
    .init("consistency callbacks file-timeout 3s 30s", "'file-timeout' applies to nfs, not callbacks",
          line: 2, column: 23),
    .init("consistency nfs file-timeout 10s 3s", "the maximum timeout is shorter than the minimum",
          line: 2, column: 34),
    .init("consistency nfs dir-timeout 60s 30s", "the maximum timeout is shorter than the minimum",
          line: 2, column: 33),
    .init("consistency nfs timeout 0s", "timeout must be greater than zero", line: 2, column: 25),
    .init("cache client policy delayed-write flush 0s", "flush must be greater than zero", line: 2, column: 41),
    // show cache needs a node.
    .init("show cache", "expected the node whose cache to show", line: 2, column: 11),
    .init("show cache ws9", "unknown node 'ws9'", line: 2, column: 12),
    // Names from `at` blocks exist only once the block has run.
    .init("at 1s { cluster { workstation ws9 } }\ndomain / on fs1\non ws9 { open /x r }",
          "'ws9' is declared in an 'at' block that has not run yet", line: 4, column: 4),
    .init("at 1s { cluster { workstation ws9 } }\nshow cache ws9",
          "'ws9' is declared in an 'at' block that has not run yet", line: 3, column: 12),
    .init("domain / on fs1\nat 1s { on ws1 { open /x rw as o } }\nexpect o.status == \"done\"",
          "'o' is declared in an 'at' block that has not run yet", line: 4, column: 8),
    .init("at 1s { cluster { server fs9 } }\ndomain / on fs9",
          "'fs9' is declared in an 'at' block that has not run yet", line: 3, column: 13),
    // Labels.
    .init("domain / on fs1\non ws1 { open /x r as ws2 }",
          "label 'ws2' would hide the node, process or 'stats' of that name",
          line: 3, column: 23),
]

// MARK: - Check errors

@Suite("File system statements: check errors")
struct FileSystemScriptTests {
    @Test(arguments: fsCheckCases)
    func checkErrorsStopTheScriptBeforeAnythingRuns(_ c: FSCheckCase) {
        let script = FSScript.header + c.body + "\necho \"ran\""
        let (status, sink, session) = FSScript.run(script)
        #expect(status == .malformed)
        #expect(sink.output.isEmpty, "nothing may run: \(sink.output)")
        #expect(session.now == .zero)
        let first = sink.errors.first ?? ""
        let prefix = "\(FSScript.fileName):\(c.line):\(c.column): error: \(c.message)"
        #expect(first.hasPrefix(prefix), "got: \(first)")

        // `check` finds the same error without running anything.
        let checker = Session(options: FSScript.options(), sink: BufferSink())
        #expect(checker.checkScript(SourceFile(name: FSScript.fileName, text: script)) == .malformed)
    }

    @Test func wellFormedFileStatementsPassTheCheck() {
        let script = FSScript.header + """
            domain / on fs1
            domain /users on fs2
            consistency nfs timeout 3s
            consistency nfs file-timeout 3s 30s dir-timeout 30s 60s
            consistency sprite
            cache client policy delayed-write flush 30s age 30s block 4KB
            cache ws1, ws2 on size 4MB
            export /export on fs2
            mount fs2:/export on /home at ws1, ws2
            automount /net at ws2
            on ws1 { open /users/a rw as o1; write "x"; append 3KB; read; close; stat /users/a; sync; mkdir /d; ls /d }
            on ws2 { create /users/b size 8KB; open /home/x w; write 1KB; close /home/x; delete /users/b }
            on ws1, ws2 { open /f append; close }
            resolve /users/a on ws1 as r1
            show outcomes
            show history
            show files
            show domains
            show prefixes
            show prefixes ws1, ws2
            show cache ws1
            show mounts
            expect read ws1 /users/a == "x"
            expect stale-reads == 0
            expect stale-reads session <= 1
            expect lost-updates == 0
            expect crash-losses == 0
            expect semantics unix holds
            expect semantics transaction violated
            expect stats.recalls >= 0
            expect stats.never-written == 0B
            expect o1.status == "done"
            """
        let session = Session(options: FSScript.options(), sink: BufferSink())
        #expect(session.checkScript(SourceFile(name: FSScript.fileName, text: script)) == .ok)
    }

    @Test func namesFromAnAtBlockCanBeUsedAfterItRan() {
        let (status, sink, session) = FSScript.run(FSScript.header + """
            domain / on fs1
            at 1s { cluster { workstation ws9 } }
            at 2s { on ws9 { open /x rw; write "late"; close } }
            run
            on ws9 { open /x r; read as r9; close }
            run
            expect read ws9 /x == "late"
            expect r9.text == "late"
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsPassed == 2)
        #expect(session.interpreter.expectationsFailed == 0)
    }

    @Test func fileOperationsReadTheirHelp() {
        for (topic, words) in [("files", ["open PATH [r|w|rw|append]", "delete PATH"]),
                               ("consistency", ["sprite|nfs|callbacks|none", "file-timeout MIN MAX"]),
                               ("cache", ["write-through|delayed-write|write-on-close"]),
                               ("domain", ["move domain PATH to NODE"]),
                               ("mount", ["automount ROOT at NODES"])] {
            let (status, sink, _) = FSScript.run("help \(topic)")
            #expect(status == .ok)
            for word in words {
                #expect(sink.text.contains(word), "help \(topic) lacks \(word)")
            }
        }
    }
}

// MARK: - Runtime

@Suite("File system statements: runtime")
struct RuntimeFileSystemScriptTests {
    private let setup = FSScript.cluster + "domain / on fs1\nconsistency sprite\n"

    @Test func readingAFileThatIsNotOpenIsARuntimeError() {
        let (status, sink, session) = FSScript.run(setup + "on ws1 { read /x }\nrun\necho \"after\"")
        #expect(status == .runtimeError)
        #expect(status.rawValue == 3)
        #expect(!echoed(sink.output).contains("after"), "the script stops at the error")
        let error = sink.errors.first ?? ""
        #expect(error.hasPrefix("test.sprite:8:10: error: read /x on ws1 failed at 0s: /x is not open"),
                "got: \(error)")
        #expect(sink.errorText.contains("prefix the statement with 'try'"))
        #expect(session.interpreter.simulation.statistics.operationsFailed == 1)
    }

    @Test func underTryTheFailureIsReportedAndTheScriptGoesOn() throws {
        let (status, sink, _) = FSScript.run(setup + """
            try on ws1 { read /x as r }
            run
            expect r.status == "failed"
            echo "after"
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        let objects = try FSScript.objects(sink)
        #expect(FSScript.events(objects, "echo").compactMap { $0["text"] as? String } == ["after"])
        #expect(FSScript.expectations(objects)["r.status == \"failed\""]?.ok == true)
    }

    @Test func openingAMissingFileReadOnlyFails() {
        var (status, sink, _) = FSScript.run(setup + "on ws1 { open /nope r }\nrun\necho \"after\"")
        #expect(status == .runtimeError)
        #expect(!echoed(sink.output).contains("after"))
        let firstLine = sink.errors.first?.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("test.sprite:8:10: error: open /nope on ws1 failed at"), "\(sink.errors)")
        #expect(firstLine.hasSuffix(": /nope does not exist"), "\(sink.errors)")

        (status, sink, _) = FSScript.run(setup + """
            try on ws1 { open /nope r as o }
            on ws2 { open /made w as w; close }
            run
            expect o.status == "failed"
            expect w.status == "done"
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(sink.output.contains { $0.contains("open /nope on ws1 FAILED: /nope does not exist") })
    }

    @Test func writingAFileOpenForReadingFails() {
        let (status, sink, _) = FSScript.run(setup + """
            on ws1 { open /f w; write "x"; close }
            run
            on ws2 { open /f r; write "y" }
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("/f is open for reading only") == true, "\(sink.errors)")
    }

    @Test func theSessionKeepsItsStateAfterAnInteractiveFailure() {
        let sink = BufferSink()
        let session = Session(options: FSScript.options(), sink: sink)
        func eval(_ text: String) -> EvaluationResult { session.evaluate(SourceFile(name: "<input>", text: text)) }
        #expect(eval(FSScript.cluster + "domain / on fs1") == .done)
        #expect(eval("on ws1 { read /x }\nrun") == .failed(.runtimeError))
        #expect(eval("on ws1 { delete / }") == .failed(.malformed))
        #expect(eval("on ws1 {") == .needsMoreInput)
        #expect(eval("on ws1 { open /x rw; write \"typed\"; close }\nrun") == .done)
        #expect(eval("on ws2 { open /x r; read; close }\nrun") == .done)
        #expect(eval("expect read ws2 /x == \"typed\"") == .done)
        #expect(session.interpreter.expectationsPassed == 1)
        #expect(session.interpreter.expectationsFailed == 0)
    }

    /// Regression: an `at` block inside `on NODE { }` passes the check (exit 0 from
    /// `check`) but its file operations fail at run time with "'open' needs a
    /// node" (exit 3): the timer body does not keep the block's node.
    @Test func atInsideOnKeepsTheNode() {
        let script = FSScript.cluster + "domain / on fs1\non ws1 { at +1s { open /x rw; write \"a\"; close } }\nrun"
        let checker = Session(options: FSScript.options(), sink: BufferSink())
        let checked = checker.checkScript(SourceFile(name: FSScript.fileName, text: script))
        let (status, sink, _) = FSScript.run(script)
        // Either the check rejects it, or it runs on ws1.
        #expect(checked == .malformed || status == .ok, "check \(checked), run \(status): \(sink.errors.first ?? "")")
        
    }

    /// Regression: `try at +1s { … }` does not allow the failures of the block's
    /// operations when the block runs; the error even says to add 'try'.
    @Test func tryAroundAnAtBlockAllowsItsFailures() {
        let script = "domain / on fs1\ntry at +1s { on ws1 { read /x } }\nrun\necho \"after\""
        let (status, sink, _) = FSScript.run(FSScript.cluster + script)
        #expect(status == .ok, "\(sink.errors.first ?? "")")
        #expect(echoed(sink.output).contains("after"))
        
    }
}

// MARK: - Expectations and verdicts

@Suite("File system statements: expectations and verdicts")
struct VerdictFileSystemScriptTests {
    private func jackAndJill(_ consistency: String) -> String {
        FSScript.cluster + """
            domain / on fs1
            cache client policy write-on-close
            consistency \(consistency)
            on ws1 { open /list rw; write "milk"; close }
            at 10s { on ws2 { open /list r; read; close } }
            at 10.5s { on ws1 { open /list rw; read; append " eggs"; close } }
            at 11s { on ws2 { open /list rw; read as jill; append " bread"; close } }
            at 20s { on ws1 { open /list r; read; close } }
            run

            """
    }

    @Test func nfsJackAndJillLosesAnUpdate() throws {
        let (status, sink, session) = FSScript.run(jackAndJill("nfs timeout 3s") + """
            expect read ws2 /list == "milk"
            expect read ws1 /list == "milk bread"
            expect jill.text == "milk"
            expect stale-reads == 1
            expect stale-reads unix == 1
            expect stale-reads session == 1
            expect stale-reads transaction == 2
            expect lost-updates == 1
            expect crash-losses == 0
            expect semantics unix violated
            expect semantics session violated
            expect semantics transaction violated
            expect semantics immutable violated
            expect stale-reads == 0
            expect semantics unix holds
            expect read ws3 /list == "milk"
            show outcomes
            """, format: .json)
        #expect(status == .expectationFailed)
        #expect(sink.errors.isEmpty, "\(sink.errors)")
        let objects = try FSScript.objects(sink)
        let results = FSScript.expectations(objects)
        #expect(results.count == 16)
        for passing in ["read ws2 /list == \"milk\"", "read ws1 /list == \"milk bread\"", "jill.text == \"milk\"",
                        "stale-reads == 1", "stale-reads unix == 1", "stale-reads session == 1",
                        "stale-reads transaction == 2", "lost-updates == 1", "crash-losses == 0",
                        "semantics unix violated", "semantics session violated", "semantics transaction violated",
                        "semantics immutable violated"] {
            #expect(results[passing]?.ok == true, "\(passing): \(String(describing: results[passing]))")
        }
        #expect(results["stale-reads == 0"]?.ok == false)
        #expect(results["stale-reads == 0"]?.actual == "1")
        #expect(results["semantics unix holds"]?.ok == false)
        #expect(results["semantics unix holds"]?.actual == "\"violated\"")
        #expect(results["read ws3 /list == \"milk\""]?.ok == false)
        #expect(results["read ws3 /list == \"milk\""]?.actual == "ws3 has not read /list")
        #expect(session.interpreter.expectationsFailed == 3)

        // Every read is a file.read line with both verdicts.
        let reads = FSScript.events(objects, "file.read")
        #expect(reads.count == 4)
        #expect(reads.allSatisfy { $0["unix_verdict"] is String && $0["session_verdict"] is String })
        let stale = reads.filter { $0["unix_verdict"] as? String == "stale" }
        #expect(stale.count == 1)
        let jill = try #require(stale.first)
        #expect(jill["node"] as? String == "ws2")
        #expect(jill["label"] as? String == "jill")
        #expect(jill["path"] as? String == "/list")
        // Contents are plain JSON strings, not quoted twice.
        #expect(jill["content"] as? String == "milk")
        #expect(jill["source"] as? String == "cache")
        #expect(jill["session_verdict"] as? String == "stale")
        #expect(jill["session"] == nil, "session names a session's number only, never a verdict")
        #expect(jill["expected"] as? String == "milk eggs")
        #expect(jill["expected_writer"] as? String == "ws1")
        #expect((jill["why"] as? String)?.contains("still within its 3s timeout") == true, "\(jill)")
        let fresh = reads.filter { $0["unix_verdict"] as? String == "fresh" }
        #expect(fresh.count == 3)
        #expect(fresh.allSatisfy { $0["why"] == nil && $0["expected"] == nil })

        let outcomes = try FSScript.table(objects, "outcomes")
        #expect(outcomes.title == "outcomes (4 reads)")
        #expect(outcomes.rows.count == 4)
        // Verdicts in rows use the same codes and names as in file.read.
        let staleRows = outcomes.rows.filter { $0["unix_verdict"] as? String == "stale" }
        #expect(staleRows.count == 1)
        #expect(staleRows.first?["node"] as? String == "ws2")
        #expect(staleRows.first?["content"] as? String == "milk")
        #expect(staleRows.first?["t"] is Int)
        #expect(staleRows.first?["session_verdict"] as? String == "stale")
        // Jack's and Jill's sessions each read what the other overwrote: a cycle.
        #expect(staleRows.first?["transaction_verdict"] as? String == "not-serializable")
        #expect(staleRows.first?["immutable_verdict"] as? String == "modified-while-shared")
        #expect(outcomes.notes.first?.contains("reads not fresh by model: unix 1, session 1") == true,
                "\(outcomes.notes)")
        #expect(outcomes.notes.first?.contains("lost updates 1; crash losses 0") == true, "\(outcomes.notes)")
        #expect(outcomes.notes.contains {
            $0.contains("lost update: ws1's session on /list") && $0.contains("overwritten by ws2's session")
        })
    }

    @Test func spriteJackAndJillKeepsBothUpdates() throws {
        let (status, sink, session) = FSScript.run(jackAndJill("sprite") + """
            expect stale-reads == 0
            expect lost-updates == 0
            expect read ws1 /list == "milk eggs bread"
            expect semantics unix holds
            expect semantics session holds
            expect stats.recalls == 0
            show outcomes
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsPassed == 6)
        let objects = try FSScript.objects(sink)
        let reads = FSScript.events(objects, "file.read")
        #expect(reads.count == 4)
        #expect(reads.allSatisfy {
            $0["unix_verdict"] as? String == "fresh" && $0["session_verdict"] as? String == "fresh"
        })
        let outcomes = try FSScript.table(objects, "outcomes")
        #expect(outcomes.rows.allSatisfy { $0["unix_verdict"] as? String == "fresh" })
        #expect(!outcomes.notes.contains { $0.contains("lost update:") })
    }

    @Test func theTextOutputPrintsEveryVerdict() {
        let (_, sink, _) = FSScript.run(jackAndJill("nfs timeout 3s"))
        let readLines = sink.output.filter { $0.contains(" read /list -> ") }
        #expect(readLines.count == 4)
        #expect(readLines.filter { $0.hasSuffix(": fresh") }.count == 3)
        let stale = readLines.first { $0.contains("STALE under unix") }
        #expect(stale?.contains("why: cached version 1 was") == true, "\(String(describing: stale))")
        #expect(stale?.hasSuffix("[jill]") == true)
    }

    @Test func crashLossesAndNeverWrittenBytes() throws {
        let (status, sink, session) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            consistency sprite
            cache client policy delayed-write flush 30s age 30s
            at 1s { on ws1 { open /log rw; write "entry 1"; close } }
            at 2s { on ws1 { open /draft rw; write "half"; append " a thought" } }
            at 10s { crash ws1 }
            run
            expect crash-losses == 3
            restart ws1
            on ws1 { open /scratch rw; write 64KB; close; delete /scratch }
            run
            expect stats.never-written == 64KB
            expect stats.to-server == 0B
            show outcomes
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsPassed == 3)
        let simulation = session.interpreter.simulation
        #expect(simulation.crashLosses.map(\.path) == ["/log", "/draft", "/draft"])
        #expect(simulation.fileSystemStatistics.bytesNeverWritten == 64 << 10)
        let objects = try FSScript.objects(sink)
        let lost = FSScript.events(objects, "crash.writes-lost")
        #expect(lost.count == 1)
        #expect((lost.first?["lost_writes"] as? [[String: Any]])?.count == 3)
        let outcomes = try FSScript.table(objects, "outcomes")
        #expect(outcomes.notes.filter { $0.contains("crash loss: ws1 lost its write of") }.count == 3)
        #expect(outcomes.notes.first?.hasSuffix("crash losses 3") == true, "\(outcomes.notes)")
        let deleted = FSScript.events(objects, "file.delete")
        #expect(deleted.first?["never_written_bytes"] as? Int == 64 << 10)
    }

    @Test func fileSystemStatisticsMatchTheEngine() throws {
        // Sequential sharing (two recalls), concurrent sharing (caching disabled, and ws1's dirty
        // /board recalled with it: three recalls, two of them recall calls),
        // a moved domain (stale prefix, broadcasts) and callbacks (invalidations).
        let (status, sink, session) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            domain /users on fs2
            consistency sprite
            cache client policy delayed-write
            on ws1 { open /users/r rw; write "one"; close }
            at 1s { on ws2 { open /users/r r; read; close } }
            at 2s { on ws1 { open /users/r rw; write "two"; close } }
            at 3s { on ws2 { open /users/r r; read; close } }
            at 4s { on ws1 { open /board rw; write "a" } }
            at 5s { on ws3 { open /board rw; read; write "b"; close } }
            at 6s { on ws1 { close } }
            run
            expect stats.recalls == 3
            expect stats.caching-disabled == 1
            expect stats.broadcasts == 4
            expect stats.stale-prefixes == 0
            move domain /users to fs3
            on ws2 { open /users/r r; read; close }
            run
            expect stats.stale-prefixes == 1
            expect stats.broadcasts == 5
            expect read ws2 /users/r == "two"
            consistency callbacks
            on ws1 { open /cb rw; write "v1"; close }
            run
            on ws2 { open /cb r; read; close }
            on ws3 { open /cb r; read; close }
            run
            on ws1 { open /cb rw; write "v2"; close }
            run
            expect stats.invalidations == 2
            expect stats.file-rpcs > 20
            expect stats.client-hits > 0
            expect stats.disk-writes > 0
            show stats
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsFailed == 0)
        #expect(session.interpreter.expectationsPassed == 11)
        let f = session.interpreter.simulation.fileSystemStatistics
        let objects = try FSScript.objects(sink)
        let stats = try FSScript.table(objects, "stats")
        var values: [String: Any] = [:]
        for row in stats.rows { if let key = row["statistic"] as? String { values[key] = row["value"] } }
        #expect(values["recalls"] as? Int == f.recalls)
        #expect(values["invalidations"] as? Int == f.invalidations)
        #expect(values["caching-disabled"] as? Int == f.cachingDisabled)
        #expect(values["broadcasts"] as? Int == f.broadcasts)
        #expect(values["stale-prefixes"] as? Int == f.stalePrefixes)
        #expect(values["client-hits"] as? Int == f.clientHits)
        #expect(values["rpc.recall"] as? Int == f.rpcs["recall"])
        #expect(values["rpc.callback"] as? Int == 2)
        #expect(values["disk-writes"] as? Int == f.diskWrites)
    }

    @Test func theStatsFieldsAreTheEnginesNumbers() {
        // file-rpcs counts every kind of call; client-hits only cache reads.
        let (status, sink, session) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            consistency sprite
            on ws1 { create /shared size 16KB }
            on ws2, ws3 { open /shared r; read; read; read; close }
            run
            expect stats.client-hits == 4
            expect stats.client-misses == 2
            expect stats.file-rpcs == 16
            expect stats.broadcasts == 3
            expect stats.disk-reads == 4
            """)
        #expect(status == .ok, "\(sink.output.filter { $0.contains("FAILED") })")
        let f = session.interpreter.simulation.fileSystemStatistics
        #expect(f.clientHits == 4)
        // 3 broadcasts to 3 servers, 1 create, 2 opens, 2 reads (the rest hit), 2 closes.
        #expect(f.rpcs == ["broadcast": 9, "create": 1, "open": 2, "read": 2, "close": 2])
    }
}
