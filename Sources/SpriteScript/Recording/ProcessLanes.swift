import SpriteKernel

/// The lanes of a picture drawn per process: one per process that sends, receives, migrates, writes or reads
/// stale, and one per node for its kernel (what it sends on behalf of no process: kernel RPCs, callbacks,
/// DSM and page traffic, the node's own file steps) where the kernel sends or receives, or the node crashes.
///
/// Lanes are grouped by the node each was first seen on, nodes in the picture's order; within a node the
/// kernel comes first, then the processes in the order they first appear. A process that migrates keeps
/// its one lane, labelled with the nodes it moved to (`ed@ws1→ws2`); the moves are marked on it.
enum ProcessLanes {
    static func lanes(messages: [DrawnMessage], marks: [(time: SimTime, order: Int, mark: RecordedMark)],
                      anchors: OutcomeAnchors, nodes: [Int], names: [String],
                      processes: [RecordedProcess]) -> [Lane] {
        func key(_ node: Int, _ process: Int) -> Lane.Key { process >= 0 ? .process(process) : .kernel(node) }
        // Everything that puts something on a lane, in the order it happened.
        var seen: [(time: SimTime, order: Int, key: Lane.Key, node: Int)] = []
        for drawn in messages {
            let m = drawn.message
            seen.append((m.sentAt, m.sentOrder, key(m.source, m.sourceProcess), m.source))
            seen.append((m.sentAt, m.sentOrder, key(m.destination, m.destinationProcess), m.destination))
        }
        var moves: [Int: [Int]] = [:]
        for (time, order, mark) in marks {
            switch mark {
            case .migrated(let process, let from, let to):
                seen.append((time, order, .process(process), from))
                if moves[process]?.last != to { moves[process, default: []].append(to) }
            case .crashed(let node), .restarted(let node), .evicted(let node, _):
                seen.append((time, order, .kernel(node), node))
            case .staleRead, .partitioned, .healed: continue
            }
        }
        // Anchors come after the recorded items of the same instant.
        for operation in anchors.writes + anchors.staleReads {
            seen.append((operation.end, Int.max, key(operation.node, operation.recorded), operation.node))
        }
        seen.sort { ($0.time, $0.order) < ($1.time, $1.order) }
        var home: [Lane.Key: Int] = [:]
        var met: [Lane.Key] = []
        for item in seen where home[item.key] == nil {
            home[item.key] = item.node
            met.append(item.key)
        }
        let name = { (node: Int) in names.indices.contains(node) ? names[node] : "?" }
        var lanes: [Lane] = []
        for node in nodes {
            let here = met.filter { home[$0] == node }
            for key in here.filter({ if case .kernel = $0 { true } else { false } }) + here.filter({
                if case .process = $0 { true } else { false }
            }) {
                switch key {
                case .kernel: lanes.append(Lane(key: key, name: "kernel@" + name(node), node: node))
                case .process(let process):
                    let who = processes.indices.contains(process) ? processes[process].name : "?"
                    let moved = (moves[process] ?? []).map { "→" + name($0) }.joined()
                    lanes.append(Lane(key: key, name: who + "@" + name(node) + moved, node: node))
                case .node: continue
                }
            }
        }
        return lanes
    }
}
