/// What a crash, or a message the network gave up on, does to kernel RPC series.
extension Simulation {
    /// Series the node called fail with it; series it serves time out at
    /// `giveUp`, when the caller's retransmission budget runs out.
    func rpcCrash(_ node: Int, giveUp: SimTime) {
        for (operation, series) in rpcLayer.series.entries {
            if series.client == node {
                fail(operation, .nodeDown(node: node))
                rpcSeries[operation] = nil
                rpcSeriesEnded(operation)
            } else if series.server == node {
                schedule(.rpc(.serverTimeout(operation: operation)), at: giveUp)
            }
        }
    }

    /// Every attempt of a series' request or reply was lost: the call fails and its series ends.
    func rpcGaveUp(_ message: Message) {
        fail(message.operation, .noAnswer(node: silentNode(of: message), attempts: message.attempt + 1))
        rpcSeries[message.operation] = nil
        rpcSeriesEnded(message.operation)
    }
}
