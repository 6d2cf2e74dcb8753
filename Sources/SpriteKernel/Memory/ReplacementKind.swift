/// The registry of page replacement policies: a new policy is a new file and a case here.
public enum ReplacementKind: String, Sendable, CaseIterable {
    /// Sprite's choice, and the default.
    case clock
    case lru
    case fifo

    func makePolicy() -> any ReplacementPolicy {
        switch self {
        case .clock: ClockReplacement()
        case .lru: LRUReplacement()
        case .fifo: FIFOReplacement()
        }
    }
}
