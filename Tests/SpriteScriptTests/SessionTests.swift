import Foundation
import Testing
@testable import SpriteScript

@Suite("Session")
struct SessionTests {
    private let cluster = "cluster { network preset v-1983 topology bus; workstation ws1, ws2; server fs1; "
        + "process client on ws1; process fileserver on fs1 }\n"

    private func newSession(_ options: SessionOptions = ScriptHarness.options()) -> (Session, BufferSink) {
        let sink = BufferSink()
        return (Session(options: options, sink: sink), sink)
    }

    private func evaluate(_ session: Session, _ text: String) -> EvaluationResult {
        session.evaluate(ScriptHarness.file(text, name: "<input>"))
    }

    // MARK: Batch

    @Test func nothingRunsAfterACheckError() {
        let (status, sink, session) = ScriptHarness.run("""
            echo "this must not print"
            cluster { workstation ws1; server fs1 }
            rpc ws9 -> fs1
            """)
        #expect(status == .malformed)
        #expect(session.status == .malformed)
        #expect(sink.output.isEmpty, "\(sink.output)")
        #expect(sink.errors.count == 1)
        #expect(sink.errors.first?.hasPrefix("test.sprite:3:5: error: unknown node 'ws9'") == true)
        #expect(session.now == .zero)
    }

    @Test func nothingRunsAfterASyntaxError() {
        let (status, sink, _) = ScriptHarness.run("echo \"first\"\nrun\nsned a -> b\n")
        #expect(status == .malformed)
        #expect(sink.output.isEmpty)
        #expect(sink.errors.first?.hasPrefix("test.sprite:3:1: error: unknown statement 'sned'") == true)
    }

    @Test func anUnclosedBlockIsAnErrorInABatch() {
        let (status, sink, _) = ScriptHarness.run("echo \"x\"\ncluster {\n  workstation ws1\n")
        #expect(status == .malformed)
        #expect(sink.output.isEmpty)
        #expect(sink.errors.first?.contains("block is not closed") == true)
    }

    @Test func checkScriptRunsNothing() {
        let (session, sink) = newSession()
        #expect(session.checkScript(ScriptHarness.file("echo \"hi\"\nadvance 1s")) == .ok)
        #expect(sink.output.isEmpty)
        #expect(session.now == .zero)
        #expect(session.checkScript(ScriptHarness.file("advance 1")) == .malformed)
        #expect(session.status == .malformed)
        #expect(sink.errors.count == 1)
    }

