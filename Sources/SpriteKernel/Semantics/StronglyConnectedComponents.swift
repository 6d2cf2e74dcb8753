// Strongly connected components of a directed graph, which the semantics
// checker uses to find the cycles of its transactions' precedence graph.

enum Components {
    struct Result {
        /// Component of each node.
        var of: [Int32]
        var count: Int
    }

    /// Tarjan's algorithm with an explicit stack, so depth is not limited by
    /// the thread's stack. Edges are `map(from[i]) -> map(to[i])`.
    static func strong(nodeCount: Int, from: [Int32], to: [Int32], map: (Int32) -> Int) -> Result {
        // Adjacency in compressed rows.
        var rowStart = [Int32](repeating: 0, count: nodeCount + 1)
        for source in from { rowStart[map(source) + 1] += 1 }
        for node in 0..<nodeCount { rowStart[node + 1] += rowStart[node] }
        var fill = rowStart
        var targets = [Int32](repeating: 0, count: from.count)
        for index in 0..<from.count {
            let source = map(from[index])
            targets[Int(fill[source])] = Int32(map(to[index]))
            fill[source] += 1
        }

        var order = [Int32](repeating: -1, count: nodeCount) // discovery index
        var low = [Int32](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var component = [Int32](repeating: -1, count: nodeCount)
        var stack: [Int32] = []
        var calls: [(node: Int32, edge: Int32)] = []
        var discovered: Int32 = 0
        var components: Int32 = 0

        for root in 0..<nodeCount where order[root] < 0 {
            // Nodes without outgoing edges are components of their own at once.
            if rowStart[root] == rowStart[root + 1] {
                order[root] = discovered
                discovered += 1
                component[root] = components
                components += 1
                continue
            }
            order[root] = discovered
            low[root] = discovered
            discovered += 1
            stack.append(Int32(root))
            onStack[root] = true
            calls.append((Int32(root), rowStart[root]))
            while let top = calls.last {
                let node = Int(top.node)
                if top.edge < rowStart[node + 1] {
                    calls[calls.count - 1].edge = top.edge + 1
                    let next = Int(targets[Int(top.edge)])
                    if order[next] < 0 {
                        order[next] = discovered
                        low[next] = discovered
                        discovered += 1
                        stack.append(Int32(next))
                        onStack[next] = true
                        calls.append((Int32(next), rowStart[next]))
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                } else {
                    calls.removeLast()
                    if let parent = calls.last {
                        low[Int(parent.node)] = min(low[Int(parent.node)], low[node])
                    }
                    if low[node] == order[node] {
                        while true {
                            let member = Int(stack.removeLast())
                            onStack[member] = false
                            component[member] = components
                            if member == node { break }
                        }
                        components += 1
                    }
                }
            }
        }
        return Result(of: component, count: Int(components))
    }
}
