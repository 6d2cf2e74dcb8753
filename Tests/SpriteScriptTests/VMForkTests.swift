import Testing
@testable import SpriteScript

/// Fork and address spaces: `fork kid` of a kid with no space or its parent's space copies the parent's
/// resident pages (UNIX fork); a kid declaring another space starts afresh in it (fork then exec); a
/// `shared fork` makes a thread in its parent's space, so its child may not declare another.
struct VMForkTests {
    /// par writes its 8 data pages (loop 8 pages, touch 1ms, compute 8ms): 8 zero-fills. ws has 1MB, 128
    /// VM frames, all free but those 8: kid (space s, par's) and bare (no space) each get the 8 pages
    /// copied and fault none; other (space t) faults its own 8 pages as zero-fills. 16 faults, 16 zero-fills.
    @Test func forkCopiesTheParentsSpaceUnlessTheChildDeclaresAnother() {
        let (status, sink, _) = FSScript.run("""
            cluster { workstation ws memory 1MB disk fujitsu-eagle }
            vm ws backing swap
            space s { data 32KB; touch 1ms; writes 100%; pattern loop 8 pages }
            space t { data 32KB; touch 1ms; writes 100%; pattern loop 8 pages }
            program kid space s { compute 8ms }
            program other space t { compute 8ms }
            program bare { compute 8ms }
            program par space s { compute 8ms; fork kid; fork other; fork bare; sleep 1s }
            spawn par as par on ws
            run
            show memory ws
            expect stats.page-faults == 16
            expect stats.zero-fills == 16

            """)
        // .ok: both expectations passed.
        #expect(status == .ok)
        // show memory's rows, spaces squeezed: process, space, code, data, stack, faults, zero-fills, …
        let rows = sink.output.joined(separator: "\n").split(separator: "\n")
            .map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("par.1 s 0 0 0 0 0 0 0 0s"))
        #expect(rows.contains("par.2 t 0 0 0 8 8 0 0 0s"))
        #expect(rows.contains("par.3 s 0 0 0 0 0 0 0 0s"))
    }

    @Test func aThreadCannotDeclareAnotherSpace() {
        let (status, sink, _) = FSScript.run("""
            cluster { workstation ws memory 1MB }
            space s { data 32KB }
            space t { data 32KB }
            program kid space t { compute 8ms }
            program par space s { compute 8ms; shared fork kid }

            """)
        #expect(status == .malformed)
        let error = sink.errors.joined(separator: "\n")
        #expect(error.contains("test.sprite:5:48: error: shared fork kid: a thread runs in its parent's space, "
                               + "but kid declares space t and par has space s"))
    }
}
