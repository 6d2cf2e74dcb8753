/// Network events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: NetworkEvent) {
        switch e {
        case .deliver(let message), .retransmit(let message): abandon(message: message)
        }
    }

    /// A message that would arrive after the end of time is never sent: the
    /// operation it carries fails, and a process blocked on that operation goes on.
    private func abandon(message id: Int32) {
        let message = messages[id]
        messages.release(id)
        if message.isFileCall {
            failCall(message.operation, .endOfTime)
            return
        }
        switch message.kind {
        case .rpcRequest, .rpcReply:
            rpcSeries[message.operation] = nil
            fail(message.operation, .endOfTime)
        case .vReply where operations[Int(message.operation)].status == .running:
            // The reply fails; its sender stays blocked: no reply comes in time.
            fail(message.operation, .endOfTime)
        case .vReply:
            // A reply retransmitted after it was sent: the sender waits past the end.
            let sender = Int(message.toProcess)
            guard sender >= 0, processes[sender].state == .awaitingReply(peer: Int(message.fromProcess)),
                  let waiting = processes[sender].current else { return }
            failStep(waiting, of: sender)
        default:
            failStep(message.operation, of: operations[Int(message.operation)].process)
        }
    }
}
