/// A request the engine refuses. The language layer checks names before
/// calling, so these mostly guard against misuse from Swift code; it words
/// each case for users.
public enum KernelError: Error, Sendable, Equatable {
    case duplicateNode(String)
    case duplicateProcess(String)
    case unknownNode(String)
    case unknownProcess(String)
    case timeInPast(requested: SimTime, now: SimTime)
    /// After `SimTime.horizon`, the end of simulated time.
    case pastHorizon(requested: SimTime)
    case invalidValue(String)
    case duplicateProgram(String)
    case unknownProgram(String)
    /// A table the engine bounds (processes) is full.
    case limitReached(String)
}
