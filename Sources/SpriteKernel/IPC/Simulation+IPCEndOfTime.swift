/// V IPC events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: IPCEvent) {
        switch e {
        case .processResume(let process, let operation):
            failStep(operation, of: Int(process))
        case .peerTimeout(let operation):
            // Still waiting on a crashed peer when time ends.
            failStep(operation, of: operations[Int(operation)].process)
        case .scheduledPeerTimeout(_, let operation):
            fail(operation, .endOfTime)
        }
    }

    /// A message that would arrive after the end of time: the operation it
    /// carries fails, and a process blocked on that operation goes on.
    func ipcAbandoned(_ message: Message) {
        if message.scheduled { return scheduledIPCAbandoned(message) }
        switch message.kind {
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

    /// Fails a process's operation and, if the process was blocked on it, lets
    /// it take its next step.
    func failStep(_ operation: Int32, of process: Int?) {
        fail(operation, .endOfTime)
        guard let process, processes[process].current == operation else { return }
        processes[process].current = nil
        processes[process].state = .ready
        advance(process: process)
    }
}
