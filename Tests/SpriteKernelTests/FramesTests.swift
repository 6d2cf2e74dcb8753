import Testing
@testable import SpriteKernel

/// A node's memory shared by VM and the file cache (Frames/): the negotiation policies decide which side gives
/// up a page, the ledger counts the bytes. Pages of 4 KB throughout.
@Suite("Frames: VM / file-cache negotiation")
struct FramesTests {
    // Ages: VM's oldest page referenced at 0 s, the cache's at 5 s, now 10 s → VM's is 10 s old, the cache's 5 s.

    /// Without a penalty the older page loses: VM's (10 s > 5 s), whoever asks.
    @Test func theOlderPageLoses() {
        let policy = OldestLoses(penalty: .zero)
        for requester in [MemorySide.vm, .fileCache] {
            #expect(policy.loser(requester: requester, vmOldest: .s(0), cacheOldest: .s(5), now: .s(10)) == .vm)
        }
    }

    /// A 6 s penalty makes the cache's page count 5 + 6 = 11 s old, older than VM's 10 s: the cache loses.
    @Test func thePenaltyAgesFileCachePages() {
        let policy = OldestLoses(penalty: .s(6))
        #expect(policy.loser(requester: .vm, vmOldest: .s(0), cacheOldest: .s(5), now: .s(10)) == .fileCache)
        // A 5 s penalty makes them equal (10 s each): a tie, so the requester gives up its own page.
        let even = OldestLoses(penalty: .s(5))
        #expect(even.loser(requester: .vm, vmOldest: .s(0), cacheOldest: .s(5), now: .s(10)) == .vm)
        #expect(even.loser(requester: .fileCache, vmOldest: .s(0), cacheOldest: .s(5), now: .s(10)) == .fileCache)
    }

    /// A tie loses the requester; a side holding no page offers age 0 (the cache: 0 + penalty).
    @Test func aTieLosesTheRequesterAndAnEmptySideOffersAgeZero() {
        let policy = OldestLoses(penalty: .zero)
        #expect(policy.loser(requester: .vm, vmOldest: .s(3), cacheOldest: .s(3), now: .s(10)) == .vm)
        #expect(policy.loser(requester: .fileCache, vmOldest: .s(3), cacheOldest: .s(3), now: .s(10)) == .fileCache)
        // An empty cache (age 0) against VM's 7 s page: VM's goes.
        #expect(policy.loser(requester: .fileCache, vmOldest: .s(3), cacheOldest: nil, now: .s(10)) == .vm)
        // An empty cache with a 10 s penalty counts 10 s, older than 7 s: the cache (here the requester) loses.
        let penalised = OldestLoses(penalty: .s(10))
        #expect(penalised.loser(requester: .fileCache, vmOldest: .s(3), cacheOldest: nil, now: .s(10)) == .fileCache)
    }

    /// A fixed split caps each side at its share and never steals: the requester always replaces its own.
    @Test func aFixedSplitCapsEachSide() {
        // 1 MB: the cache gets 256 KB, VM the other 768 KB.
        var ledger = NodeMemoryLedger(total: 1 << 20)
        ledger.policy = .fixed(cacheBytes: 256 << 10)
        #expect(ledger.cap(for: .fileCache) == 256 << 10)
        #expect(ledger.cap(for: .vm) == 768 << 10)
        let split = FixedSplit(cacheBytes: 256 << 10)
        #expect(split.loser(requester: .vm, vmOldest: .s(0), cacheOldest: .s(9), now: .s(10)) == .vm)
        #expect(split.loser(requester: .fileCache, vmOldest: .s(0), cacheOldest: .s(9), now: .s(10)) == .fileCache)
        // "VM gets 75%" is the same split: the cache's 25% of 1 MB = 256 KB.
        #expect(NegotiationKind.fixed(vmPercent: 75, of: 1 << 20) == .fixed(cacheBytes: 256 << 10))
    }

