/// Graph-theoretic static placement: processes declared with the traffic between them are assigned to
/// nodes before they run, so that the traffic crossing node boundaries (the arcs cut) is least, with at
/// most `capacity` processes a node. A named process arriving is exec-migrated to its assigned node.
final class GraphPlacement: Balancer {
    var kind: BalancerKind { .graph }
    func arrival(_ here: LoadView) -> ArrivalDecision { .assigned }
}

/// A partition of a traffic graph: each process's part, the traffic cut, and whether it is proven least.
public struct GraphPartition: Sendable, Equatable {
    public var part: [Int]
    public var cut: Int64
    public var exact: Bool
}

/// Minimum-cut partitioning under a capacity. The work is bounded whatever the graph: an exact branch and
/// bound when the search space (parts^count assignments) is small and the search ends within a node
/// budget, else greedy growth improved by Kernighan–Lin passes within a budget of swap evaluations.
public enum GraphPartitioner {
    /// The largest parts^count the exact search is tried on (3 nodes: 16 processes; 2 nodes: 26).
    public static let exactSearchSize = 50_000_000.0
    /// Search nodes the exact search may visit before it gives up (pruning usually ends it far sooner).
    public static let exactNodeBudget = 2_000_000
    /// Pair evaluations the swap passes may make: about 12 passes over 2,000 processes.
    public static let swapBudget = 24_000_000

    /// `traffic`: (a, b, volume) between processes 0..<count. Nil when `parts * capacity < count`.
    /// `interrupt`, polled now and then, stops the work with `.limitReached("interrupted")`.
    public static func partition(count: Int, traffic: [(Int, Int, Int64)], parts: Int, capacity: Int,
                                 interrupt: InterruptFlag? = nil) throws(KernelError) -> GraphPartition? {
        guard count >= 0, parts >= 1, capacity >= 1, parts * capacity >= count else { return nil }
        var weight = Array(repeating: Array(repeating: Int64(0), count: count), count: count)
        for (a, b, volume) in traffic where a != b && a < count && b < count && a >= 0 && b >= 0 {
            weight[a][b] += volume
            weight[b][a] += volume
        }
        var heuristic = SwapImprover(weight: weight, part: greedy(weight, parts: parts, capacity: capacity),
                                     parts: parts, capacity: capacity, interrupt: interrupt)
        try heuristic.run()
        let found = GraphPartition(part: heuristic.part, cut: cut(heuristic.part, weight), exact: false)
        guard searchSize(parts: parts, count: count) <= exactSearchSize else { return found }
        // The heuristic's cut bounds the search from the start, so it prunes at once; the search still
        // returns the first least partition in its own order, whatever the bound.
        var search = ExactSearch(weight: weight, parts: parts, capacity: capacity, bound: found.cut,
                                 interrupt: interrupt)
        guard let searched = try search.run(), searched.cut < found.cut || searched.exact else { return found }
        return searched
    }

    /// parts^count, computed only as far as it stays within the exact search's reach.
    static func searchSize(parts: Int, count: Int) -> Double {
        var size = 1.0
        for _ in 0..<count where size <= exactSearchSize { size *= Double(parts) }
        return size
    }

    static func cut(_ part: [Int], _ weight: [[Int64]]) -> Int64 {
        var total: Int64 = 0
        for a in part.indices {
            for b in (a + 1)..<part.count where part[a] != part[b] { total += weight[a][b] }
        }
        return total
    }

    /// Heaviest talkers first, each to the part with room it talks to most (the emptiest on a tie). The
    /// pull of every process toward every part is kept as processes are placed: O(count² + count·parts).
    static func greedy(_ weight: [[Int64]], parts: Int, capacity: Int) -> [Int] {
        let count = weight.count
        let degree = weight.map { $0.reduce(0, +) }
        let order = (0..<count).sorted { degree[$0] > degree[$1] || (degree[$0] == degree[$1] && $0 < $1) }
        var pull = Array(repeating: Array(repeating: Int64(0), count: parts), count: count)
        var part = Array(repeating: -1, count: count)
        var size = Array(repeating: 0, count: parts)
        for process in order {
            var best = -1
            var bestPull: Int64 = -1
            for candidate in 0..<parts where size[candidate] < capacity {
                let toward = pull[process][candidate]
                if toward > bestPull || (toward == bestPull && best >= 0 && size[candidate] < size[best]) {
                    best = candidate
                    bestPull = toward
                }
            }
            part[process] = best
            size[best] += 1
            for other in 0..<count where weight[process][other] != 0 { pull[other][best] += weight[process][other] }
        }
        return part
    }
}

/// Kernighan–Lin style passes: each process in turn takes the best move into a part with room or the best
/// swap with a process elsewhere, if it lowers the cut. The traffic of every process toward every part is
/// kept up to date, so a gain costs O(1); passes stop when one improves nothing or the budget is spent.
struct SwapImprover {
    let weight: [[Int64]]
    var part: [Int]
    let parts: Int
    let capacity: Int
    let interrupt: InterruptFlag?
    private var toward: [[Int64]]
    private var size: [Int]

    init(weight: [[Int64]], part: [Int], parts: Int, capacity: Int, interrupt: InterruptFlag?) {
        self.weight = weight
        self.part = part
        self.parts = parts
        self.capacity = capacity
        self.interrupt = interrupt
        toward = Array(repeating: Array(repeating: Int64(0), count: parts), count: part.count)
        size = Array(repeating: 0, count: parts)
        for a in part.indices {
            size[part[a]] += 1
            for b in part.indices where weight[a][b] != 0 { toward[a][part[b]] += weight[a][b] }
        }
    }

    mutating func run() throws(KernelError) {
        let count = part.count
        var budget = GraphPartitioner.swapBudget
        var improved = true
        while improved && budget > 0 {
            improved = false
            for a in 0..<count {
                if interrupt?.isRaised == true { throw .limitReached("interrupted") }
                budget -= count + parts
                if improveOnce(a) { improved = true }
            }
        }
    }

    /// The best move or swap for `a` that lowers the cut, applied; false when there is none.
    private mutating func improveOnce(_ a: Int) -> Bool {
        let home = part[a]
        var bestGain: Int64 = 0
        var bestTarget = -1
        var bestPartner = -1
        for target in 0..<parts where target != home && size[target] < capacity {
            let gain = toward[a][target] - toward[a][home]
            if gain > bestGain { bestGain = gain; bestTarget = target; bestPartner = -1 }
        }
        for b in part.indices where part[b] != home {
            let other = part[b]
            let gain = toward[a][other] - toward[a][home] + toward[b][home] - toward[b][other] - 2 * weight[a][b]
            if gain > bestGain { bestGain = gain; bestTarget = other; bestPartner = b }
        }
        guard bestTarget >= 0 else { return false }
        move(a, to: bestTarget)
        if bestPartner >= 0 { move(bestPartner, to: home) }
        return true
    }

    private mutating func move(_ process: Int, to target: Int) {
        let from = part[process]
        size[from] -= 1
        size[target] += 1
        part[process] = target
        for other in part.indices where weight[process][other] != 0 {
            toward[other][from] -= weight[process][other]
            toward[other][target] += weight[process][other]
        }
    }
}
