/// What a crash or restart does to V processes and their exchanges.
extension Simulation {
    /// Messages queued for the node's processes: lost with the node.
    func ipcLostMessages(on node: Int) -> Int {
        var lost = 0
        for index in processes.indices where processes[index].node == node { lost += processes[index].inbox.count }
        return lost
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
}