    /// The default split is today's client cache: half the node's memory, rounded down.
    @Test func theDefaultSplitGivesTheFileCacheHalf() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: (8 << 20) + 1))
        #expect(sim.frameLedger.ledgers[node].policy == .fixed(cacheBytes: 4 << 20))
        // 4 MB in 4 KB blocks: 1024, as `memory / 2 / block` always gave.
        #expect(sim.cacheState(of: node).capacityBlocks == 1024)
        // A declared client-cache size becomes the cache's share of the split; VM gets the rest.
        sim.setClientCache(node: node, enabled: true, capacityBlocks: 100)
        #expect(sim.fileCacheShare(node: node) == 100 * 4096)
        #expect(sim.frameLedger.ledgers[node].cap(for: .vm) == (8 << 20) + 1 - 100 * 4096)
    }

    /// Claims on a 4-page node, by hand: under a fixed split of 1 cache page, VM takes 3 free pages, then
    /// must replace its own; the cache takes its one page, then replaces its own.
    @Test func claimsUnderAFixedSplit() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: 4 * 4096))
        sim.setNegotiation(node: node, .fixed(cacheBytes: 4096))
        let claims = (0..<4).map { _ in sim.claimPage(node: node, for: .vm, ownOldest: .zero, otherOldest: nil) }
        #expect(claims == [.free, .free, .free, .evictOwn])
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: nil, otherOldest: .zero) == .free)
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: .zero, otherOldest: .zero) == .evictOwn)
        #expect(sim.frameLedger.ledgers[node].vmBytes == 3 * 4096)
        #expect(sim.frameLedger.ledgers[node].cacheBytes == 4096)
    }

    /// Claims under the oldest-loses policy in a full 2-page memory (one page each): the ledger moves a page
    /// to the winner when the other side's page is older, and moves nothing otherwise.
    @Test func claimsUnderOldestLoses() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: 2 * 4096))
        sim.setNegotiation(node: node, .oldestLoses(penalty: .zero))
        #expect(sim.claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil) == .free)
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: nil, otherOldest: .zero) == .free)
        // now = 0: VM's page (stamp 0) and the cache's (stamp 0) tie → VM, the requester, replaces its own.
        #expect(sim.claimPage(node: node, for: .vm, ownOldest: .zero, otherOldest: .zero) == .evictOwn)
        #expect(sim.frameLedger.ledgers[node].vmBytes == 4096)
        // The cache asks with a page newer than VM's (the cache's own oldest is younger): VM's goes to the cache.
        sim.now = .s(10)
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: .s(5), otherOldest: .s(0)) == .takeOther)
        #expect(sim.frameLedger.ledgers[node].cacheBytes == 2 * 4096)
        #expect(sim.frameLedger.ledgers[node].vmBytes == 0)
        // VM now holds nothing: it cannot replace its own, so it takes the cache's oldest whatever its age.
        #expect(sim.claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: .s(9)) == .takeOther)
        sim.releasePage(node: node, side: .vm)
        #expect(sim.frameLedger.ledgers[node].freeBytes == 4096)
    }

    /// A share that shrinks while its side holds pages: the side past its cap gives pages back as the other
    /// asks, instead of the asker replacing its own. 4 pages, the cache's share 3 pages and all 3 used, VM 1;
    /// the share drops to 1 page: VM (under its new 3-page cap, memory full) takes two of the cache's pages,
    /// then, at its cap, replaces its own.
    @Test func aSideOverItsShrunkShareGivesPagesBack() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: 4 * 4096))
        sim.setNegotiation(node: node, .fixed(cacheBytes: 3 * 4096))
        for _ in 0..<3 { _ = sim.claimPage(node: node, for: .fileCache, ownOldest: nil, otherOldest: nil) }
        #expect(sim.claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: .zero) == .free)
        sim.setFileCacheShare(node: node, bytes: 4096)
        let claims = (0..<3).map { _ in sim.claimPage(node: node, for: .vm, ownOldest: .zero, otherOldest: .zero) }
        #expect(claims == [.takeOther, .takeOther, .evictOwn])
        #expect(sim.frameLedger.ledgers[node].cacheBytes == 4096)
    }

    /// An empty file cache offers age 0 plus the penalty. 2 pages, both VM's, last used at 1 s; now 3 s: VM's
    /// oldest is 2 s old. Penalty 5 s: the cache's offer (5 s) is older, so it loses and, holding nothing, gets
    /// no page (it reads through). Penalty 0: its offer (0 s) is younger, so VM gives up a page. VM holding
    /// nothing in a full memory still takes the cache's page: a process needs a frame.
    @Test func anEmptyCacheLosesToVMUnderItsPenalty() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: 2 * 4096))
        sim.setNegotiation(node: node, .oldestLoses(penalty: .s(5)))
        for _ in 0..<2 { _ = sim.claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil) }
        sim.now = .s(3)
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: nil, otherOldest: .s(1)) == .noRoom)
        sim.setNegotiation(node: node, .oldestLoses(penalty: .zero))
        #expect(sim.claimPage(node: node, for: .fileCache, ownOldest: nil, otherOldest: .s(1)) == .takeOther)
        #expect(sim.frameLedger.ledgers[node].cacheBytes == 4096)
    }

    /// A memory smaller than a page has nothing to give either side.
    @Test func aMemorySmallerThanAPageHasNoRoom() throws {
        let sim = Simulation()
        let node = try sim.addNode(NodeSpec(name: "ws", role: .workstation, memoryBytes: 1024))
        #expect(sim.claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil) == .noRoom)
    }
}
