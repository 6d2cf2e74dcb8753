/// The network's events: a message's arrival and a sender's retransmission timer.
public enum NetworkEvent: Sendable, Equatable {
    /// A message's last packet reaches its destination.
    case deliver(message: Int32)
    /// A sender's retransmission timer for a lost message.
    case retransmit(message: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: NetworkEvent) {
        switch e {
        case .deliver(let message): deliver(message)
        case .retransmit(let message): retransmit(message)
        }
    }
}
