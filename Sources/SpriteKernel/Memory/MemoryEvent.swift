/// Virtual memory's events. Payloads are small handles (ScheduledEvent stays 32 bytes).
public enum MemoryEvent: Sendable, Equatable {
    /// A page-in or page-out on the node's swap disk ended.
    case swapDone(io: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: MemoryEvent) {
        switch e {
        case .swapDone(let io): pageIODone(io, failure: nil)
        }
    }

    /// A swap transfer past the end of time never ends: its waiters stay blocked.
    func neverHappens(_ e: MemoryEvent) {}
}
