/// V IPC events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: IPCEvent) {
        switch e {
        case .processResume(let process, let operation):
            failStep(operation, of: Int(process))
        case .peerTimeout(let operation):
            // Still waiting on a crashed peer when time ends.
            failStep(operation, of: operations[Int(operation)].process)
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
