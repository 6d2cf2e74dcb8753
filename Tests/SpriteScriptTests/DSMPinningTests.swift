import Testing
@testable import SpriteScript

/// DSM copies are pinned VM bytes in the node's memory ledger, never replaced: they leave VM fewer frames.
@Suite struct DSMPinningTests {
    /// ws1 has 64KB: 16 pages of 4KB, the default split gives VM 8 (the file cache the other 32KB). A process
    /// looping over 6 data pages (touch 1ms, compute 12ms: 12 touches, no writes) fits alone: 6 zero-fills.
    /// After r reads the 4 pages of S on ws1 (4 copies, pinned: 4 of VM's 8 pages), VM has 4 frames for the
    /// loop of 6: under FIFO every touch faults (the page evicted is always the next one the loop wants), 12
    /// faults; a page never written that left memory comes back as a zero-fill. Free: 16 − 4 pinned = 12.
    @Test func pinnedCopiesLeaveVMFewerFrames() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster {
              network lan preset zero-overhead topology switched
              workstation ws1 memory 64KB
              workstation ws2
              server fs1
            }
            vm ws1 replacement fifo
            dsm S pages 4 on ws1, ws2 manager central on fs1 consistency sequential fault-cpu 0s service 0s
            space sp { data 24KB; touch 1ms; pattern loop 6 pages }
            program v space sp { compute 12ms }
            program r { pattern sequential over dsm S touch 1ms; compute 4ms }
            spawn v as alone on ws1
            run
            expect alone.faults == 6
            expect ws1.dsm-pages == 0
            spawn r as r on ws1
            run
            expect ws1.dsm-pages == 4
            expect ws1.free-pages == 12
            spawn v as v on ws1
            run
            expect v.faults == 12
            expect v.zero-fills == 12
            expect ws2.dsm-pages == 0
            show memory ws1
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("dsm 4 pages held, 4 pages of memory pinned for them"), "\(text)")
    }

    /// A write fault takes the page and invalidates the other copy: ws1's copy and its pin go, ws2 pins it.
    @Test func anInvalidatedCopyGivesItsPageBack() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { workstation ws1, ws2; server fs1 }
            dsm S pages 1 on ws1, ws2 manager central on fs1
            program r { dsm read S 0B }
            program w { dsm write S 0B }
            spawn r on ws1
            run
            expect ws1.dsm-pages == 1
            spawn w on ws2
            run
            expect ws1.dsm-pages == 0
            expect ws2.dsm-pages == 1
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
    }
}
