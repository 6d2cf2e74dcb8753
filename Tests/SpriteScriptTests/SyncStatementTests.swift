import Testing
@testable import SpriteScript

/// `sync NODES`: the nodes' dirty VM pages go to their backing store, their dirty files to their servers.
@Suite struct SyncStatementTests {
    /// p writes both pages of its loop (writes 100%: 2 zero-fills, both dirty), then sleeps with its space
    /// alive. No page leaves on its own (memory holds 256 pages). sync ws1 starts one page-out per dirty page,
    /// written to ws1's swap area: 2 page-outs, 2 swap writes. Written, they are clean: a second sync writes none.
    @Test func dirtyPagesGoToTheirBackingStore() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster {
              workstation ws1 memory 1MB disk fujitsu-eagle
              server fs1
            }
            vm ws1 backing swap
            space sp { data 8KB; touch 1ms; writes 100%; pattern loop 2 pages }
            program p space sp { compute 2ms; sleep 1s }
            spawn p as p on ws1
            advance 100ms
            expect p.page-outs == 0
            sync ws1
            advance 100ms
            expect p.page-outs == 2
            expect stats.swap-writes == 2
            sync ws1
            advance 100ms
            expect p.page-outs == 2
            expect stats.swap-writes == 2
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        // A timed line of the node at each sync, the second with nothing left to write.
        #expect(text.contains(" 100.0000ms  ws1     sync: writes out 2 dirty pages"), "\(text)")
        #expect(text.contains(" 200.0000ms  ws1     sync: writes out 0 dirty pages"), "\(text)")
    }

    /// In JSON the page count is a page.sync record with its time and node (the same script's first sync).
    @Test func pageCountIsAStructuredRecord() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { workstation ws1 memory 1MB disk fujitsu-eagle }
            vm ws1 backing swap
            space sp { data 8KB; touch 1ms; writes 100%; pattern loop 2 pages }
            program p space sp { compute 2ms; sleep 1s }
            spawn p as p on ws1
            advance 100ms
            sync ws1
            advance 100ms
            """, options: ScriptHarness.options(format: .json))
        #expect(status == .ok, "\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains(#"{"t":100000000,"time":"100ms","node":"ws1","event":"page.sync","pages":2}"#),
                "\(text)")
    }

    /// The dirty files of the node's client cache are written back too, as on NODE { sync } does: /notes,
    /// written and closed, waits for the delayed-write daemon (30s old, checked every 30s); sync at 1s writes
    /// it back then, with the reason sync.
    @Test func dirtyFilesAreWrittenBack() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { workstation ws1; server fs1 }
            domain / on fs1
            on ws1 { open /notes rw; write "hello"; close }
            advance 1s
            sync ws1
            advance 1s
            """)
        #expect(status == .ok, "\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("write-back /notes 5B (1 write, sync)"), "\(text)")
        #expect(text.contains("sync: 1 file written back"), "\(text)")
    }

    @Test func malformedSyncs() throws {
        let unknown = ScriptHarness.diagnostics("cluster { workstation ws1 }\nsync ws2")
        let first = try #require(unknown.first)
        #expect(first.message.contains("unknown node 'ws2'"), "\(first.message)")
        #expect(first.span?.line == 2 && first.span?.column == 6)
        let inside = ScriptHarness.diagnostics("cluster { workstation ws1; server fs1 }\ndomain / on fs1\n"
                                               + "on ws1 { sync ws1 }")
        let second = try #require(inside.first)
        #expect(second.message == "inside on NODE { }, sync acts on that node alone")
        #expect(second.span?.line == 3 && second.span?.column == 15)
        #expect(second.help?.contains("outside the block") == true)
        let twice = try #require(ScriptHarness.diagnostics("cluster { workstation ws1 }\nsync ws1, ws1").first)
        #expect(twice.message == "ws1 is named twice")
        #expect(twice.span?.line == 2 && twice.span?.column == 11)
        // A bare sync at the top level is told of both forms.
        let bare = try #require(ScriptHarness.diagnostics("cluster { workstation ws1; server fs1 }\nsync").first)
        #expect(bare.help == "for example: on ws1 { sync }, or sync ws1 to write its pages too", "\(bare.help ?? "")")
    }

    @Test func completionOffersTheNodes() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let setup = "cluster { workstation ws1, ws2; server fs1 }\n"
        #expect(session.evaluate(SourceFile(name: "<input>", text: setup)) == .done)
        let offered = session.completions(for: "sync w", cursor: 6, context: "")
        #expect(offered == ["ws1", "ws2"], "\(offered)")
    }
}
