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

/// Minimum-cut partitioning under a capacity: exact branch and bound up to `exactLimit` processes, else
/// greedy growth improved by Kernighan–Lin swaps.
public enum GraphPartitioner {
    public static let exactLimit = 12

    /// `traffic`: (a, b, volume) between processes 0..<count. Nil when `parts * capacity < count`.
    public static func partition(count: Int, traffic: [(Int, Int, Int64)], parts: Int,
                                 capacity: Int) -> GraphPartition? {
        guard count >= 0, parts >= 1, capacity >= 1, parts * capacity >= count else { return nil }
        var weight = Array(repeating: Array(repeating: Int64(0), count: count), count: count)
        for (a, b, volume) in traffic where a != b && a < count && b < count && a >= 0 && b >= 0 {
            weight[a][b] += volume
            weight[b][a] += volume
        }
        if count <= exactLimit {
            var search = ExactSearch(weight: weight, parts: parts, capacity: capacity)
            return search.run()
        }
        var part = greedy(weight, parts: parts, capacity: capacity)
        improveBySwaps(&part, weight, parts: parts, capacity: capacity)
        return GraphPartition(part: part, cut: cut(part, weight), exact: false)
    }

    static func cut(_ part: [Int], _ weight: [[Int64]]) -> Int64 {
        var total: Int64 = 0
        for a in part.indices {
            for b in (a + 1)..<part.count where part[a] != part[b] { total += weight[a][b] }
        }
        return total
    }

    /// Heaviest talkers first, each to the part with room it talks to most (the emptiest on a tie).
    static func greedy(_ weight: [[Int64]], parts: Int, capacity: Int) -> [Int] {
        let count = weight.count
        let order = (0..<count).sorted { weight[$0].reduce(0, +) > weight[$1].reduce(0, +) }
        var part = Array(repeating: -1, count: count)
        var size = Array(repeating: 0, count: parts)
        for process in order {
            var best = -1
            var bestPull: Int64 = -1
            for candidate in 0..<parts where size[candidate] < capacity {
                var pull: Int64 = 0
                for other in 0..<count where part[other] == candidate { pull += weight[process][other] }
                if pull > bestPull || (pull == bestPull && best >= 0 && size[candidate] < size[best]) {
                    best = candidate
                    bestPull = pull
                }
            }
            part[process] = best
            size[best] += 1
        }
        return part
    }

    /// Kernighan–Lin style: the best swap of two processes in different parts (or move into a part with
    /// room) while one lowers the cut; at most count² rounds.
    static func improveBySwaps(_ part: inout [Int], _ weight: [[Int64]], parts: Int, capacity: Int) {
        let count = part.count
        var size = Array(repeating: 0, count: parts)
        for p in part { size[p] += 1 }
        func external(_ process: Int, to target: Int) -> Int64 {
            var sum: Int64 = 0
            for other in 0..<count where other != process && part[other] == target { sum += weight[process][other] }
            return sum
        }
        for _ in 0..<(count * count) {
            var bestGain: Int64 = 0
            var bestMove: (Int, Int)?
            for a in 0..<count {
                let home = part[a]
                let internalA = external(a, to: home)
                for target in 0..<parts where target != home && size[target] < capacity {
                    let gain = external(a, to: target) - internalA
                    if gain > bestGain { bestGain = gain; bestMove = (a, -1 - target) }
                }
                for b in (a + 1)..<count where part[b] != home {
                    let gain = external(a, to: part[b]) - internalA + external(b, to: home)
                        - external(b, to: part[b]) - 2 * weight[a][b]
                    if gain > bestGain { bestGain = gain; bestMove = (a, b) }
                }
            }
            guard let (a, b) = bestMove else { return }
            if b < 0 {
                size[part[a]] -= 1
                part[a] = -1 - b
                size[part[a]] += 1
            } else {
                (part[a], part[b]) = (part[b], part[a])
            }
        }
    }
}

/// Depth-first over assignments, parts numbered in order of first use (no partition is tried twice under
/// another numbering), cut when the partial cut already reaches the best found.
private struct ExactSearch {
    let weight: [[Int64]]
    let parts: Int
    let capacity: Int
    var part: [Int] = []
    var size: [Int] = []
    var best: [Int] = []
    var bestCut = Int64.max

    init(weight: [[Int64]], parts: Int, capacity: Int) {
        self.weight = weight
        self.parts = parts
        self.capacity = capacity
    }

    mutating func run() -> GraphPartition {
        part = Array(repeating: -1, count: weight.count)
        size = Array(repeating: 0, count: parts)
        place(0, used: 0, cut: 0)
        return GraphPartition(part: best, cut: bestCut == .max ? 0 : bestCut, exact: true)
    }

    private mutating func place(_ process: Int, used: Int, cut: Int64) {
        guard cut < bestCut else { return }
        guard process < weight.count else {
            bestCut = cut
            best = part
            return
        }
        for candidate in 0..<min(parts, used + 1) where size[candidate] < capacity {
            var added: Int64 = 0
            for other in 0..<process where part[other] != candidate { added += weight[process][other] }
            part[process] = candidate
            size[candidate] += 1
            place(process + 1, used: max(used, candidate + 1), cut: cut + added)
            size[candidate] -= 1
            part[process] = -1
        }
    }
}
