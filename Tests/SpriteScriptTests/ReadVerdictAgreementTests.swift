import Testing
@testable import SpriteScript

/// A read has one verdict: its trace line (`file.read`) and `show outcomes` judge it at the same
/// moment, the read's start (LANGUAGE.md `semantics`: "a read returns the last write made anywhere
/// before it"); a write that begins while the read is on its way is concurrent with it.
@Suite("Semantics: one verdict per read")
struct ReadVerdictAgreementTests {
    static let cluster = """
        cluster {
          network ethernet preset sprite-1988 topology bus
          server fs1 memory 32MB disk 20ms
          workstation jack memory 8MB diskless
          workstation jill memory 8MB diskless
          process a on jack
          process b on jack
          process c on jill
        }
        domain / on fs1
        consistency sprite
        on jack { create /f size 4KB }
        run

        """

    private func run(_ script: String) throws -> (reads: [[String: Any]], rows: [[String: Any]]) {
        let result = ScriptHarness.run(Self.cluster + script + "\nshow outcomes\n",
                                       options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let show = try #require(ScriptHarness.events(objects, "show").first { $0["table"] as? String == "outcomes" })
        return (ScriptHarness.events(objects, "file.read"), try #require(show["rows"] as? [[String: Any]]))
    }

    /// Each read's unix and session verdicts in the trace, and in `show outcomes`, by event id.
    private func verdicts(_ list: [[String: Any]]) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for item in list {
            guard let id = item["event_id"] as? Int else { continue }
            out[id] = [item["unix_verdict"] as? String ?? "?", item["session_verdict"] as? String ?? "?"]
        }
        return out
    }

    // a's read misses and goes to fs1 (its disk: 20 ms) at 10.5922 ms; b opens /f on the same node and
    // writes "B" into jack's cache from 12.2095 ms, while a's fetch is on its way. The last write before
    // a's read began is the create's 4KB, which is what the read returns: fresh under unix in the trace
    // and in show outcomes alike (the trace used to judge at the reply and say STALE, blaming jack's
    // delayed write, though the data was in the reader's own node cache). a's session opened before b's
    // write and never saw a close of it: fresh under session semantics too.
    @Test func aReadOverlappingAWriteOnItsNodeIsFreshInBoth() throws {
        let (reads, rows) = try run("""
            on a { open /f r; read as ra }
            on b { open /f rw; write "B" as wb }
            run
            expect stale-reads unix == 0
            """)
        let trace = verdicts(reads)
        #expect(trace.count == 1)
        #expect(trace.values.first == ["fresh", "fresh"])
        #expect(verdicts(rows) == trace)
        #expect(reads.first?["why"] == nil)
    }

    // Many overlapping reads and writes from three processes on two nodes, with delayed writes,
    // write-sharing and appends: whatever each verdict is, the trace and show outcomes give the same.
    @Test func theTraceAndShowOutcomesAgreeOnEveryRead() throws {
        let (reads, rows) = try run("""
            on a { open /f rw; read; append "a1"; read; close }
            on b { open /f rw; read; write "b1"; read; close }
            on c { open /f r; read; read; close }
            at +3ms { on c { open /f rw; append "c1"; read; close } }
            at +40ms { on a { open /f r; read; close } }
            at +45ms { on jill { open /f r; read; close } }
            run
            """)
        let trace = verdicts(reads)
        #expect(trace.count == 9)
        #expect(verdicts(rows) == trace)
    }
}
