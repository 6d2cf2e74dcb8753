import Testing
@testable import SpriteKernel

/// The page replacement policies (Memory/) on the classic reference string, run straight on a frame table:
/// a resident page is referenced, any other faults into a free frame or the policy's victim.
@Suite("Memory: page replacement")
struct ReplacementTests {
    static let classic: [Int32] = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]

    /// Faults of `pages` in `frames` frames under `kind`, one reference per microsecond.
    static func faults(_ pages: [Int32], frames: Int, _ kind: ReplacementKind) -> Int {
        let table = FrameTable(count: frames)
        let policy = kind.makePolicy()
        var frameOf: [Int32: Int32] = [:]
        var faults = 0
        for (time, page) in pages.enumerated() {
            let now = SimTime.us(Int64(time))
            if let frame = frameOf[page] {
                policy.referenced(frame, table, now: now)
                continue
            }
            faults += 1
            let frame: Int32
            if let free = table.takeFree(for: page) {
                frame = free
            } else {
                guard let victim = policy.victim(table) else { Issue.record("no victim"); return faults }
                policy.removed(victim, table)
                frameOf[table.frames[Int(victim)].entry] = nil
                table.reuse(victim, for: page)
                frame = victim
            }
            policy.inserted(frame, table, now: now)
            frameOf[page] = frame
        }
        return faults
    }

    /// FIFO, by hand (memory oldest → newest; * a fault).
    /// 3 frames: 1* 2* 3* [1 2 3]; 4* [2 3 4]; 1* [3 4 1]; 2* [4 1 2]; 5* [1 2 5]; 1 2 hit; 3* [2 5 3];
    /// 4* [5 3 4]; 5 hit → 9 faults.
    /// 4 frames: 1* 2* 3* 4*; 1 2 hit; 5* [2 3 4 5]; 1* [3 4 5 1]; 2* [4 5 1 2]; 3* [5 1 2 3]; 4* [1 2 3 4];
    /// 5* [2 3 4 5] → 10 faults: more frames, more faults (Belady's anomaly).
    @Test func fifoShowsBeladysAnomaly() {
        #expect(Self.faults(Self.classic, frames: 3, .fifo) == 9)
        #expect(Self.faults(Self.classic, frames: 4, .fifo) == 10)
    }

    /// LRU, by hand (least → most recently used).
    /// 3 frames: 1* 2* 3*; 4* [2 3 4]; 1* [3 4 1]; 2* [4 1 2]; 5* [1 2 5]; 1 [2 5 1]; 2 [5 1 2]; 3* [1 2 3];
    /// 4* [2 3 4]; 5* [3 4 5] → 10 faults.
    /// 4 frames: 1* 2* 3* 4*; 1 2 → [3 4 1 2]; 5* [4 1 2 5]; 1 [4 2 5 1]; 2 [4 5 1 2]; 3* [5 1 2 3];
    /// 4* [1 2 3 4]; 5* [2 3 4 5] → 8 faults.
    @Test func lruFaults() {
        #expect(Self.faults(Self.classic, frames: 3, .lru) == 10)
        #expect(Self.faults(Self.classic, frames: 4, .lru) == 8)
    }

    /// Clock with the bit set at load, by hand (frames f0 f1 f2, page:bit, ^ the hand).
    /// 3 frames: 1* 2* 3* fill f0–f2 [^1:1 2:1 3:1]. 4*: the hand clears 1, 2, 3, comes back to f0 and takes it
    /// [4:1 ^2:0 3:0]. 1*: f1 [4:1 1:1 ^3:0]. 2*: f2 [^4:1 1:1 2:1]. 5*: clears 4, 1, 2, takes f0
    /// [5:1 ^1:0 2:0]. 1, 2 hit [5:1 ^1:1 2:1]. 3*: clears 1, 2, 5, takes f1 [5:0 3:1 ^2:0]. 4*: f2
    /// [^5:0 3:1 4:1]. 5 hit → 9 faults.
    /// 4 frames: 1* 2* 3* 4* [^1 2 3 4, bits set]; 1, 2 hit. 5*: clears all four, takes f0 [5:1 ^1:0 2:0 3:0 4:0].
    /// 1*: f1. 2*: f2. 3*: f3 [^5:1 1:1 2:1 3:1]. 4*: clears all four, takes f0 [4:1 ^1:0 2:0 3:0].
    /// 5*: f1 → 10 faults.
    @Test func clockFaults() {
        #expect(Self.faults(Self.classic, frames: 3, .clock) == 9)
        #expect(Self.faults(Self.classic, frames: 4, .clock) == 10)
    }

    /// A loop over N + 1 pages in N frames faults on every reference under all three (each time, the page
    /// needed next is the one replaced: the oldest by load, by use, and the one the hand reaches).
    @Test(arguments: ReplacementKind.allCases)
    func aLoopOneLongerThanMemoryAlwaysFaults(_ kind: ReplacementKind) {
        let loop = (0..<5).flatMap { _ in (0..<5).map(Int32.init) }
        #expect(Self.faults(loop, frames: 4, kind) == 25)
    }

    /// A locked frame (a page in transit) is never chosen; with every frame locked there is no victim.
    @Test(arguments: ReplacementKind.allCases)
    func lockedFramesAreSkipped(_ kind: ReplacementKind) {
        let table = FrameTable(count: 2)
        let policy = kind.makePolicy()
        for page in Int32(0)..<2 {
            let frame = table.takeFree(for: page)!
            policy.inserted(frame, table, now: .us(Int64(page)))
        }
        table.setFlag(FrameTable.locked, true, of: 0)
        #expect(policy.victim(table) == 1)
        table.setFlag(FrameTable.locked, true, of: 1)
        #expect(policy.victim(table) == nil)
    }

    /// The oldest stamp (what VM offers the file cache) is the least recent reference under LRU and clock,
    /// the earliest load under FIFO.
    @Test func oldestStampFollowsThePolicy() {
        for (kind, expected) in [(ReplacementKind.lru, SimTime.us(1)), (.clock, .us(1)), (.fifo, .us(0))] {
            let table = FrameTable(count: 2)
            let policy = kind.makePolicy()
            policy.inserted(table.takeFree(for: 0)!, table, now: .us(0))
            policy.inserted(table.takeFree(for: 1)!, table, now: .us(1))
            policy.referenced(0, table, now: .us(2))
            #expect(table.oldestStamp == expected, "\(kind)")
        }
    }

    /// A frame is 24 bytes (8 of stamp, three Int32 links, the flags, padding): a node's table is read per fault.
    @Test func aFrameIsTwentyFourBytes() {
        #expect(MemoryLayout<FrameTable.Frame>.stride == 24)
    }

    /// A crash loses the node's memory: every frame free again.
    @Test func aCrashFreesEveryFrame() throws {
        let sim = try makeSimulation(nodes: 1)
        sim.setFrames(node: 0, count: 3, replacement: .lru)
        let table = try #require(sim.virtualMemory.frames(of: 0))
        for page in Int32(0)..<3 { _ = table.takeFree(for: page) }
        #expect(table.inUse == 3)
        sim.crash(0)
        #expect(table.inUse == 0)
        #expect(table.oldestStamp == nil)
        #expect((0..<3).compactMap { _ in table.takeFree(for: 9) }.count == 3)
    }
}
