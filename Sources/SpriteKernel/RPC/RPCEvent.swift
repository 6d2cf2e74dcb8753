/// Sprite RPC's events, keyed by the series' operation.
public enum RPCEvent: Sendable, Equatable {
    /// A node's CPU finishes serving an RPC request.
    case rpcServed(call: Int32)
    /// A series gives up waiting on its crashed server.
    case serverTimeout(operation: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: RPCEvent) {
        switch e {
        case .rpcServed(let call): rpcServed(call)
        case .serverTimeout(let operation): serverTimedOut(operation)
        }
    }

    /// The server crashed while the series was running and never answered.
    func serverTimedOut(_ operation: Int32) {
        // A kernel RPC that ended has released its record: the timeout is stale and finds nothing.
        guard operations.contains(operation) else { return }
        let pending = operations[Int(operation)]
        guard pending.status == .running, let server = pending.peer else { return }
        if let series = rpcSeries[operation] {
            // A series outlives one crash of its server: a call begun at or after the
            // crash that scheduled this timeout reaches the server by retransmission or
            // fails by itself, so the timeout is stale.
            let cost = network.config.cost
            let crashedAt = now - cost.retransmitTimeout * Int64(cost.maxRetransmits + 1)
            if series.callStartedAt >= crashedAt { return }
        }
        fail(operation, .peerCrashed(node: server))
        rpcSeries[operation] = nil
        rpcSeriesEnded(operation)
    }
}
