import Testing
@testable import SpriteScript

/// A process's page-outs are every page of its written out, whatever started the write (a fault's victim,
/// the file cache taking the page, a migration's flush), and only transfers that completed count: the
/// processes' page-outs add up to their node's.
struct VMCountTests {
    private func run(_ script: String, expectations count: Int) throws {
        let (status, sink, _) = FSScript.run(script, format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(results.count == count)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
    }

    /// ws1 has 64KB, 16 pages, shared by `negotiate oldest`. p writes its 16 data pages in its first 16ms:
    /// memory is all VM, all dirty. At 1s ws1 reads /big, 8 blocks: each takes VM's oldest page (about 1s
    /// old against the empty cache's 0), which is written behind: 8 page-outs, p's pages. At 10s p's
    /// second pass faults its 8 missing pages back, each replacing a dirty page of its own: 8 more.
    /// 16 page-outs on ws1, all p's.
    @Test func pagesGivenToTheCacheArePageOutsOfTheirProcess() throws {
        try run("""
            cluster { network preset sprite-1988; server fs1 disk fujitsu-eagle; workstation ws1 memory 64KB diskless }
            domain / on fs1
            on fs1 { create /big size 32KB }
            run
            vm ws1 negotiate oldest
            space s { data 64KB; touch 1ms; writes 100%; pattern sequential over data }
            program p space s { compute 16ms; sleep 10s; compute 16ms }
            spawn p as p on ws1
            advance 1s
            on ws1 { open /big r; read; close }
            run
            expect stats.vm-to-cache == 8
            expect stats.page-outs == 16
            expect p.page-outs == 16

            """, expectations: 3)
    }

    /// ws1 (32KB, 4 VM frames) crashes at 12ms while p's first page-out (its 5th fault's victim, over the
    /// network) is under way: that page-out and the zero-fill waiting behind it never complete, so p keeps
    /// 4 zero-fills and no page-out. p2 later loops over 8 pages in 4 frames, two laps: every reference
    /// faults; 8 zero-fills then 8 page-ins, all but the first 4 evicting a dirty page: 12 page-outs, the
    /// node's only ones.
    @Test func transfersLostInACrashDoNotCount() throws {
        try run("""
            cluster { network preset sprite-1988; server fs1 disk fujitsu-eagle; workstation ws1 memory 32KB diskless }
            domain / on fs1
            vm ws1 backing files /swap
            space s { data 64KB; touch 1ms; writes 100%; pattern loop 8 pages }
            program p space s { compute 16ms }
            spawn p as p on ws1
            advance 12ms
            crash ws1
            advance 1s
            restart ws1
            spawn p as p2 on ws1
            run
            expect p.page-outs == 0
            expect p.zero-fills == 4
            expect p2.page-outs == 12
            expect stats.page-outs == 12
            expect stats.zero-fills == 12

            """, expectations: 5)
    }
}
