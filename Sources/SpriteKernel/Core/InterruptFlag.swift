import Synchronization

/// Set from a signal handler (Ctrl-C) and polled by the run loop, so a long
/// `run` can be abandoned without the engine knowing about terminals.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    public func clear() { raised.store(false, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
