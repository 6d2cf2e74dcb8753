import Testing
@testable import SpriteScript

/// begin and commit fail like any other step: a runtime error (exit 3), or,
/// under 'try', printed while the script goes on. A crash ends the node's
/// open transaction.
struct TransactionFailureScriptTests {
    static let cluster = """
        cluster { server fs1; workstation p1, p2 }
        domain / on fs1
        on p1 { create /x size 1KB }

        """

    static func text(_ sink: BufferSink) -> String { (sink.output + sink.errors).joined(separator: "\n") }

    @Test func commitWithoutBeginUnderTryIsPrintedAndTheScriptGoesOn() {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            try on p1 { commit }
            on p2 { open /x r; read as r; close }
            run
            expect r.status == "done"

            """)
        #expect(status == .ok)
        #expect(Self.text(sink).contains("commit: p1 has no transaction open"))
    }

    @Test func commitWithoutBeginWithoutTryIsARuntimeError() {
        let (status, sink, _) = FSScript.run(Self.cluster + "on p1 { commit }\nrun\n")
        #expect(status == .runtimeError)
        #expect(Self.text(sink).contains("commit: p1 has no transaction open"))
    }

    @Test func nestedBeginAcrossBlocksObeysTry() {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            on p1 { begin }
            at 1s { try on p1 { begin } }
            at 2s { on p1 { commit } }
            run

            """)
        #expect(status == .ok)
        #expect(Self.text(sink).contains("nested begin: p1 already has transaction 0 open"))
        let (failed, _, _) = FSScript.run(Self.cluster + "on p1 { begin }\nat 1s { on p1 { begin } }\nrun\n")
        #expect(failed == .runtimeError)
    }

    @Test func aCrashEndsTheNodesOpenTransaction() throws {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            at 1s { on p1 { begin; open /x w; write "W1"; close } }
            at 2s { crash p1 }
            at 3s { restart p1 }
            at 4s { on p1 { begin; open /x r; read; close; commit } }
            run
            show outcomes

            """, format: .json)
        #expect(status == .ok)
        let notes = try FSScript.table(try FSScript.objects(sink), "outcomes").notes
        #expect(notes.contains { $0.contains("transaction 0 on p1") && $0.contains("ended by the crash at 2s") })
        #expect(notes.contains { $0.contains("transaction 1 on p1") && $0.contains("; committed") })
    }
}
