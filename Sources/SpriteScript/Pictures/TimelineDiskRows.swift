import SpriteKernel

/// One node's disk on the timeline: a bar per request its arm served in the window.
struct TimelineDiskRow {
    var node: Int
    var label: String
    var requests: [DiskRequestSummary]
}

/// A row of the timeline, top to bottom: a CPU row of the chart, or a node's disk row under its CPU rows.
enum TimelineLane: Equatable {
    case cpu(row: Int)
    case disk(index: Int)
}

/// The disk rows of a timeline, from the disk requests a recording kept (the engine traces each request's
/// interval at message level, which is what a recording runs at; it keeps no history of them itself).
enum TimelineDiskRows {
    /// A row per node in `nodes` (every node when nil) whose disk served a request overlapping `from`…`to`,
    /// the requests in the order the arm took them (first come first served: the order they were traced).
    static func rows(_ requests: [(node: Int, request: DiskRequestSummary)], from: SimTime, to: SimTime,
                     nodes: Set<Int>?, name: (Int) -> String) -> [TimelineDiskRow] {
        var byNode: [Int: [DiskRequestSummary]] = [:]
        for (node, request) in requests where nodes?.contains(node) ?? true
            && request.end >= from && request.start <= to {
            byNode[node, default: []].append(request)
        }
        return byNode.keys.sorted().map { node in
            TimelineDiskRow(node: node, label: name(node) + " disk", requests: byNode[node, default: []])
        }
    }

    /// The rows top to bottom: nodes in the order declared, each node's CPU rows (`cpuNodes`: the node of
    /// each CPU row, in the chart's order, which is by node), then its disk row.
    static func lanes(cpuNodes: [Int], disks: [TimelineDiskRow]) -> [TimelineLane] {
        var lanes: [TimelineLane] = []
        var pending = disks.enumerated().map { (node: $0.element.node, index: $0.offset) }[...]
        for (row, node) in cpuNodes.enumerated() {
            // Disks of nodes before this one (with no CPU row, or whose last CPU row was the previous one).
            while let next = pending.first, next.node < node {
                lanes.append(.disk(index: next.index))
                pending = pending.dropFirst()
            }
            lanes.append(.cpu(row: row))
            let last = row + 1 == cpuNodes.count || cpuNodes[row + 1] != node
            if last, let next = pending.first, next.node == node {
                lanes.append(.disk(index: next.index))
                pending = pending.dropFirst()
            }
        }
        lanes += pending.map { .disk(index: $0.index) }
        return lanes
    }

    /// A request's hover text: what it moved, for what, and when the arm served it.
    static func title(_ request: DiskRequestSummary, row: String) -> String {
        let blocks = request.firstBlock == request.lastBlock ? "block \(request.firstBlock)"
            : "blocks \(request.firstBlock)..\(request.lastBlock)"
        var text = "\(row): \(request.writes ? "write" : "read") \(request.path ?? "swap") \(blocks), "
            + "\(Quantity.formatBytes(request.bytes)), \(request.purpose.rawValue); \(request.start) to "
            + "\(request.end) (\(request.end - request.start))"
        if request.start > request.requested {
            text += ", after waiting \(request.start - request.requested) for the arm"
        }
        return text + (request.sequential ? ", sequential" : "")
    }
}
