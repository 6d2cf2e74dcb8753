import Testing
@testable import SpriteKernel

/// Graph placement's bounded search: exact while the search space is small, a bounded heuristic beyond,
/// and stopped by an interrupt (the wall limit's alarm).
@Suite struct GraphPartitionTests {
    /// Two cliques of `size` (every arc 5) joined by one arc of 1 between their last and first members.
    static func twoCliques(_ size: Int) -> [(Int, Int, Int64)] {
        var arcs: [(Int, Int, Int64)] = [(size - 1, size, 1)]
        for base in [0, size] {
            for a in 0..<size { for b in (a + 1)..<size { arcs.append((base + a, base + b, 5)) } }
        }
        return arcs
    }

    /// Two cliques of 7 on 2 nodes of 7: any other split cuts at least 6 clique arcs (30), so the least cut
    /// is the light arc, 1. 2^14 = 16,384 assignments is well within the exact search: proven least.
    @Test func smallSearchSpaceIsExact() throws {
        let p = try #require(try GraphPartitioner.partition(count: 14, traffic: Self.twoCliques(7), parts: 2,
                                                            capacity: 7))
        #expect(p.exact && p.cut == 1)
    }

    /// Two cliques of 20 on 2 nodes of 20: 2^40 assignments is past the exact search, so the heuristic
    /// answers, and its swaps still reach the least cut, 1 (any other split cuts at least 19 arcs of 5).
    @Test func largeSearchSpaceUsesTheHeuristic() throws {
        let p = try #require(try GraphPartitioner.partition(count: 40, traffic: Self.twoCliques(20), parts: 2,
                                                            capacity: 20))
        #expect(!p.exact && p.cut == 1)
    }

    /// A ring of 13 (arcs 5, 5, 1 repeating: the four light arcs follow p3, p6, p9 and p12) on 3 nodes of 5.
    /// Three parts of a ring cut at least 3 arcs. Only light arcs: cutting 3 of them leaves one segment of
    /// 6 or 7 (> 5); cutting all 4 leaves segments 3, 3, 3, 4 that no 3 parts of 5 hold. So at least one arc
    /// of 5 is cut, and 5 + 1 + 1 = 7 is reachable ({p5..p9} {p10..p12} {p13 p1..p4}). 3^13 ≈ 1.6 million
    /// assignments: searched exactly, where a count of 12 used to stop the search (the heuristic gave 8).
    @Test func thirteenRingIsSearchedExactly() throws {
        let weights: [Int64] = [5, 5, 1]
        let arcs = (0..<13).map { ($0, ($0 + 1) % 13, weights[$0 % 3]) }
        let p = try #require(try GraphPartitioner.partition(count: 13, traffic: arcs, parts: 3, capacity: 5))
        #expect(p.exact && p.cut == 7)
        #expect((0..<3).allSatisfy { part in p.part.filter { $0 == part }.count <= 5 })
    }

    /// A raised interrupt stops the work (the wall limit's alarm raises it), whatever the size.
    @Test func interruptStopsThePlacement() {
        let flag = InterruptFlag()
        flag.raise()
        #expect(throws: KernelError.limitReached("interrupted")) {
            try GraphPartitioner.partition(count: 40, traffic: Self.twoCliques(20), parts: 2, capacity: 20,
                                           interrupt: flag)
        }
    }

    /// 600 processes on 20 nodes of 30, a scattered sparse graph: the
    /// heuristic's work is bounded (greedy O(n²), passes within the swap budget), and the result respects
    /// the capacity and reports its own cut.
    @Test func largestGraphIsBoundedAndValid() throws {
        let count = 600
        let arcs = (0..<(2 * count)).map { i in (i % count, (i * 7_919 + 13) % count, Int64(1 + i % 97)) }
            .filter { $0.0 != $0.1 }
        let p = try #require(try GraphPartitioner.partition(count: count, traffic: arcs, parts: 20, capacity: 30))
        #expect(!p.exact)
        #expect((0..<20).allSatisfy { part in p.part.filter { $0 == part }.count <= 30 })
        var weight = Array(repeating: Array(repeating: Int64(0), count: count), count: count)
        for (a, b, w) in arcs { weight[a][b] += w; weight[b][a] += w }
        #expect(p.cut == GraphPartitioner.cut(p.part, weight))
    }
}
