/// Network events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: NetworkEvent) {
        switch e {
        case .deliver(let message), .retransmit(let message): abandon(message: message)
        }
    }

    /// A message that would arrive after the end of time is never sent: what
    /// it carried fails, as its owner says.
    private func abandon(message id: Int32) {
        let message = messages[id]
        messages.discard(id)
        switch message.kind {
        case .callRequest, .callReply: failCall(message.operation, .endOfTime)
        case .pageRequest, .pageReply: blockTransferAbandoned(message)
        case .rpcRequest, .rpcReply: rpcAbandoned(message)
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck: ipcAbandoned(message)
        // The request waits for ever: its process stays blocked, as a burst past the end of time does.
        case .dsmControl, .dsmPage, .dsmDiff: dsmAbandoned(message)
        }
    }
}
