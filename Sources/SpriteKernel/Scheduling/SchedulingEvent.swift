/// The scheduler's events. Payloads are small handles (ScheduledEvent stays 32 bytes).
public enum SchedulingEvent: Sendable, Equatable {
    /// A spawned process's arrival time comes.
    case arrival(process: Int32)
    /// The slice on a CPU (global index) ends: its burst, quantum or spin
    /// ends, or a lock was handed to the process spinning on it. Stale when
    /// the CPU's epoch has moved on.
    case sliceEnd(cpu: Int32, epoch: UInt32)
    /// Idle CPUs pick their next processes, once this instant's other events are in.
    case choose
    /// A blocked process may go on (sleep or I/O over, lock handed over, barrier complete).
    case wake(process: Int32)
    /// A node's MLFQ priority boost.
    case boost(node: Int32)
}

extension Simulation {
    @inline(__always) func handle(_ e: SchedulingEvent) {
        switch e {
        case .sliceEnd(let cpu, let epoch): sliceEnded(cpu: Int(cpu), epoch: epoch)
        case .choose: chooseNow()
        case .arrival(let process): processArrived(process)
        case .wake(let process): processWoke(process)
        case .boost(let node): boostFired(node: Int(node))
        }
    }

    /// After the end of time nothing fails: the burst, sleep or boost simply
    /// never ends, and the process stays where it is.
    func neverHappens(_ e: SchedulingEvent) {}
}
