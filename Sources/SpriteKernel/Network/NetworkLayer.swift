/// The network: links and their occupancy, loss and partitions (`Network`),
/// and the messages in flight or waiting to be retransmitted.
///
/// It sits on the cluster (a message is stamped with its nodes' incarnations
/// and their speeds scale its endpoint work) and touches nothing above it:
/// a delivered or abandoned message goes to its owner (IPC, RPC or the file
/// system) through the root, as a value.
final class NetworkLayer {
    @exclusivity(unchecked) var network: Network
    @exclusivity(unchecked) var messages = MessageTable()

    init(config: NetworkConfig) {
        network = Network(config: config, nodeCount: 0)
    }
}

/// The network's state as the engine's extensions name it. `_read` and
/// `_modify` reach it in place; a `get` would copy it.
extension Simulation {
    var network: Network {
        _read { yield networkLayer.network }
        _modify { yield &networkLayer.network }
    }

    var messages: MessageTable {
        _read { yield networkLayer.messages }
        _modify { yield &networkLayer.messages }
    }
}
