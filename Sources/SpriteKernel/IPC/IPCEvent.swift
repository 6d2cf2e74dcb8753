/// V IPC's events, each for one process's operation.
public enum IPCEvent: Sendable, Equatable {
    /// A process finishes a computation or a bulk move.
    case processResume(process: Int32, operation: Int32)
    /// A blocked process gives up waiting on a crashed peer.
    case peerTimeout(operation: Int32)
    /// A scheduled process blocked on a crashed peer gives up.
    case scheduledPeerTimeout(process: Int32, operation: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: IPCEvent) {
        switch e {
        case .processResume(let process, let operation): resume(process: Int(process), operation: operation)
        case .peerTimeout(let operation): peerTimedOut(operation)
        case .scheduledPeerTimeout(let process, let operation): scheduledPeerTimedOut(process, operation: operation)
        }
    }

    /// The peer's node crashed while the process waited on it: the operation
    /// fails and the process goes on.
    func peerTimedOut(_ operation: Int32) {
        let pending = operations[Int(operation)]
        guard pending.status == .running, let peer = pending.peer else { return }
        fail(operation, .peerCrashed(node: processes[peer].node))
        if let process = pending.process, processes[process].current == operation {
            processes[process].current = nil
            processes[process].state = .ready
            advance(process: process)
        }
    }
}
