/// Node faults fan out to every subsystem, each undoing its own state in its
/// folder. The order is part of the trace: changing it changes the bytes.
extension Simulation {
    /// The node stops: its processes die, its in-flight messages are lost,
    /// and operations waiting on it give up after the retransmission budget.
    public func crash(_ node: Int) {
        guard nodes[node].isUp else { return }
        clusterCrash(node)
        // The crash is traced before the failures it causes: at one instant,
        // trace lines come in the order they are recorded, so a cause first.
        record(.nodeCrashed(node: node, lostMessages: ipcLostMessages(on: node)), at: node)
        let cost = network.config.cost
        let giveUp = now + cost.retransmitTimeout * Int64(cost.maxRetransmits + 1)
        ipcCrash(node, giveUp: giveUp)
        rpcCrash(node, giveUp: giveUp)
        fileSystemCrash(node, giveUp: giveUp)
        memoryCrash(node)
        residualSourceCrashed(node)
        dsmCrash(node)
        schedulerCrash(node)
        balancingCrash(node)
        programIPCCrash(node, giveUp: giveUp)
    }

    /// The node comes back with empty memory; its processes start afresh.
    public func restart(_ node: Int) {
        guard !nodes[node].isUp else { return }
        clusterRestart(node)
        ipcRestart(node)
        record(.nodeRestarted(node: node), at: node)
    }
}
