import Testing
@testable import SpriteScript

/// Faults that find every frame locked by a transfer sleep among their node's frame waiters (Sprite), and a
/// node whose VM can never hold a frame stops the run with an error instead of spinning. Figures are derived
/// by hand from the cost model (docs/COST-MODEL.md, "Virtual memory").
struct VMFrameWaitTests {
    @discardableResult
    private func run(_ script: String, expectations count: Int,
                     status expected: SpriteScript.ExitStatus = .ok) throws -> [[String: Any]] {
        try FSScript.runExpecting(script, expectations: count, status: expected)
    }

    /// ws has 8KB: two 4KB pages, the default split gives VM one frame. a and b each loop over their 2 data
    /// pages (touch 100us, every reference a write, compute 200us: references at 0 and 100us of work).
    /// a: page 0 is a zero-fill into the free frame (trap 1us + 4KB copied at 5GB/s, 819.2ns
    /// rounded up to the 1ns tick: 1.82us);
    /// page 1 at 101.82us takes the frame, whose dirty page 0 goes to swap first (an Eagle block,
    /// 27.777181ms), then a zero-fill. b runs meanwhile, faults page 0 and finds the one frame locked: it
    /// sleeps (no CPU) until a's page is in and a has run; a's frame is kept for a until then, so b cannot
    /// take a's new page from it. a ends 101.82us later and frees the frame; b then does as a did.
    /// Each: 2 faults, 2 zero-fills, 1 page-out, cpu 200us + 2 x 1.82us = 203.64us; b's fault wait is
    /// its sleep (a's page-out) plus its own page-out. 2 page-outs on ws, as the processes count them.
    @Test func twoProcessesTakeTheirTurnsWithOneFrame() throws {
        try run("""
            cluster { workstation ws memory 8KB disk fujitsu-eagle }
            vm ws backing swap
            space s { data 8KB; touch 100us; writes 100%; pattern loop 2 pages }
            program p space s { compute 200us }
            spawn p as a on ws
            spawn p as b on ws
            run
            expect a.faults == 2
            expect b.faults == 2
            expect a.zero-fills == 2
            expect b.zero-fills == 2
            expect a.page-outs == 1
            expect b.page-outs == 1
            expect stats.page-outs == 2
            expect a.cpu == 203.64us
            expect b.cpu == 203.64us
            expect a.fault-wait == 27.777181ms within 0.01%
            expect b.fault-wait == 55.554362ms within 0.01%
            expect stats.events < 30

            """, expectations: 12)
    }

    /// The same two processes for 20ms each: 200 references apiece, alternating between two pages in one
    /// frame, so every reference faults. Of each process's 200 faults the first two touches are zero-fills,
    /// the other 198 page-ins; every fault but its first finds the frame holding a dirty page: 199
    /// page-outs each, 398 on ws. A page brought in for a process is kept until it runs, so neither takes
    /// the other's page before it is used (that loop would never end); a fault is a few events.
    @Test func oneFrameTwoLoopsEnd() throws {
        try run("""
            cluster { workstation ws memory 8KB disk fujitsu-eagle }
            vm ws backing swap
            space s { data 8KB; touch 100us; writes 100%; pattern loop 2 pages }
            program p space s { compute 20ms }
            spawn p as a on ws
            spawn p as b on ws
            run
            expect a.faults == 200
            expect b.faults == 200
            expect a.page-ins == 198
            expect a.page-outs == 199
            expect b.page-outs == 199
            expect stats.page-outs == 398
            expect stats.events < 4000

            """, expectations: 7)
    }

    /// Thrashing costs events per fault, not per simulated microsecond: 40 processes over 16 data pages
    /// each, 8 VM frames (64KB, half for VM), random references. A fault is a trap, a page-out and a
    /// page-in on the one disk, and a wake: a handful of events each, whatever the time spent waiting.
    /// 40 x 3 x 500us of work at a reference per 10us is 6,000 references, so at most 6,000 faults; at
    /// 10 events a fault and a few per burst and sleep that is under 66,000 events. Spinning until a frame
    /// is unlocked made one event per simulated microsecond: this run lasts minutes of simulated time.
    @Test func thrashingCostsEventsPerFault() throws {
        let objects = try run("""
            cluster { workstation ws memory 64KB disk fujitsu-eagle }
            vm ws backing swap replacement clock
            space s { data 64KB; touch 10us; writes 50%; pattern random over data }
            program p space s { repeat 3 { compute 500us; sleep 1ms } }
            spawn p as p[1..40] on ws
            run
            expect stats.page-faults > 1000
            expect stats.events < 66000
            expect now > 10s

            """, expectations: 3)
        _ = objects
    }

    /// 4KB of memory and 4KB pages: the default split leaves VM 2KB, less than a page. The first fault
    /// cannot ever be served: the run ends with a runtime error naming the node and the cause.
    @Test func vmWithoutAFrameIsARuntimeError() throws {
        let (status, sink, _) = FSScript.run("""
            cluster { workstation ws memory 4KB disk fujitsu-eagle }
            vm ws backing swap
            space s { data 64KB; touch 1ms; writes 100%; pattern loop 8 pages }
            program p space s { compute 10ms }
            spawn p as p on ws
            run
            echo "not reached"

            """)
        #expect(status == .runtimeError)
        #expect(!sink.output.joined().contains("not reached"))
        let error = sink.errors.joined(separator: "\n")
        #expect(error.contains("test.sprite:6:1: error: process p faulted on page 0 of its data at 0s on ws"))
        #expect(error.contains("its share of ws's memory is 2KB, less than one 4KB page"))
    }
}
