/// The cluster: the nodes declared, by position and by name, each with its
/// run-time state (up or down, incarnation, CPU queues, the disk's arm).
///
/// The bottom layer: it touches no other subsystem, and every subsystem above
/// may read it. Only Cluster/ (declaring nodes, a node's part of a crash or
/// restart) changes whether a node is up; the layers above book its CPUs and
/// its disk through `Node` until processes get a scheduler of their own.
final class Cluster {
    @exclusivity(unchecked) var nodes = UniqueArray<Node>()
    @exclusivity(unchecked) var nodeIndex = NodeNameIndex()
}

/// The cluster's state as the engine's extensions name it. `_read` and
/// `_modify` reach the table in place; a `get` would copy it.
extension Simulation {
    var nodes: UniqueArray<Node> {
        _read { yield cluster.nodes }
        _modify { yield &cluster.nodes }
    }

    var nodeIndex: NodeNameIndex {
        _read { yield cluster.nodeIndex }
        _modify { yield &cluster.nodeIndex }
    }
}
