import Testing
@testable import SpriteScript

/// Virtual memory as scripts use it: eager program loading, fork's page copies, a page-in that fails.
/// Every figure is derived by hand from the cost model (docs/COST-MODEL.md, "Virtual memory"); the
/// scripts' own `expect` lines hold them, and each test checks that every one of them passed.
struct VMScriptTests {
    /// Runs `script` as JSON; records every failed expectation and checks their count and the status.
    @discardableResult
    private func run(_ script: String, expectations count: Int,
                     status expected: SpriteScript.ExitStatus = .ok) throws -> [[String: Any]] {
        try FSScript.runExpecting(script, expectations: count, status: expected)
    }

    /// `eager` reads the whole code file at the start (V's program loading): /bin/cc, 256KB, in one read
    /// split into 16 RPC pieces of 16KB (sprite-1988's rpc-size), as ws2's `read` of the file is: 1 fault,
    /// 64 page-ins, 16 rpc.read (32 with ws2's). The file is in fs1's cache by then (ws2 read it), so each
    /// piece is a 16KB call, 22.40975ms (COST-MODEL), + fs1's read-cpu 0.1ms, + the request's and the
    /// acknowledgement's headers: 16 x 22.51 = 360.16ms and a little more (within 1%). Demand paging
    /// would take 64 calls of 7.8965ms, 505.38ms: the load is faster by the calls it saves. The 64
    /// references in order (touch 1ms, compute 64ms) then find every page: turnaround = the wait + one
    /// trap (0.1ms) + 64ms.
    @Test func eagerCodeIsReadWholeAtTheStart() throws {
        try run("""
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1, ws2 memory 1MB diskless
            }
            domain / on fs1
            on fs1 { create /bin/cc size 256KB }
            on ws2 { open /bin/cc r; read; close }
            run
            vm ws1
            space cc { code /bin/cc 256KB eager; touch 1ms; pattern sequential over code }
            program cc space cc { compute 64ms }
            spawn cc as cc on ws1
            run
            expect cc.faults == 1
            expect cc.page-ins == 64
            expect stats.code-faults == 64
            expect stats.rpc.read == 32
            expect ws1.vm-pages == 64
            expect cc.fault-wait == 360.156ms within 1%
            expect cc.fault-wait < 505.38ms
            expect cc.turnaround == 426.680986ms    # the wait, 362.580986ms, + 0.1ms + 64ms

            """, expectations: 8)
    }

    /// A fork copies the parent's resident pages, each a page at the local copy rate (4KB at 8MB/s =
    /// 0.512ms on sprite-1988), on the parent's CPU. The parent first touches its 8 data pages (touch 1ms,
    /// compute 8ms): 8 zero-fills of 0.1ms trap + 0.512ms = 4.896ms; the fork copies 8 pages, 4.096ms;
    /// then 1ms of work on pages already in memory. Parent: 8 + 4.896 + 4.096 + 1 = 17.992ms of CPU,
    /// all of it its turnaround; the child finds every page and faults none (8 faults in all).
    @Test func forkChargesItsPageCopies() throws {
        try run("""
            cluster { network preset sprite-1988; workstation ws1 }
            vm ws1
            space s { data 32KB; touch 1ms; writes 100%; pattern sequential over data }
            program child { compute 8ms }
            program p space s { compute 8ms; fork child; compute 1ms }
            spawn p as p on ws1
            run
            expect p.turnaround == 17.992ms
            expect p.cpu == 17.992ms
            expect stats.page-faults == 8
            expect stats.zero-fills == 8

            """, expectations: 4)
    }

    /// Code pages come from the program's file; no file server holds /bin/ed, so its first page cannot be
    /// had: the process is killed and the run ends with a runtime error (status 3) that says so.
    @Test func failedPageInEndsTheRun() throws {
        let script = """
            cluster { workstation ws1 }
            vm ws1
            space ed { code /bin/ed 16KB; data 16KB }
            program ed space ed { compute 1ms }
            spawn ed as ed on ws1
            run
            echo "not reached"

            """
        let (status, sink, _) = FSScript.run(script)
        #expect(status == .runtimeError)
        #expect(!sink.output.joined().contains("not reached"))
        let error = sink.errors.joined(separator: "\n")
        #expect(error.contains("test.sprite:6:1: error: process ed faulted on page 0 of its code at 0s on ws1"))
        #expect(error.contains("no domain covers /bin/ed; the process was killed"))
    }

    /// Double caching (DESIGN-9 §6.4, derived in Examples/double-caching.sprite): ws1 1MB, 128 VM frames,
    /// a loop over 256 written pages, two laps. Bypass off, each lap-2 fault puts its victim and its page
    /// in the 128-block client cache, which so holds the last 64 faults' pairs: of the resident pages
    /// 128-255, pages 192-255 are in the cache too: 64 pages held twice while the process lives (it
    /// sleeps after its work, at 5.0169s). Bypass on, none. `negotiate oldest penalty 0s` (no penalty)
    /// and `fault-cpu 0s` are accepted; the later `vm` puts back the fixed split and the trap.
    @Test(arguments: [("off", 64), ("on", 0)])
    func doubleCachedPages(bypass: String, doubled: Int) throws {
        try run("""
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1 memory 1MB diskless
            }
            domain / on fs1
            space loop { data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
            program loop space loop { compute 51.2ms; sleep 60s }
            vm ws1 negotiate oldest penalty 0s fault-cpu 0s
            vm ws1 bypass \(bypass) negotiate fixed 50% fault-cpu 100us
            spawn loop as loop on ws1
            advance 6s
            expect loop.faults == 512
            expect ws1.double-cached == \(doubled)
            expect stats.double-cached == \(doubled)

            """, expectations: 3)
    }

    /// Sticky code belongs to one version of the program file. /bin/ed is 16KB, 4 pages; `sequential over
    /// code`, a reference a millisecond for 8ms: two laps. Run a faults its 4 pages; run b finds them left
    /// behind (0 faults, 4 sticky hits, one at each page's first use); fs1 then gets a new version of
    /// /bin/ed, so run c may not use the old pages: it faults all 4 again, and they are no sticky hits.
    @Test func stickyCodeOfAnOlderVersionIsNotUsed() throws {
        try run("""
            cluster { network preset sprite-1988; server fs1 disk fujitsu-eagle; workstation ws1 memory 1MB diskless }
            domain / on fs1
            on fs1 { create /bin/ed size 16KB }
            run
            vm ws1
            space s { code /bin/ed 16KB; data 16KB; touch 1ms; pattern sequential over code }
            program ed space s { compute 8ms }
            spawn ed as a on ws1
            run
            spawn ed as b on ws1
            run
            on fs1 { open /bin/ed w; write /bin/ed blocks 0..3; close }
            run
            spawn ed as c on ws1
            run
            expect a.faults == 4
            expect b.faults == 0
            expect c.faults == 4
            expect stats.sticky-hits == 4
            """, expectations: 4)
    }
}
