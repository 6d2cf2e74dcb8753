/// Depth-first over assignments, parts numbered in order of first use (no partition is tried twice under
/// another numbering), cut when the partial cut exceeds the best found (or the bound it starts from).
/// When it visits `GraphPartitioner.exactNodeBudget` nodes without finishing, the best it found (not proven
/// least), or nil if it found none below the bound.
struct ExactSearch {
    let weight: [[Int64]]
    let parts: Int
    let capacity: Int
    let interrupt: InterruptFlag?
    private var part: [Int] = []
    private var size: [Int] = []
    private var best: [Int] = []
    /// One past the least cut known: a partition with a cut below it is recorded.
    private var bestCut: Int64
    private var nodesLeft = GraphPartitioner.exactNodeBudget

    init(weight: [[Int64]], parts: Int, capacity: Int, bound: Int64, interrupt: InterruptFlag?) {
        self.weight = weight
        self.parts = parts
        self.capacity = capacity
        self.interrupt = interrupt
        bestCut = bound == .max ? .max : bound + 1
    }

    mutating func run() throws(KernelError) -> GraphPartition? {
        part = Array(repeating: -1, count: weight.count)
        size = Array(repeating: 0, count: parts)
        let finished = try place(0, used: 0, cut: 0)
        guard !best.isEmpty else { return nil }
        return GraphPartition(part: best, cut: bestCut, exact: finished)
    }

    /// False when the budget ran out.
    private mutating func place(_ process: Int, used: Int, cut: Int64) throws(KernelError) -> Bool {
        guard cut < bestCut else { return true }
        guard process < weight.count else {
            bestCut = cut
            best = part
            return true
        }
        nodesLeft -= 1
        guard nodesLeft > 0 else { return false }
        if nodesLeft & 0xFFFF == 0, interrupt?.isRaised == true { throw .limitReached("interrupted") }
        for candidate in 0..<min(parts, used + 1) where size[candidate] < capacity {
            var added: Int64 = 0
            for other in 0..<process where part[other] != candidate { added += weight[process][other] }
            part[process] = candidate
            size[candidate] += 1
            let finished = try place(process + 1, used: max(used, candidate + 1), cut: cut + added)
            size[candidate] -= 1
            part[process] = -1
            guard finished else { return false }
        }
        return true
    }
}
