import Testing
@testable import SpriteScript

/// Under a fixed split (the default) the file cache never asks the memory ledger for pages, yet what it holds
/// takes memory: show memory and NODE.cache-pages / free-pages count its contents.
@Suite struct FixedSplitMemoryViewTests {
    /// ws1 has 1MB: 256 pages of 4KB, the file cache's share 512KB. p loops over 4 pages and exits: its
    /// pages go, VM holds 0. ws1 reads /f, 64KB = 16 blocks of 4KB, into its client cache: 16 pages.
    /// Free: 256 − 0 − 16 = 240.
    @Test func aReadFileTakesItsPages() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1 memory 1MB diskless
            }
            domain / on fs1
            on fs1 { create /f size 64KB }
            run
            vm ws1
            space s { data 16KB; touch 1ms; pattern loop 4 pages }
            program p space s { compute 4ms }
            spawn p as p on ws1
            on ws1 { open /f r; read; close }
            run
            show memory ws1
            expect ws1.cache-pages == 16
            expect ws1.free-pages == 240
            expect ws1.vm-pages == 0
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        #expect(text.contains("vm pages 0: code 0 (sticky 0), data 0, stack 0; file cache 64KB; free 240"),
                "\(text)")
    }

    /// Examples/double-caching's bypass-off loop, stopped at 10s with the process asleep: VM holds its 128
    /// frames (data pages), the client cache its 128 blocks (backing pages): memory is full, 0 free.
    @Test func doubleCachingFillsMemory() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1 memory 1MB diskless
            }
            domain / on fs1
            vm ws1 bypass off
            space loop { data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
            program loop space loop { compute 51.2ms; sleep 100s }
            spawn loop as loop on ws1
            advance 10s
            expect ws1.double-cached == 64
            expect ws1.vm-pages == 128
            expect ws1.cache-pages == 128
            expect ws1.free-pages == 0
            """)
        #expect(status == .ok, "\(sink.output.joined(separator: "\n"))\n\(sink.errorText)")
    }
}
