/// DSM's events: a message handled after its service time at a manager, owner or copy holder.
public enum DSMEvent: Sendable, Equatable {
    case serviceDone(message: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: DSMEvent) {
        switch e {
        case .serviceDone(let message): dsmHandle(message: message)
        }
    }

    /// Past the end of time the message is never handled: its request stays waiting.
    func neverHappens(_ e: DSMEvent) {}
}
