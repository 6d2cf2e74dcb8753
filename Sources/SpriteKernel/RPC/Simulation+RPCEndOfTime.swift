/// RPC events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: RPCEvent) {
        switch e {
        case .rpcServed(let operation):
            rpcSeries[operation] = nil
            fail(operation, .endOfTime)
        case .serverTimeout(let operation):
            // Still waiting on a crashed server when time ends; a series belongs to no process.
            rpcSeries[operation] = nil
            fail(operation, .endOfTime)
        }
    }

    /// A request or reply that would arrive after the end of time: the series fails.
    func rpcAbandoned(_ message: Message) {
        rpcSeries[message.operation] = nil
        fail(message.operation, .endOfTime)
    }
}