    @Test func aCleanScriptRunsToTheEnd() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            echo "one"
            rpc ws1 -> fs1 as r
            run
            expect r.status == "done"
            echo "two"
            """)
        #expect(status == .ok)
        #expect(sink.errors.isEmpty)
        #expect(sink.output.first == "         0s  echo    one")
        #expect(sink.output.last == "   3.2896ms  echo    two")
        #expect(sink.output.contains { $0.contains("rpc ws1 -> fs1 done in") && $0.hasSuffix("[r]") })
        #expect(session.now > .zero)
    }

    @Test func outstandingWorkFinishesAtTheEndOfABatch() {
        // No `run`: the session lets the rpc finish before it returns.
        let (status, sink, session) = ScriptHarness.run(cluster + "rpc ws1 -> fs1 as r")
        #expect(status == .ok)
        #expect(session.pendingEvents == 0)
        #expect(sink.output.contains { $0.contains("rpc ws1 -> fs1 done in") })
    }

    @Test func runtimeFailureWithoutTry() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            crash fs1
            rpc ws2 -> fs1 as doomed
            run
            echo "after"
            """)
        #expect(status == .runtimeError)
        #expect(session.status == .runtimeError)
        #expect(!echoed(sink.output).contains("after"))
        let error = sink.errors.first ?? ""
        #expect(error.hasPrefix("test.sprite:3:1: error: rpc ws2 -> fs1 failed at "), "\(error)")
        #expect(error.contains("\n    rpc ws2 -> fs1 as doomed\n    ^" + String(repeating: "~", count: 13) + "\n"))
        #expect(error.hasSuffix("help: prefix the statement with 'try' if the script expects this failure"))
    }

    @Test func runtimeFailureWithTryContinues() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            crash fs1
            try rpc ws2 -> fs1 as doomed
            run
            echo "after"
            expect doomed.status == "failed"
            try {
              rpc ws1 -> fs1 as also
            }
            run
            expect also.status == "failed"
            """)
        #expect(status == .ok)
        #expect(sink.errors.isEmpty, "\(sink.errors)")
        #expect(echoed(sink.output).contains("after"))
        #expect(sink.output.contains { $0.contains("FAILED: no answer from fs1") && $0.hasSuffix("[doomed]") })
        #expect(session.interpreter.expectationsPassed == 2)
    }

    @Test func tryCoversOnlyItsOwnStatement() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            crash fs1
            try rpc ws2 -> fs1 as allowed
            rpc ws1 -> fs1 as notAllowed
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.hasPrefix("test.sprite:4:1: error: rpc ws1 -> fs1 failed") == true)
    }

    // MARK: expect and --bail

    @Test func expectationCountsAndStatus() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            rpc ws1 -> fs1 as r
            run
            expect r.packets == 2
            expect r.time > 1ms
            expect r.time < 1ms
            echo "still running"
            expect stats.rpcs == 1
            """)
        #expect(status == .expectationFailed)
        #expect(session.interpreter.expectationsPassed == 3)
        #expect(session.interpreter.expectationsFailed == 1)
        #expect(echoed(sink.output).contains("still running"))
        let verdicts = sink.output.filter { $0.contains(" expect ") }
        #expect(verdicts.count == 4)
        #expect(verdicts[0].hasSuffix("ok      r.packets == 2"))
        #expect(verdicts[2].contains("FAILED  r.time < 1ms, found "))
        #expect(verdicts[2].hasSuffix("(test.sprite:6:1)"))
        #expect(sink.errors.isEmpty)
    }

    @Test func bailStopsAtTheFirstFailedExpect() {
        let script = cluster + """
            expect now == 1ms
            echo "after"
            expect now == 0ms
            """
        let bailing = ScriptHarness.run(script, options: ScriptHarness.options(bail: true))
        #expect(bailing.status == .expectationFailed)
        #expect(!echoed(bailing.sink.output).contains("after"))
        #expect(bailing.session.interpreter.expectationsFailed == 1)
        #expect(bailing.session.interpreter.expectationsPassed == 0)
        #expect(bailing.sink.errors.isEmpty, "a failed expect is reported on the output, not as an error")

        let going = ScriptHarness.run(script)
        #expect(going.status == .expectationFailed)
        #expect(echoed(going.sink.output).contains("after"))
        #expect(going.session.interpreter.expectationsFailed == 1)
        #expect(going.session.interpreter.expectationsPassed == 1)
    }

    @Test func aRuntimeErrorOutranksAFailedExpect() {
        let (status, _, session) = ScriptHarness.run(cluster + "expect now == 1ms\ncrash fs1\nrpc ws1 -> fs1\nrun")
        #expect(status == .runtimeError)
        #expect(session.status == .runtimeError)
    }

    @Test func expectWithTolerance() {
        let (status, _, session) = ScriptHarness.run("""
            advance 1.05ms
            expect now == 1ms within 0.05ms
            expect now == 1ms within 5%
            expect now != 1ms within 1us
            expect now == 1ms within 4%
            """)
        #expect(status == .expectationFailed)
        #expect(session.interpreter.expectationsPassed == 3)
        #expect(session.interpreter.expectationsFailed == 1)
    }

    // MARK: Interactive

    @Test func evaluateKeepsStateAfterErrors() {
        let (session, sink) = newSession()
        #expect(evaluate(session, cluster) == .done)
        #expect(evaluate(session, "rpc ws9 -> fs1") == .failed(.malformed))
        #expect(sink.errors.last?.hasPrefix("<input>:1:5: error: unknown node 'ws9'; did you mean 'ws1'?") == true)
        #expect(evaluate(session, "rpc ws1 -> fs1 as r\nrun") == .done)
        #expect(evaluate(session, "expect r.status == \"done\"") == .done)
        #expect(session.interpreter.expectationsPassed == 1)
        #expect(evaluate(session, "cluster { workstation ws1 }") == .failed(.malformed), "ws1 is still declared")
        #expect(sink.errors.last?.contains("node 'ws1' is already declared") == true)
    }

    @Test func evaluateKeepsWhatRanBeforeARuntimeError() {
        let (session, _) = newSession()
        #expect(evaluate(session, cluster + "crash fs1") == .done)
        #expect(evaluate(session, "echo \"x\"\nrpc ws1 -> fs1 as lost\nrun") == .failed(.runtimeError))
        #expect(evaluate(session, "restart fs1\nrpc ws1 -> fs1 as found\nrun\nexpect lost.status == \"failed\"")
                == .done)
        #expect(session.interpreter.expectationsPassed == 1)
        #expect(session.status == .ok, "evaluate does not touch the batch status")
    }

    @Test func evaluateAsksForMoreInsideABlock() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "cluster {") == .needsMoreInput)
        #expect(evaluate(session, "cluster {\n  workstation ws1") == .needsMoreInput)
        #expect(evaluate(session, "try {\n  echo \"x\"") == .needsMoreInput)
        #expect(sink.errors.isEmpty, "an incomplete block is not an error")
        #expect(evaluate(session, "cluster {\n  workstation ws1\n}") == .done)
        #expect(session.interpreter.symbols.nodes["ws1"] == .workstation)
    }

    @Test func aStatementCutShortOutsideABlockIsAnError() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "echo") == .failed(.malformed))
        #expect(evaluate(session, "advance") == .failed(.malformed))
        #expect(evaluate(session, "cluster") == .failed(.malformed))
        #expect(sink.errors.count == 3)
        #expect(sink.errors.first?.hasPrefix(
            "<input>:1:5: error: expected text in double quotes, found end of input") == true)
    }

    @Test func aStatementCutShortInsideABlockAsksForMore() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "cluster {\n  workstation") == .needsMoreInput)
        #expect(evaluate(session, "cluster {\n  workstation ws1 memory") == .needsMoreInput)
        #expect(sink.errors.isEmpty)
        #expect(evaluate(session, "cluster {\n  workstation ws1 memory\n  8MB\n}") == .failed(.malformed))
        #expect(sink.errors.first?.contains("expected a size like 64KB, found end of line") == true)
    }

    @Test func evaluateReportsSyntaxErrorsAsMalformed() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "echo \"unterminated") == .failed(.malformed))
        #expect(evaluate(session, "}") == .failed(.malformed))
        #expect(sink.errors.count == 2)
    }

    // MARK: JSON

    @Test func jsonOutputIsOneObjectPerLine() throws {
        let (session, sink) = newSession(ScriptHarness.options(format: .json))
        let status = session.runScript(ScriptHarness.file(cluster + """
            echo "hello"
            send client -> fileserver "ping" as ping
            receive fileserver
            reply fileserver -> client "pong"
            rpc ws2 -> fs1 as r
            run
            expect ping.status == "done"
            expect r.time > 1s
            show nodes
            show stats
            help rpc
            """))
        session.printSummary()
        #expect(status == .expectationFailed)
        #expect(sink.output.count > 10)
        let objects = try ScriptHarness.jsonObjects(sink.output)
        for (line, object) in zip(sink.output, objects) {
            #expect(object["event"] is String, "no event key: \(line)")
        }
        let echo = try #require(ScriptHarness.events(objects, "echo").first)
        #expect(echo["text"] as? String == "hello")
        #expect(echo["t"] as? Int == 0)
        let expects = ScriptHarness.events(objects, "expect")
        #expect(expects.map { $0["ok"] as? Bool } == [true, false])
        #expect(expects.first?["condition"] as? String == "ping.status == \"done\"")
        #expect(expects.last?["line"] as? Int == 9)
        let rpc = try #require(ScriptHarness.events(objects, "rpc.done").first)
        #expect(rpc["label"] as? String == "r")
        #expect(rpc["client"] as? String == "ws2")
        #expect((rpc["elapsed_ns"] as? Int ?? 0) > 0)
        #expect(ScriptHarness.events(objects, "v.send").count == 1)
        #expect(ScriptHarness.events(objects, "show").count == 2)
        #expect(ScriptHarness.events(objects, "text").count == 1)
        let summary = try #require(objects.last)
        #expect(summary["event"] as? String == "summary")
        #expect(summary["expects_passed"] as? Int == 1)
        #expect(summary["expects_failed"] as? Int == 1)
    }

    @Test func jsonDiagnosticsGoToTheOutputToo() throws {
        let result = ScriptHarness.run(cluster + "rpc ws9 -> fs1", options: ScriptHarness.options(format: .json))
        #expect(result.status == .malformed)
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        #expect(objects.count == 1)
        let diagnostic = try #require(objects.first)
        #expect(diagnostic["event"] as? String == "diagnostic")
        #expect(diagnostic["kind"] as? String == "check")
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["file"] as? String == "test.sprite")
        #expect(diagnostic["line"] as? Int == 2)
        #expect(diagnostic["column"] as? Int == 5)
        #expect(diagnostic["message"] as? String == "unknown node 'ws9'; did you mean 'ws1'?")
        #expect(result.sink.errors.first?.hasPrefix("test.sprite:2:5: error:") == true)
    }

    // MARK: Determinism and seeds

    private let lossy = """
        cluster { network preset v-1983; workstation a; server b }
        link a <-> b loss 30%
        try rpc a -> b count 20 as calls
        run
        show stats
        """

    private func output(_ script: String, seed: UInt64) -> [String] {
        ScriptHarness.run(script, options: ScriptHarness.options(seed: seed)).sink.output
    }

    @Test func sameSeedSameOutput() {
        let first = output(lossy, seed: 1)
        #expect(first.contains { $0.contains("calls") })
        #expect(first == output(lossy, seed: 1))
        #expect(output(lossy, seed: 77) == output(lossy, seed: 77))
    }

    @Test func differentSeedsDifferentOutput() {
        let one = output(lossy, seed: 1)
        let two = output(lossy, seed: 2)
        #expect(one != two)
        // Loss actually happened, so the seed mattered.
        let dropped = ScriptHarness.run(lossy).session.interpreter.simulation.statistics.messagesDropped
        #expect(dropped > 0)
    }

    @Test func seedStatementReseeds() {
        let reseeded = output("seed 2\n" + lossy, seed: 1)
        #expect(reseeded == output(lossy, seed: 2))
        #expect(reseeded != output(lossy, seed: 1))
    }

    @Test func seedSurvivesReset() {
        let script = "seed 2\nreset\n" + lossy
        #expect(output(script, seed: 1) == output(lossy, seed: 2))
    }

    @Test func jsonIsDeterministicToo() {
        let options = ScriptHarness.options(seed: 5, format: .json)
        let a = ScriptHarness.run(lossy, options: options).sink.output
        let b = ScriptHarness.run(lossy, options: options).sink.output
        #expect(a == b)
        #expect(!a.isEmpty)
    }

    // MARK: reset

    @Test func resetForgetsNames() {
        let (status, sink, _) = ScriptHarness.run(cluster + "reset\nrpc ws1 -> fs1")
        #expect(status == .malformed)
        #expect(sink.errors.first?.hasPrefix("test.sprite:3:5: error: unknown node 'ws1'") == true)
    }

    @Test func resetAllowsTheSameNamesAgain() throws {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            rpc ws1 -> fs1 as r
            run
            reset
            cluster { server ws1; workstation fs1 }
            rpc fs1 -> ws1 as r
            expect now == 0ms
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        let simulation = session.interpreter.simulation
        #expect(simulation.nodeCount == 2)
        #expect(simulation.processCount == 0)
        #expect(simulation.nodeSpec(try #require(simulation.node(named: "ws1"))).role == .server)
        #expect(simulation.statistics.rpcCalls == 1)
    }

    @Test func resetAtThePrompt() {
        let (session, sink) = newSession()
        #expect(evaluate(session, cluster + "advance 3ms") == .done)
        #expect(session.now == .ms(3))
        #expect(evaluate(session, "reset") == .done)
        #expect(session.now == .zero)
        #expect(evaluate(session, "crash ws1") == .failed(.malformed))
        #expect(sink.errors.last?.contains("unknown node 'ws1'") == true)
        #expect(session.completions(for: "rp", cursor: 2) == ["rpc"])
        #expect(session.completions(for: "crash ", cursor: 6).isEmpty, "declared names are forgotten")
    }

    // MARK: Time

    @Test func atRunsItsBlockAtTheRightTime() throws {
        let result = ScriptHarness.run(cluster + """
            advance 2ms
            at +1ms { echo "relative" }
            at 5ms { echo "absolute"; crash fs1 }
            at 4ms { echo "earlier" }
            echo "now"
            run
            expect now == 5ms
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok)
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let echoes = ScriptHarness.events(objects, "echo").map {
            "\($0["text"] as? String ?? "?")@\($0["t"] as? Int ?? -1)"
        }
        #expect(echoes == ["now@2000000", "relative@3000000", "earlier@4000000", "absolute@5000000"])
        let crash = try #require(ScriptHarness.events(objects, "node.crash").first)
        #expect(crash["t"] as? Int == 5_000_000)
        #expect(crash["crashed"] as? String == "fs1")
    }

    @Test func advanceStopsAtItsDeadline() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "at 10ms { echo \"late\" }\nadvance 4ms") == .done)
        #expect(session.now == .ms(4))
        #expect(session.pendingEvents == 1)
        #expect(!echoed(sink.output).contains("late"))
        #expect(evaluate(session, "advance 20 ms") == .done)
        #expect(session.now == .ms(24))
        #expect(echoed(sink.output).contains("late"))
    }

    // MARK: show

    private func tables(_ script: String) throws -> [String: [[String: Any]]] {
        let result = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        var tables: [String: [[String: Any]]] = [:]
        for object in ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "show") {
            let title = try #require(object["what"] as? String)
            tables[title] = try #require(object["rows"] as? [[String: Any]])
        }
        return tables
    }

    private func column(_ rows: [[String: Any]]?, _ key: String) -> [String] {
        (rows ?? []).map { row in
            switch row[key] {
            case let s as String: s
            case let n as Int: String(n)
            case .none: "missing"
            default: "other"
            }
        }
    }

    @Test func showNodes() throws {
        let tables = try tables("""
            cluster {
              server fs1 memory 32MB cpus 2 disk 15ms rate 1MB/s
              workstation ws[1..3] memory 8MB diskless
              node both1 role both speed 2
            }
            crash ws2
            show nodes
            """)
        let rows = tables["nodes (5)"]
        #expect(column(rows, "name") == ["fs1", "ws1", "ws2", "ws3", "both1"])
        #expect(column(rows, "role") == ["server", "workstation", "workstation", "workstation", "both"])
        let mb = [32, 8, 8, 8, 16].map { String($0 << 20) }
        #expect(column(rows, "memory_bytes") == mb)
        #expect(column(rows, "disk_latency_ns") == ["15000000", "other", "other", "other", "20000000"])
        #expect(column(rows, "disk_bytes_per_second") == ["\(1 << 20)", "other", "other", "other", "\(2 << 20)"])
        #expect(column(rows, "state") == ["up", "up", "down", "up", "up"])
        #expect(column(rows, "cpus") == ["2", "1", "1", "1", "1"])
        #expect(rows?.last?["speed"] as? Double == 2)
    }

    @Test func showNetwork() throws {
        let tables = try tables("""
            cluster {
              network lan preset v-1983 topology ring loss 2.5% retries 3
              workstation ws[1..4]
            }
            show network
            """)
        let rows = try #require(tables["network"])
        var settings: [String: String] = [:]
        for row in rows {
            let value: String = switch row["value"] {
            case let s as String: s
            case let n as Int: String(n)
            case let b as Bool: String(b)
            case let d as Double: String(d)
            default: "?"
            }
            let unit = row["unit"].map { " \($0)" } ?? ""
            settings[row["setting"] as? String ?? "?"] = value + unit
        }
        #expect(settings["name"] == "lan")
        #expect(settings["preset"] == "v-1983")
        #expect(settings["topology"] == "ring")
        #expect(settings["bandwidth"] == "3000000 bps")
        #expect(settings["loss"] == "0.025 ratio")
        #expect(settings["retries"] == "3 count")
        let partitioned = rows.first { $0["setting"] as? String == "partitioned" }?["value"]
        #expect(partitioned as? Bool == false)
        #expect(settings["copy-rate"] == "535714 bytes/s")
        #expect(settings["rpc-size"] == "unlimited")
        #expect(settings["local-copy-rate"] == "2000000 bytes/s")
        #expect(rows.count == 23)
    }

    @Test func showProcessesAndOperations() throws {
        let tables = try tables(cluster + """
            send client -> fileserver "read" as req
            receive fileserver
            show processes
            run
            reply fileserver -> client "done"
            rpc ws2 -> fs1 count 3 as calls
            run
            show operations
            """)
        let processes = tables["processes (2)"]
        #expect(column(processes, "name") == ["client", "fileserver"])
        #expect(column(processes, "node") == ["ws1", "fs1"])
        #expect(column(processes, "state") == ["awaiting-reply(fileserver)", "receiving"])
        let operations = tables["operations (4)"]
        #expect(column(operations, "label") == ["req", "other", "other", "calls"], "unlabelled rows show null")
        #expect(column(operations, "operation") == ["send client -> fileserver", "receive fileserver",
                                                    "reply fileserver -> client", "rpc ws2 -> fs1"])
        #expect(column(operations, "status") == ["done", "done", "done", "done"])
        #expect(column(operations, "packets").last == "6")
    }

    @Test func showStatsAndTrace() throws {
        let result = ScriptHarness.run(cluster + """
            rpc ws1 -> fs1
            rpc ws2 -> fs1
            run
            show stats
            show trace
            """)
        #expect(result.status == .ok)
        let out = result.sink.output
        let stats = try #require(out.firstIndex(of: "stats"))
        #expect(out[stats + 1].hasPrefix("  statistic"))
        #expect(out.contains { $0.hasPrefix("  rpcs ") && $0.hasSuffix(" 2") })
        #expect(out.contains { $0.hasPrefix("  done ") && $0.hasSuffix(" 2") })
        #expect(out.contains { $0.hasPrefix("  failed ") && $0.hasSuffix(" 0") })
        let trace = try #require(out.firstIndex(of: "trace (2 events):"))
        let replayed = Array(out[(trace + 1)...])
        #expect(replayed.count == 2)
        #expect(Array(out[0..<2]) == replayed, "show trace repeats the trace printed so far")
    }

    @Test func showOnAnEmptySession() {
        let (status, sink, _) = ScriptHarness.run("show nodes\nshow processes\nshow trace")
        #expect(status == .ok)
        #expect(sink.output == ["nodes (0)", "  name  role  cpus  speed  memory  disk  state  cpu-busy", "  (none)",
                                "processes (0)", "  name  node  state  queued  inbox  last-received", "  (none)",
                                "trace (0 events):"])
    }

    // MARK: Trace levels

    @Test func traceLevels() {
        let base = cluster + "rpc ws1 -> fs1\nrun\n"
        let operations = ScriptHarness.run(base).sink.output
        let messages = ScriptHarness.run("trace messages\n" + base).sink.output
        let off = ScriptHarness.run("trace off\n" + base + "echo \"end\"").sink.output
        #expect(operations.count == 1)
        #expect(messages.count > operations.count)
        #expect(messages.contains { $0.contains("msg ") && $0.contains("delivered") })
        #expect(echoed(off) == ["end"] && off.count == 1)
    }

    // MARK: load

    @Test func loadRunsTheLoadedStatementsInPlace() {
        let loader = InMemoryLoader(files: [
            "net.sprite": "cluster { workstation ws1; server fs1 }\necho \"loaded\"",
        ])
        let script = "echo \"before\"\nload \"net.sprite\"\nrpc ws1 -> fs1\necho \"after\""
        let (status, sink, _) = ScriptHarness.run(script, options: ScriptHarness.options(loader: loader))
        #expect(status == .ok)
        #expect(echoed(Array(sink.output.prefix(3))) == ["before", "loaded", "after"])
        #expect(sink.output.last?.contains("rpc ws1 -> fs1 done in") == true, "the rpc finishes at the end")
    }

    // MARK: Values at the edges: errors, never crashes or wrapped numbers

    @Test func hugeMemoryThenShowNodesDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            let session = Session(options: SessionOptions(), sink: BufferSink())
            let text = "cluster { server fs1 memory 100000000000000001B }\nshow nodes"
            _ = session.runScript(SourceFile(name: "x", text: text))
        }
    }

    @Test func hugeHeaderDoesNotCrashTheEngine() async {
        await #expect(processExitsWith: .success) {
            let session = Session(options: SessionOptions(), sink: BufferSink())
            _ = session.runScript(SourceFile(name: "x", text: """
                cluster { network preset modern header 8000000000GB; workstation ws1; server fs1 }
                rpc ws1 -> fs1
                """))
        }
    }

    @Test func tinySpeedDoesNotCrashTheEngine() async {
        await #expect(processExitsWith: .success) {
            let session = Session(options: SessionOptions(), sink: BufferSink())
            _ = session.runScript(SourceFile(name: "x", text: """
                cluster { workstation ws1 speed 0.0000000001; process a on ws1 }
                compute a 9223372036s
                """))
        }
    }

    @Test func aLatencyBeyondTheLimitIsRefused() {
        // 9223372036s of latency would wrap the clock into a negative penalty.
        let (status, sink, _) = ScriptHarness.run("""
            cluster { network preset modern latency 9223372036s; workstation ws1; server fs1 }
            """)
        #expect(status == .malformed)
        #expect(sink.errors.first?.contains("latency must be at most 1h") == true, "\(sink.errors)")
    }

    @Test func theLongestLatencyStillGivesAPositivePenalty() {
        let (status, _, _) = ScriptHarness.run("""
            cluster { network preset modern latency 3600s; workstation ws1; server fs1 }
            rpc ws1 -> fs1 as r
            run
            expect r.penalty > 2h
            """)
        #expect(status == .ok, "two packets each over an hour's latency")
        let (okStatus, _, _) = ScriptHarness.run("""
            cluster { network preset modern latency 3600s; workstation ws1; server fs1 }
            rpc ws1 -> fs1 as r
            run
            expect r.penalty > 7200s
            """)
        #expect(okStatus == .ok)
    }

    @Test func anAdvanceBeyondTheLimitIsRefused() {
        let (status, sink, session) = ScriptHarness.run("advance 9223372036s")
        #expect(status == .malformed)
        #expect(session.now == .zero)
        #expect(sink.errors.first?.contains("advance must be at most") == true, "\(sink.errors)")
    }

    @Test func advancingPastTheEndOfTimeIsAReportedRuntimeError() {
        // The longest advance is about a year; the clock ends after about 146.
        let script = Array(repeating: "advance 31622400s", count: 150).joined(separator: "\n")
        let (status, sink, session) = ScriptHarness.run(script)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("would pass the end of simulated time") == true, "\(sink.errors)")
        #expect(session.now >= .s(145 * 31_622_400), "the advances before the end all happened")
    }

    @Test func loadingTheSameFileByAnotherSpelling() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sprite-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.sprite").path
        try "load \"./a.sprite\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        var options = SessionOptions()
        options.loader = FileSourceLoader()
        let sink = BufferSink()
        let status = Session(options: options, sink: sink)
            .runScript(SourceFile(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
        #expect(status == .malformed)
        let first = sink.errors.first ?? ""
        #expect(first.count < 10_000 || first.contains("cannot read './a.sprite'"))
        let reportsTheCycle = first.contains("loads itself")
        #expect(reportsTheCycle)
    }
}
