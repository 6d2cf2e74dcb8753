import Testing
import SpriteKernel
@testable import SpriteScript

/// The simulated file system's names and small semantics, from scripts.
@Suite("File names and small semantics")
struct FileNameScriptTests {
    private let cluster = "cluster { server fs1, fs2; workstation ws1 }\ndomain / on fs1\n"

    @Test func dotDotNamesTheSameFileEverywhere() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            on ws1 { open /d/../x rw; write "hi"; close; stat /x; stat /./x/; stat //x }
            on ws1 { open /x/../x r; read; close }
            run
            expect read ws1 /d/../x == "hi"
            expect read ws1 /x == "hi"
            show files
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsPassed == 2)
        #expect(sink.output.contains("files (1)"), "\(sink.output)")
        #expect(sink.output.contains { $0.hasPrefix("  /x ") }, "\(sink.output)")
        #expect(!sink.output.contains { $0.contains("FAILED") }, "\(sink.output)")
    }

    @Test func mkdirUnderARegularFileIsNotADirectory() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on ws1 { open /x rw; write "f"; close }
            on ws1 { mkdir /x/y }
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.hasPrefix("test.sprite:4:10: error: mkdir /x/y on ws1 failed at ") == true,
                "the failure names the step and its path: \(sink.errors)")
        #expect(sink.errors.first?.contains("/x is a file, not a directory") == true, "\(sink.errors)")
    }

    @Test func openAndCreateUnderARegularFileFailLikewise() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on ws1 { create /x size 1B }
            on ws1 { try open /x/a rw; try create /x/b size 1B; try mkdir /x }
            run
            show files
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(sink.output.filter { $0.contains("/x is a file, not a directory") }.count == 2, "\(sink.output)")
        #expect(sink.output.contains { $0.contains("mkdir /x on ws1 FAILED: /x already exists") }, "\(sink.output)")
        #expect(sink.output.contains("files (1)"), "\(sink.output)")
    }

    @Test func deletingTheRootIsAClearError() {
        let (status, sink, _) = ScriptHarness.run(cluster + "on ws1 { delete / }")
        #expect(status == .malformed)
        #expect(sink.errors.first?.contains("cannot delete /: it is the root of the namespace") == true)
        #expect(sink.errors.first?.contains("does not exist") == false)
    }

    @Test func redeclaringADomainPointsToMoveDomain() {
        let (status, sink, _) = ScriptHarness.run(cluster + "domain /u on fs1\ndomain /u on fs2")
        #expect(status == .malformed)
        #expect(sink.errorText.contains("error: domain /u is already served by fs1"), "\(sink.errorText)")
        #expect(sink.errorText.contains("help: to move it to fs2: move domain /u to fs2"), "\(sink.errorText)")
        // Moving it is the statement for that.
        let (moved, movedSink, session) = ScriptHarness.run(cluster + "domain /u on fs1\nmove domain /u to fs2")
        #expect(moved == .ok, "\(movedSink.errors)")
        #expect(session.interpreter.simulation.domains.first { $0.prefix == "/u" }?.server == 1)
    }

    @Test func resetInsideAnAtBlockIsACheckError() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            at 1s { reset }
            at 2s { echo "later" }
            run
            """)
        #expect(status == .malformed)
        #expect(sink.output.isEmpty)
        #expect(sink.errors.first?.contains("reset cannot be used inside an 'at' or 'on' block") == true)
    }

    /// Every statistic `show stats` lists can be expected, with its own unit.
    @Test func everyStatisticShowStatsListsIsExpectable() throws {
        let workload = cluster + """
            cluster { workstation ws2 }
            cache client policy write-through
            on ws1 { open /x rw; write "f"; close; open /x r; read; read; close; ls /; stat /x }
            on ws2 { open /x r; read; close }
            rpc ws1 -> fs2
            run
            """
        let (_, shown, session) = ScriptHarness.run(workload + "\nshow stats")
        let start = try #require(shown.output.firstIndex(of: "stats"))
        let names = shown.output[(start + 2)...].prefix { $0.hasPrefix("  ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.count == StatisticsTable.all(session.interpreter.simulation).count)
        #expect(names.contains("client-hit-ratio") && names.contains("rpc.open") && names.contains("requests.fs1"))
        for name in names {
            let unit = switch StatisticsTable.value(of: name, session.interpreter.simulation).dimension {
            case .percent: "0%"
            case .size: "0B"
            case .duration: "0ns"
            default: "0"
            }
            let (status, sink, _) = ScriptHarness.run(workload + "\nexpect stats.\(name) >= \(unit)")
            #expect(status == .ok, "stats.\(name): \(sink.errors) \(sink.output.suffix(2))")
        }
    }

    @Test func aHitRatioComparesWithAPercentage() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on ws1 { open /x rw; write "f"; close; open /x r; read; read; read; close }
            on ws1 { open /y rw; close; open /y r; read; close }
            run
            expect stats.client-hit-ratio == 75%
            expect stats.client-hit-ratio > 74.9%
            expect stats.client-hit-ratio < 75.1%
            expect stats.server-hit-ratio == 0%
            """)
        #expect(status == .expectationFailed)
        let lines = sink.output.filter { $0.contains(" expect ") }
        #expect(lines.count == 4, "\(sink.output)")
        #expect(lines.prefix(3).allSatisfy { $0.contains(" ok ") }, "\(lines)")
        #expect(lines.last?.contains("found no accesses yet") == true, "\(lines)")
    }

    @Test func aHitRatioIsAFractionInJSON() throws {
        let result = ScriptHarness.run(cluster + """
            on ws1 { open /x rw; write "f"; close; open /x r; read; read; read; close }
            run
            expect stats.client-hit-ratio == 100%
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let expects = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "expect")
        #expect(expects.first?["actual"] as? Double == 1.0, "\(expects)")
        #expect(expects.first?["unit"] as? String == "ratio", "\(expects)")
    }

    /// At the prompt each input is checked against what the session has declared so far.
    @Test func aDomainDeclaredInAnEarlierInputCannotBeDeclaredAgain() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        func eval(_ text: String) -> EvaluationResult { session.evaluate(SourceFile(name: "<input>", text: text)) }
        #expect(eval(cluster + "domain /u on fs1") == .done)
        #expect(eval("domain /u/ on fs2") == .failed(.malformed))
        #expect(eval("move domain /u to fs2") == .done)
        #expect(eval("at 1s { reset }") == .failed(.malformed))
    }
}
