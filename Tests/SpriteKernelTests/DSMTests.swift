import Testing
@testable import SpriteKernel

/// Distributed shared memory: Ivy's invariants, the managers' message counts, when each consistency model
/// moves its diffs, and a crashed owner's pages. Network: zero-overhead, switched (a 32B message 0.5256ms,
/// a 4128B page message 3.8024ms); traps and service free unless said.
@Suite struct DSMTests {
    static func segment(_ nodes: [Int], pages: Int32 = 1, manager: DSMManagerKind,
                        consistency: DSMConsistencyKind = .sequential) -> DSMSegmentSpec {
        DSMSegmentSpec(name: "S", pages: pages, nodes: nodes, manager: manager, consistency: consistency,
                       faultCPU: .zero, service: .zero)
    }

    static func access(_ offset: Int64, write: Bool, size: Int64 = 8) -> ProgramStep {
        .dsmAccess(segment: "S", offset: offset, size: size, write: write)
    }

    /// Sequential consistency's invariant over every page and copy: at most one writer; every node with
    /// access is in the copy set and, at rest, every node in it has access (the copy set is exact); a writable page's
    /// only holder is its owner; a participant owner of a page at rest holds a copy.
    static func checkInvariant(_ sim: Simulation, sourceLocation: SourceLocation = #_sourceLocation) {
        let d = sim.sharedMemory
        for s in d.segments.indices {
            let segment = d.segments[s]
            for page in 0..<segment.spec.pages {
                let p = d.pages[Int(segment.firstPage + page)]
                var writers = 0
                for participant in 0..<segment.participantCount {
                    let copy = d.copies[d.copyIndex(segment: s, page: page, participant: participant)]
                    if copy.access == DSMCopy.write { writers += 1 }
                    let held = p.copyset & (1 << UInt64(participant)) != 0
                    // Every holder is in the copy set; at rest the copy set holds no one else (while a write
                    // waits for its acknowledgements the requester has the page but no access yet).
                    if copy.access > DSMCopy.none || !p.busy {
                        #expect(held == (copy.access > DSMCopy.none), "page \(page) participant \(participant)",
                                sourceLocation: sourceLocation)
                    }
                }
                #expect(writers <= 1, "page \(page) has \(writers) writers", sourceLocation: sourceLocation)
                let owner = segment.participantIndex(of: Int(p.owner))
                // A page the central manager still owns (not a participant) has no copy elsewhere.
                if p.writable, !p.busy {
                    #expect(p.copyset == (owner >= 0 ? 1 << UInt64(owner) : 0), sourceLocation: sourceLocation)
                }
                if !p.busy, owner >= 0, p.lostIn < 0 {
                    #expect(p.copyset & (1 << UInt64(owner)) != 0, "owner of \(page) holds no copy",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// Eight nodes, one process each, 200 random reads and writes over 6 pages with random compute between
    /// (a seeded generator of the test's own): the invariant holds after every event, under each manager.
    @Test(arguments: [DSMManagerKind.central(node: 8), .fixed, .dynamic])
    func sequentialConsistencyHoldsAfterEveryEvent(_ manager: DSMManagerKind) throws {
        let sim = try makeSimulation(nodes: 9)
        try sim.defineDSMSegment(Self.segment(Array(0..<8), pages: 6, manager: manager))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for node in 0..<8 {
            var steps: [ProgramStep] = []
            for _ in 0..<200 {
                steps.append(Self.access(Int64(next(6) * 4096 + next(512) * 8), write: next(3) == 0))
                steps.append(.compute(.us(Int64(next(3000)))))
            }
            try sim.defineProgram("p\(node)", steps: steps)
            _ = try sim.spawn(program: "p\(node)", name: "p\(node)", node: node)
        }
        var events = 0
        while sim.run(eventLimit: 1) == .eventLimit {
            events += 1
            Self.checkInvariant(sim)
        }
        Self.checkInvariant(sim)
        #expect(events > 1000)
        #expect(sim.dsmStatistics.faults > 100)
        #expect(sim.dsmStatistics.invalidations > 0)
        #expect(sim.sharedMemory.table.liveRequests == 0)
        for node in 0..<8 { #expect(try sim.metrics("p\(node)").finish != nil) }
    }

    /// Example 7 of the design, at the engine: two writers on one page, 2ms apart. Each transfer after the
    /// first is confirm + forward + page = 4.8536ms; every write faults (Examples/dsm-false-sharing.sprite).
    @Test func falseSharingPingPongsEveryWrite() throws {
        let sim = try makeSimulation(nodes: 3)
        try sim.defineDSMSegment(Self.segment([0, 1], pages: 2, manager: .central(node: 2)))
        try sim.defineProgram("w1", steps: [.repeat(50, [Self.access(0, write: true), .compute(.ms(2))])])
        try sim.defineProgram("w2", steps: [.repeat(50, [Self.access(64, write: true), .compute(.ms(2))])])
        _ = try sim.spawn(program: "w1", name: "w1", node: 0)
        _ = try sim.spawn(program: "w2", name: "w2", node: 1)
        sim.runToIdle()
        let page = try #require(sim.dsmView(of: "S")?.pages.first)
        #expect(page.faults == 100 && page.writeFaults == 100)
        #expect(page.transfers == 100)
        #expect(page.pingPongs == 98)
        // 100 requests, 99 forwards, 100 pages, 100 confirms.
        #expect(sim.dsmStatistics.messages == 399)
        #expect(sim.dsmStatistics.bytes == 299 * 32 + 100 * 4128)
        #expect(try sim.metrics("w2").finish == .ns(486_834_400))
        #expect(try sim.metrics("w1").finish == .ns(481_980_800))
    }

    /// One scripted sequence on page 1 of 2, nodes n0…n3 (n4 the central manager): n1 writes at 0, n2 at
    /// 100ms, n3 at 200ms, n1 reads at 300ms, n0 reads at 400ms.
    /// central (n4 owns the page at first): n1's write request, page, confirm (3); each later fault request,
    ///   forward to the owner, page, confirm (4 x 4): 19.
    /// fixed (page 1's manager and first owner is n1): n1's write hits; n2: request, page, confirm (3); n3:
    ///   4; n1's read: its request and confirm stay on n1, the forward and page go (2); n0: 4. Total 13.
    /// dynamic (n1 owns it at first; every hint points there): n1 hits; n2: request to n1, page (2); n3's hint
    ///   is stale: request to n1, one forward along n1's hint to n2, page (3); n1's hint is n3: request, page
    ///   (2); n0's hint is stale: request to n1, forward to n3, page (3). Total 10: one forward per stale hint.
    @Test(arguments: [(DSMManagerKind.central(node: 4), 19), (.fixed, 13), (.dynamic, 10)])
    func managersSendWhatIvySays(_ manager: DSMManagerKind, _ messages: Int) throws {
        let sim = try makeSimulation(nodes: 5)
        try sim.defineDSMSegment(Self.segment([0, 1, 2, 3], pages: 2, manager: manager))
        let plan: [(node: Int, at: Int64, write: Bool)] = [(1, 0, true), (2, 100, true), (3, 200, true),
                                                           (1, 300, false), (0, 400, false)]
        for (index, step) in plan.enumerated() {
            try sim.defineProgram("s\(index)", steps: [.sleep(.ms(step.at)), Self.access(4096, write: step.write)])
            _ = try sim.spawn(program: "s\(index)", name: "s\(index)", node: step.node)
        }
        sim.runToIdle()
        #expect(sim.dsmStatistics.messages == Int64(messages))
        Self.checkInvariant(sim)
    }

    /// Two nodes hold copies of a page (both read it first); n0 then writes 16B under lock L and releases,
    /// and n1 acquires L at 100ms and reads. Eager release pushes the diff (32 + 8 + 16B) at the release,
    /// acknowledged, to the other holder n1 and to the page's home n2 (the central manager, off the segment,
    /// serves the next fault): 2 diffs of 8 + 16 = 24B. Lazy release sends nothing then, and n1's read
    /// fetches the one diff after the grant's notice.
    @Test(arguments: [DSMConsistencyKind.release, .lazyRelease])
    func diffsMoveAtTheReleaseOrAtTheFault(_ model: DSMConsistencyKind) throws {
        let sim = try makeSimulation(nodes: 3)
        try sim.defineDSMSegment(Self.segment([0, 1], pages: 1, manager: .central(node: 2), consistency: model))
        try sim.defineProgram("writer", steps: [Self.access(0, write: false), .sleep(.ms(20)), .dsmAcquire("L"),
                                                Self.access(0, write: true, size: 16), .dsmRelease("L")])
        try sim.defineProgram("reader", steps: [Self.access(64, write: false), .sleep(.ms(100)), .dsmAcquire("L"),
                                                Self.access(0, write: false)])
        _ = try sim.spawn(program: "writer", name: "writer", node: 0)
        _ = try sim.spawn(program: "reader", name: "reader", node: 1)
        _ = sim.run(until: .ms(80))
        let diffs: Int64 = model == .release ? 2 : 1
        #expect(sim.dsmStatistics.diffs == (model == .release ? diffs : 0))
        sim.runToIdle()
        #expect(sim.dsmStatistics.diffs == diffs)
        #expect(sim.dsmStatistics.diffBytes == diffs * (8 + 16))
        #expect(sim.dsmStatistics.twins == 1)
        // The reader's second read: a hit under eager release, a diff fetch (request + diff) under lazy.
        let faults: Int64 = model == .release ? 2 : 3
        #expect(sim.dsmStatistics.faults == faults)
    }

    /// The owner's crash loses its pages; a node holding a copy still reads, a fault is a failure naming
    /// the page and the crash.
    @Test func anOwnersCrashLosesItsPages() throws {
        let sim = try makeSimulation(nodes: 3)
        try sim.defineDSMSegment(Self.segment([0, 1, 2], pages: 3, manager: .fixed))
        try sim.defineProgram("early", steps: [Self.access(4096, write: false), .sleep(.ms(50)),
                                               Self.access(4096, write: false)])
        try sim.defineProgram("late", steps: [.sleep(.ms(50)), Self.access(4096, write: false)])
        _ = try sim.spawn(program: "early", name: "early", node: 0)
        _ = try sim.spawn(program: "late", name: "late", node: 2)
        _ = sim.run(until: .ms(20))
        sim.crash(1)
        sim.runToIdle()
        #expect(try sim.metrics("early").finish != nil)
        #expect(sim.dsmFailures.count == 1)
        #expect(sim.dsmFailures.first?.kind == .pageLost(page: 1, node: 1))
        #expect(sim.dsmView(of: "S")?.pages[1].lostIn == 1)
    }

    /// A requester that crashes while the page travels to it as its new owner takes the page with it: once
    /// the page message gives up, the queued fault of the other node finds the page lost instead of waiting
    /// for ever.
    @Test func aRequesterCrashingMidTransferLosesThePage() throws {
        let sim = try makeSimulation(nodes: 3)
        try sim.defineDSMSegment(Self.segment([0, 1], pages: 1, manager: .central(node: 2)))
        try sim.defineProgram("first", steps: [Self.access(0, write: true)])
        try sim.defineProgram("second", steps: [.sleep(.ms(2)), Self.access(0, write: true)])
        _ = try sim.spawn(program: "first", name: "first", node: 0)
        let second = try sim.spawn(program: "second", name: "second", node: 1)
        _ = sim.run(until: .ms(1))
        sim.crash(0)
        _ = sim.run()
        #expect(sim.dsmFailures.map(\.kind) == [.pageLost(page: 0, node: 0)])
        #expect(sim.dsmFailures.first?.process == second)
    }

    /// The trap runs on the faulting process's CPU before the request leaves; the manager takes its service
    /// time before it answers: 1ms trap + 0.5256ms request + 0.1ms service + 3.8024ms page = 5.428ms, of
    /// which 1ms is CPU.
    @Test func theTrapIsCPUAndTheServiceDelaysTheAnswer() throws {
        let sim = try makeSimulation(nodes: 2)
        var spec = Self.segment([0], pages: 1, manager: .central(node: 1))
        spec.faultCPU = .ms(1)
        spec.service = .us(100)
        try sim.defineDSMSegment(spec)
        try sim.defineProgram("p", steps: [Self.access(0, write: false)])
        _ = try sim.spawn(program: "p", name: "p", node: 0)
        sim.runToIdle()
        let p = try sim.metrics("p")
        #expect(p.finish == .ns(5_428_000))
        #expect(p.cpuTime == .ms(1))
        #expect(sim.dsmStatistics.faultWait == .ns(4_428_000))
    }
}
