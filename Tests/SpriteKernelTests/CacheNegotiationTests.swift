import Testing
@testable import SpriteKernel

/// The file cache's side of the VM / file-cache negotiation: under oldest-loses it claims room page by page,
/// taking VM's pages when they are older; a penalty on its own pages stops it; a fixed split caps it.
///
/// ws1 has 64 KB: 16 pages of 4 KB (the block size too). VM holds 8 pages last used at 0 s; at 1 s ws1
/// reads /big (12 blocks): 8 pages are free, the 4 others must come from VM or nowhere.
@Suite("File cache: negotiating for memory")
struct CacheNegotiationTests {
    private func cluster(_ policy: NegotiationKind?) throws -> (Simulation, ws1: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .bus))
        let fs1 = try sim.addNode(NodeSpec(name: "fs1", role: .server))
        let ws1 = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 64 << 10))
        sim.configureFileSystem(FileSystemConfig())
        sim.setDomain("/", server: fs1)
        if let policy { sim.setNegotiation(node: ws1, policy) }
        _ = sim.createFile(on: fs1, path: "/big", size: 12 << 12, directory: false)
        _ = sim.createFile(on: fs1, path: "/small", size: 4 << 12, directory: false)
        sim.runToIdle()
        vmPages(sim, ws1, 8, at: .zero)
        _ = sim.run(until: .s(1))
        return (sim, ws1)
    }

    /// Gives VM `count` more pages on `node`, last referenced at `stamp`, in its frames and its ledger.
    private func vmPages(_ sim: Simulation, _ node: Int, _ count: Int, at stamp: SimTime) {
        if sim.virtualMemory.frames(of: node) == nil { sim.setFrames(node: node, count: 16, replacement: .lru) }
        guard let table = sim.virtualMemory.frames(of: node) else { return }
        for _ in 0..<count {
            let claim = sim.claimPage(node: node, for: .vm, ownOldest: sim.vmOldestReference(node: node),
                                      otherOldest: sim.fileCacheOldestReference(node: node))
            #expect(claim == .free)
            guard let frame = table.takeFree(for: Int32(table.count)) else { return }
            table.frames[Int(frame)].stamp = stamp
            table.appendNewest(frame)
        }
    }

    private func readWhole(_ sim: Simulation, _ node: Int, _ path: String) {
        _ = sim.openFile(on: node, path: path, writable: false)
        _ = sim.readFile(on: node, path: path)
        _ = sim.closeFile(on: node, path: path)
        sim.runToIdle()
    }

    private func cached(_ sim: Simulation, _ node: Int) -> [String] { sim.cachedFiles(of: node).map(\.path) }

    /// No penalty: once the free pages are the cache's, its offer (it holds nothing yet: age 0) is younger
    /// than VM's (1 s), so the policy takes VM's page for it. (The read that asks is tested with VM's own
    /// pages in Examples/vm-negotiation.sprite: frames made here hold no page VM could write out.)
    @Test func withoutAPenaltyTheCacheTakesVMsOlderPages() throws {
        let (sim, ws1) = try cluster(.oldestLoses(penalty: .zero))
        for _ in 0..<8 {
            #expect(sim.claimPage(node: ws1, for: .fileCache, ownOldest: sim.fileCacheOldestStamp(ws1),
                                  otherOldest: sim.vmOldestReference(node: ws1)) == .free)
        }
        #expect(sim.claimPage(node: ws1, for: .fileCache, ownOldest: sim.fileCacheOldestStamp(ws1),
                              otherOldest: sim.vmOldestReference(node: ws1)) == .takeOther)
        #expect(sim.frameLedger.ledgers[ws1].cacheBytes == 9 << 12 && sim.frameLedger.ledgers[ws1].vmBytes == 7 << 12)
        // With a 2 min penalty the same claim loses: the cache must give up one of its own.
        sim.setNegotiation(node: ws1, .oldestLoses(penalty: .s(120)))
        #expect(sim.claimPage(node: ws1, for: .fileCache, ownOldest: sim.fileCacheOldestStamp(ws1),
                              otherOldest: sim.vmOldestReference(node: ws1)) == .evictOwn)
    }

    /// The same with VM's own pages: ws1 (16 pages) runs a process that writes its 8 data pages (one a
    /// millisecond) and sleeps; at 1 s ws1 reads /big (12 blocks). No penalty: the cache takes the 8 free pages
    /// and 4 of VM's, its oldest (data 0-3, dirty: 4 page-outs behind), and /big is cached whole. A 2 min
    /// penalty: the cache loses, /big is read through, and VM keeps its 8 pages.
    @Test func aLargeReadTakesAnIdleProcesssOlderPages() throws {
        for (penalty, takes) in [(SimTime.zero, true), (.s(120), false)] {
            let sim = Simulation(seed: 1, network: NetworkConfig(preset: .sprite1988, topology: .bus))
            let fs1 = try sim.addNode(NodeSpec(name: "fs1", role: .server))
            let ws1 = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 64 << 10))
            sim.configureFileSystem(FileSystemConfig())
            sim.setDomain("/", server: fs1)
            _ = sim.createFile(on: fs1, path: "/big", size: 12 << 12, directory: false)
            try sim.configureVM(node: ws1, VMConfig())
            sim.setMemoryNegotiation(node: ws1, .oldestLoses(penalty: penalty))
            var space = AddressSpaceSpec(name: "editor")
            space.dataBytes = 8 << 12
            space.pattern = .sequential(.data, workingSet: nil)
            space.touch = .ms(1)
            space.writeShare = 1
            try sim.defineAddressSpace(space)
            try sim.defineProgram("editor", steps: [.compute(.ms(8)), .sleep(.s(60))])
            try sim.attachSpace(program: "editor", space: "editor")
            try sim.spawn(program: "editor", name: "ed", node: ws1)
            _ = sim.run(until: .s(1))
            #expect(sim.frameLedger.ledgers[ws1].vmBytes == 8 << 12)
            readWhole(sim, ws1, "/big")
            #expect(sim.fs.backing.statistics.pagesFromVM == (takes ? 4 : 0))
            #expect(sim.fs.backing.statistics.refusedByVM == 0)
            #expect(cached(sim, ws1) == (takes ? ["/big"] : []))
            #expect(sim.memoryStatistics(node: ws1).vmToCache == (takes ? 4 : 0))
            #expect(sim.memoryStatistics(node: ws1).pageOuts == (takes ? 4 : 0))
            #expect(sim.frameLedger.ledgers[ws1].cacheBytes == (takes ? 12 << 12 : 0))
            // The run went on to idle: the editor woke, ended, and its pages went back to free memory.
            #expect(sim.frameLedger.ledgers[ws1].vmBytes == 0)
        }
    }

    /// A 2 min penalty: the cache's offer counts 120 s old, older than VM's 1 s, so it loses and has nothing
    /// of its own to give: /big is read through, never cached, and VM keeps its 8 pages.
    @Test func aPenaltyKeepsVMsPages() throws {
        let (sim, ws1) = try cluster(.oldestLoses(penalty: .s(120)))
        readWhole(sim, ws1, "/big")
        #expect(sim.fs.backing.statistics.pagesFromVM == 0 && sim.fs.backing.statistics.refusedByVM == 0)
        #expect(cached(sim, ws1).isEmpty)
        #expect(sim.frameLedger.ledgers[ws1].cacheBytes == 0 && sim.frameLedger.ledgers[ws1].vmBytes == 8 << 12)
        // A file that fits in free memory is cached, in pages claimed from it.
        readWhole(sim, ws1, "/small")
        #expect(cached(sim, ws1) == ["/small"] && sim.frameLedger.ledgers[ws1].cacheBytes == 4 << 12)
    }

    /// VM asks with memory full (8 VM pages at 0 s, 4 at 2 s, /small's 4 at 1 s). No penalty: VM's 0 s page
    /// is oldest, VM replaces its own. A 2 min penalty: the cache's page is older and /small leaves whole:
    /// one page moves to VM, the other 3 go back to free memory.
    @Test func vmTakesTheCachesOldestFileWhenThePenaltyMakesItOlder() throws {
        for (penalty, surrenders) in [(SimTime.zero, false), (.s(120), true)] {
            let (sim, ws1) = try cluster(.oldestLoses(penalty: penalty))
            readWhole(sim, ws1, "/small")
            #expect(cached(sim, ws1) == ["/small"])
            _ = sim.run(until: .s(2))
            vmPages(sim, ws1, 4, at: .s(2))
            let claim = sim.claimPage(node: ws1, for: .vm, ownOldest: sim.vmOldestReference(node: ws1),
                                      otherOldest: sim.fileCacheOldestReference(node: ws1))
            #expect(claim == (surrenders ? .takeOther : .evictOwn))
            guard surrenders else { continue }
            #expect(sim.fileCacheSurrenderPage(node: ws1))
            #expect(cached(sim, ws1).isEmpty && sim.fs.backing.statistics.pagesToVM == 1)
            #expect(sim.frameLedger.ledgers[ws1].cacheBytes == 0 && sim.frameLedger.ledgers[ws1].vmBytes == 13 << 12)
        }
    }

    /// The file cache's oldest reference is its least recently used file's last use.
    @Test func theCachesOfferIsItsLeastRecentlyUsedFile() throws {
        let (sim, ws1) = try cluster(.oldestLoses(penalty: .s(120)))
        #expect(sim.fileCacheOldestReference(node: ws1) == nil)
        readWhole(sim, ws1, "/small")
        let first = try #require(sim.fileCacheOldestReference(node: ws1))
        #expect(first > .s(1) && first < .s(2))
    }

    /// The default fixed split: the cache has half of 64 KB (8 blocks) and asks for nothing: /big (12 blocks)
    /// is read through, /small cached; VM's ledger is untouched.
    @Test func aFixedSplitCapsTheCache() throws {
        let (sim, ws1) = try cluster(nil)
        readWhole(sim, ws1, "/big")
        #expect(cached(sim, ws1).isEmpty)
        readWhole(sim, ws1, "/small")
        #expect(cached(sim, ws1) == ["/small"])
        #expect(sim.fs.backing.statistics == BackingFileStatistics())
        #expect(sim.frameLedger.ledgers[ws1].cacheBytes == 0 && sim.frameLedger.ledgers[ws1].vmBytes == 8 << 12)
    }
}
