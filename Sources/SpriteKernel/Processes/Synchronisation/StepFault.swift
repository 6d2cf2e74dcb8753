/// A step a process could not take: the process ended there, and the run
/// reports it (the language turns it into a runtime error).
public struct StepFault: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `lock L` by the process that holds L: locks are not reentrant.
        case relock
        /// `unlock L` by a process that does not hold L.
        case unlockNotHeld
    }

    public var process: ProcessID
    public var time: SimTime
    public var kind: Kind
    public var lock: String
}

extension Simulation {
    /// Steps that could not be taken so far, in the order they happened.
    public var stepFaults: [StepFault] { scheduler.stepFaults }
}
