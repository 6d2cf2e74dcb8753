import Testing
@testable import SpriteScript

/// `begin` … `commit`: transactions over several files, judged as one.
struct TransactionScriptTests {
    static let cluster = """
        cluster { server fs1; workstation p1, p2 }
        domain / on fs1
        on p1 { create /x size 1KB; create /y size 1KB }

        """

    /// The slides' W1,R1,R2,W2 with P1 = W1;W2 (on p1) and P2 = R1;R2 (on
    /// p2), over /x and /y: P2 reads P1's x but the y from before P1's W2.
    static let interleaved = """
        at 1s { on p1 { begin; open /x w; write "W1"; close } }
        at 2s { on p2 { begin; open /x r; read; close; open /y r; read; close; commit } }
        at 3s { on p1 { open /y w; write "W2"; close; commit } }
        run

        """

    static func run(_ body: String) throws -> (results: [String: (ok: Bool, actual: String)], notes: [String]) {
        let (_, sink, _) = FSScript.run(cluster + body + "\nshow outcomes\n", format: .json)
        let objects = try FSScript.objects(sink)
        return (FSScript.expectations(objects), try FSScript.table(objects, "outcomes").notes)
    }

    static func expectAllPass(_ results: [String: (ok: Bool, actual: String)],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!results.isEmpty, sourceLocation: sourceLocation)
        for (condition, result) in results where !result.ok {
            Issue.record("\(condition): actual \(result.actual)", sourceLocation: sourceLocation)
        }
    }

    @Test func interleavedTransactionsOverTwoFilesAreNotSerializable() throws {
        let (results, notes) = try Self.run(Self.interleaved + """
            expect stale-reads transaction == 2
            expect stale-reads unix == 0
            expect stale-reads session == 0
            expect read p2 /x == "W1"
            """)
        Self.expectAllPass(results)
        #expect(notes.contains { $0.hasPrefix("  transaction 0 on p1 (2 sessions 0, 3 on /x, /y")
                    && $0.hasSuffix("; committed): not serializable with transaction 1 on p2") })
        #expect(notes.contains { $0.hasPrefix("  transaction 1 on p2 (2 sessions 1, 2 on /x, /y")
                    && $0.hasSuffix("; committed): not serializable with transaction 0 on p1") })
    }

    @Test func theSameSessionsWithoutBeginAreSerializable() throws {
        // Each session alone: W1 before R1, R2 before W2, no cycle.
        let body = Self.interleaved.replacingOccurrences(of: "begin; ", with: "")
            .replacingOccurrences(of: "; commit", with: "")
        let (results, notes) = try Self.run(body + "expect stale-reads transaction == 0\n")
        Self.expectAllPass(results)
        #expect(!notes.contains { $0.contains("transaction 0 on") })
    }

    @Test func serialTransactionsAreSerializable() throws {
        // P1 = W1;W2 completes before P2 = R1;R2.
        let (results, notes) = try Self.run("""
            at 1s { on p1 { begin; open /x w; write "W1"; close; open /y w; write "W2"; close; commit } }
            at 2s { on p2 { begin; open /x r; read; close; open /y r; read; close; commit } }
            run
            expect stale-reads transaction == 0
            expect read p2 /y == "W2"
            """)
        Self.expectAllPass(results)
        #expect(notes.filter { $0.hasSuffix("; committed): serializable") }.count == 2)
    }

    @Test func aTransactionReadsInOneSessionAndWritesInAnother() throws {
        // p2 reads /x, p1 updates it, p2 overwrites it in a second session.
        let body = """
            at 1s { on p2 { begin; open /x r; read; close } }
            at 2s { on p1 { open /x w; write "p1"; close } }
            at 3s { on p2 { open /x w; write "p2"; close; commit } }
            run

            """
        let (lost, _) = try Self.run(body + "expect lost-updates == 1\nexpect stale-reads transaction == 1\n")
        Self.expectAllPass(lost)
        // Without the transaction the second session wrote blind: nothing lost.
        let blind = body.replacingOccurrences(of: "begin; ", with: "").replacingOccurrences(of: "; commit", with: "")
        let (none, _) = try Self.run(blind + "expect lost-updates == 0\nexpect stale-reads transaction == 0\n")
        Self.expectAllPass(none)
    }

    @Test func aTransactionNeverCommittedIsJudgedAndSaysSo() throws {
        let (results, notes) = try Self.run("""
            on p1 { begin; open /x rw; read; write "x"; close }
            run
            expect stale-reads transaction == 0
            """)
        Self.expectAllPass(results)
        #expect(notes.contains { $0.hasPrefix("  transaction 0 on p1 (1 session 0 on /x")
                    && $0.hasSuffix("; never committed): serializable") })
    }

    @Test func membershipIsFixedWhenTheOpenIsIssued() throws {
        // /x, opened inside, stays in the transaction though it closes after
        // commit; /y, opened after commit, is a session of its own.
        let (results, notes) = try Self.run("""
            on p1 { begin; open /x w; write "a"; commit; close; open /y r; read; close }
            run
            expect stale-reads transaction == 0
            """)
        Self.expectAllPass(results)
        #expect(notes.contains { $0.hasPrefix("  transaction 0 on p1 (1 session 0 on /x from ")
                    && $0.hasSuffix("; committed): serializable") })
    }

    @Test func nestedBeginInABlockIsACheckError() throws {
        let diagnostics = ScriptHarness.diagnostics(Self.cluster + "on p1 { begin; open /x r; begin }\n")
        let error = try #require(diagnostics.first)
        #expect(error.message == "nested begin: p1 already has a transaction open (begun at 4:9)")
        #expect(error.span?.line == 4)
        #expect(error.span?.column == 27)
        #expect(error.help == "transactions do not nest: write commit before this begin")
        #expect(error.rendered.contains("^"))
        // begin, commit, begin is fine; so is a begin in each of two blocks (checked when run).
        #expect(ScriptHarness.diagnostics(Self.cluster + "on p1 { begin; commit; begin }\n").isEmpty)
        #expect(ScriptHarness.diagnostics(Self.cluster + "on p1 { begin }\non p1 { commit }\n").isEmpty)
    }

    @Test func beginOutsideOnIsACheckError() throws {
        let error = try #require(ScriptHarness.diagnostics(Self.cluster + "begin\n").first)
        #expect(error.message == "'begin' acts on a node's files; write it inside on NODE { … }")
    }

    @Test func nestedBeginAcrossBlocksAndCommitWithoutBeginAreRuntimeErrors() throws {
        let (nested, sink, _) = FSScript.run(Self.cluster + "on p1 { begin }\non p1 { begin }\n")
        #expect(nested == .runtimeError)
        #expect(sink.errors.contains { $0.contains("nested begin: p1 already has transaction 0 open") })
        let (stray, strayErrors, _) = FSScript.run(Self.cluster + "on p2 { commit }\n")
        #expect(stray == .runtimeError)
        #expect(strayErrors.errors.contains { $0.contains("commit: p2 has no transaction open") })
    }
}
