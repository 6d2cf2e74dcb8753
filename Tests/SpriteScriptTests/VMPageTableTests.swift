import Testing
@testable import SpriteScript

/// A space's page tables (one 16-byte entry per page, eight to a 128-byte memory record) are counted
/// against the memory limit before they are made: a space too large for it is refused at its process's
/// arrival with status 4, before any of its memory is taken.
struct VMPageTableTests {
    /// data 1TB and stack 1TB of 4KB pages: 2 x 2^40 / 2^12 = 2^29 = 536,870,912 entries, 8GB, 67 million
    /// records: far past the default limit of 10 million. The run stops at the spawn, nothing made.
    @Test func aTerabyteSpaceIsRefusedAtOnce() {
        let (status, sink, _) = FSScript.run("""
            cluster { workstation ws memory 1MB disk fujitsu-eagle }
            vm ws backing swap page 4KB
            space s { data 1TB; stack 1TB; touch 1us; writes 50%; pattern random over data }
            program p space s { compute 10s }
            spawn p as p on ws
            run
            echo "not reached"

            """)
        #expect(status == .limitReached)
        #expect(!sink.output.joined().contains("not reached"))
        let error = sink.errors.joined(separator: "\n")
        #expect(error.contains("test.sprite:5:1: error: limit reached: the page tables of p's space (536870912 pages)"))
    }

    /// Under `limit memory 1000`: 64KB of data is 16 entries, within the slab's first 256 (no record more
    /// than the space's own); 64MB is 16,384 entries, growing the slab from 256 to 16,384 entries, 16,128
    /// more, 2,016 records: refused. The first process ran; the second stops the run with status 4.
    @Test func theLimitInForceBoundsPageTables() {
        let (status, sink, _) = FSScript.run("""
            limit memory 1000
            cluster { workstation ws memory 1MB disk fujitsu-eagle }
            vm ws backing swap
            space small { data 64KB; touch 1ms; pattern loop 16 pages }
            space big { data 64MB; touch 1ms; pattern loop 16 pages }
            program a space small { compute 16ms }
            program b space big { compute 16ms }
            spawn a as a on ws
            run
            echo "a ran"
            spawn b as b on ws
            run
            echo "not reached"

            """)
        #expect(status == .limitReached)
        #expect(sink.output.joined().contains("a ran"))
        #expect(!sink.output.joined().contains("not reached"))
        #expect(sink.errors.joined().contains("the page tables of b's space (16384 pages)"))
    }
}
