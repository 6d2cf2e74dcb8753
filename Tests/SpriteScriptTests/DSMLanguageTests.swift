import Testing
@testable import SpriteScript

private let D = "cluster { workstation ws1, ws2, ws3; server fs1 }\n"

/// The errors of a malformed dsm statement or step: each with its place and a suggestion.
let dsmCases: [DiagnosticCase] = [
    .init(D + "dsm S pages 4 on ws1 manager centrl", "unknown manager 'centrl'; did you mean 'central'?",
          line: 2, column: 30, help: "managers: central fixed dynamic"),
    .init(D + "dsm S pages 4 on ws1 consistency lazy", "unknown consistency model 'lazy'",
          line: 2, column: 34, help: "models: sequential release lazy-release"),
    .init(D + "dsm S pages 4 on ws1 page 3KB", "a DSM page is a power of two from 8B to 64KB", line: 2, column: 27,
          help: "page 4KB"),
    .init(D + "dsm S pages 4 on ws1 sevice 1ms", "unknown dsm option 'sevice'; did you mean 'service'?",
          line: 2, column: 22, .syntax, help: "options:"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { dsm write S 8KB }", "offset 8KB is past S's 8KB (2 pages of 4KB)",
          line: 3, column: 25, help: "below 8KB"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { dsm write S 4090B size 8B }", "crosses a page boundary of S",
          line: 3, column: 36, help: "split it in two steps"),
    .init(D + "dsm Seg pages 2 on ws1\nprogram p { dsm read Sg 0B }", "unknown segment 'Sg'; did you mean 'Seg'?",
          line: 3, column: 22, help: "declared segments: Seg"),
    .init(D + "program p { dsm acquire L }", "DSM locks and barriers belong to a segment; none is declared",
          line: 2, column: 25, help: "dsm S pages 4 on NODES"),
    .init(D + "dsm S pages 2 on ws1\nprogram p { dsm grab L }", "unknown dsm step 'grab'", line: 3, column: 17,
          .syntax, help: "dsm acquire LOCK"),
    .init(D + "dsm S pages 2 on ws1\nshow dsm T", "unknown segment 'T'", line: 3, column: 10,
          help: "declared segments: S"),
    .init(D + "dsm S pages 2 on ws1\nexpect dsm S page 2 faults == 0", "page 2 is past S's 2 pages",
          line: 3, column: 19, help: "from 0 to 1"),
    .init(D + "dsm S pages 2 on ws1\nexpect dsm S falts == 0", "dsm has no field 'falts'; did you mean 'faults'?",
          line: 3, column: 14, help: "fields:"),
]

@Suite struct DSMLanguageTests {
    @Test(arguments: dsmCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic(requiresHelp: false)
    }

    /// More than 64 nodes: the caret is under the 65th.
    @Test func aSegmentSpreadsOverAtMost64Nodes() throws {
        let names = (1...65).map { "w\($0)" }
        let statement = "dsm S pages 1 on " + names.joined(separator: ", ")
        let script = "cluster { workstation " + names.joined(separator: ", ") + " }\n" + statement
        let first = try #require(ScriptHarness.diagnostics(script).first)
        #expect(first.message == "a segment spreads over at most 64 nodes, not 65")
        let at = try #require(statement.range(of: "w65")).lowerBound
        #expect(first.span?.column == statement.distance(from: statement.startIndex, to: at) + 1)
    }

    /// A step on a node outside the segment's nodes ends the run: status 3, naming the node and segment.
    @Test func aStepOffTheSegmentsNodesIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(D + """
            dsm S pages 2 on ws1, ws2
            program p { dsm read S 0B }
            spawn p on ws3
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("ws3 is not among S's nodes"), "\(sink.errorText)")
    }

    @Test func releasingALockNotHeldIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(D + """
            dsm S pages 2 on ws1, ws2
            program p { dsm release L }
            spawn p on ws1
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("took 'dsm release L'"), "\(sink.errorText)")
        #expect(sink.errorText.contains("without holding L"), "\(sink.errorText)")
    }

    /// The owner's crash loses its pages: a later fault names the page and the crash.
    @Test func aFaultOnAPageLostInACrashIsARuntimeError() {
        let (status, sink, _) = ScriptHarness.run(D + """
            dsm S pages 2 on ws1, ws2 manager fixed
            program p { sleep 1s; dsm read S 4KB }
            spawn p on ws1
            at 500ms { crash ws2 }
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("faulted on page 1 of S"), "\(sink.errorText)")
        #expect(sink.errorText.contains("lost in ws2's crash"), "\(sink.errorText)")
    }

    /// A segment's tables are checked against the memory limit before they are made: status 4.
    @Test func aSegmentPastTheMemoryLimitIsRefused() {
        var options = ScriptHarness.options()
        options.limits[.memory] = 1_000
        let (status, sink, _) = ScriptHarness.run(D + "dsm S pages 10000 on ws1, ws2", options: options)
        #expect(status == .limitReached)
        #expect(sink.errorText.contains("dsm S would keep 3750 records"), "\(sink.errorText)")
    }

    /// A table of stats only grows its dsm rows once a segment is declared.
    @Test func statsListDSMRowsOnlyOnceASegmentIsDeclared() {
        let before = ScriptHarness.run(D + "show stats").sink.output.joined(separator: "\n")
        #expect(!before.contains("dsm-faults"))
        let after = ScriptHarness.run(D + "dsm S pages 1 on ws1\nshow stats").sink.output.joined(separator: "\n")
        #expect(after.contains("dsm-faults"))
        // Accepted by expect either way.
        #expect(ScriptHarness.run(D + "expect stats.dsm-faults == 0").status == .ok)
    }
}

/// Completion offers the declared segments, the dsm options, managers and models, the steps and the fields.
@Suite struct DSMCompletionTests {
    private func complete(_ line: String) -> [String] {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let setup = D + "dsm Shared pages 4 on ws1, ws2\n"
        #expect(session.evaluate(SourceFile(name: "<input>", text: setup)) == .done)
        return session.completions(for: line, cursor: line.utf8.count, context: "")
    }

    @Test func segmentsOptionsAndWords() {
        #expect(complete("show dsm ") == ["Shared"])
        #expect(complete("expect dsm Sh") == ["Shared"])
        #expect(complete("expect dsm Shared ping") == ["ping-pongs"])
        #expect(complete("dsm T pages 2 on ws1 manager ") == ["central", "dynamic", "fixed"])
        #expect(complete("dsm T pages 2 on ws1 consistency l") == ["lazy-release"])
        #expect(complete("dsm T pages 2 on ws1 fault") == ["fault-cpu"])
        #expect(complete("program p { dsm ") == ["acquire", "barrier", "read", "release", "write"])
        #expect(complete("program p { dsm write ") == ["Shared"])
        #expect(complete("").contains("dsm"))
    }
}
