/// V IPC's events, each for one process's operation.
public enum IPCEvent: Sendable, Equatable {
    /// A process finishes a computation booked on its node's CPU.
    case processResume(process: Int32, operation: Int32)
    /// A process blocked on a crashed peer gives up.
    case peerTimeout(process: Int32, operation: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: IPCEvent) {
        switch e {
        case .processResume(let process, let operation): resume(process: process, operation: operation)
        case .peerTimeout(let process, let operation): peerTimedOut(process, operation: operation)
        }
    }
}
