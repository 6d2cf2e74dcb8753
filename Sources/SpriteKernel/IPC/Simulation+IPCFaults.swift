/// What a crash or restart, or a message the network gave up on, does to V
/// processes and their exchanges.
extension Simulation {
    /// Messages queued for the node's processes: lost with the node.
    func ipcLostMessages(on node: Int) -> Int {
        var lost = 0
        for index in processes.indices where processes[index].node == node { lost += processes[index].inbox.count }
        return lost + scheduledLostMessages(on: node)
    }

    /// The node's processes die with their work; peers elsewhere waiting on
    /// one of them give up at `giveUp`, when the retransmission budget runs out.
    func ipcCrash(_ node: Int, giveUp: SimTime) {
        for index in processes.indices where processes[index].node == node {
            if let current = processes[index].current { fail(current, .nodeDown(node: node)) }
            for step in processes[index].steps { fail(step.operation, .nodeDown(node: node)) }
            processes[index].reset()
            processes[index].state = .dead
        }
        for index in processes.indices where processes[index].node != node {
            guard let current = processes[index].current else { continue }
            if case .awaitingReply(let peer) = processes[index].state, processes[peer].node == node {
                schedule(.ipc(.peerTimeout(operation: current)), at: giveUp)
            } else if processes[index].state == .busy, let peer = operations[Int(current)].peer,
                      operations[Int(current)].kind == .moveTo || operations[Int(current)].kind == .moveFrom,
                      processes[peer].node == node {
                // A bulk move whose data or acknowledgement the crashed node was to send.
                schedule(.ipc(.peerTimeout(operation: current)), at: giveUp)
            }
        }
    }

    /// The node's processes start afresh.
    func ipcRestart(_ node: Int) {
        for index in processes.indices where processes[index].node == node {
            processes[index].reset()
        }
    }

    /// Every attempt of an IPC message was lost: its operation fails and the process blocked on it goes on.
    func ipcGaveUp(_ message: Message) {
        if message.scheduled { return scheduledIPCGaveUp(message) }
        fail(message.operation, .noAnswer(node: silentNode(of: message), attempts: message.attempt + 1))
        releaseWaiter(of: message)
    }

    /// After a send fails for good, the process blocked on it fails and may go on:
    /// the sender awaiting a lost reply, or the process whose own operation
    /// (send, moveto, movefrom) the message belonged to.
    private func releaseWaiter(of message: Message) {
        let process: Int
        if message.kind == .vReply {
            process = Int(message.toProcess)
            guard process >= 0,
                  processes[process].state == .awaitingReply(peer: Int(message.fromProcess)) else { return }
        } else {
            guard let owner = operations[Int(message.operation)].process,
                  processes[owner].current == message.operation else { return }
            process = owner
        }
        if let current = processes[process].current {
            let node = processes[process].node
            fail(current, .noAnswer(node: node == message.source ? message.destination : message.source,
                                    attempts: message.attempt + 1))
        }
        processes[process].current = nil
        processes[process].state = .ready
        advance(process: process)
    }
}
