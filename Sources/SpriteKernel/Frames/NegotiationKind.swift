/// The registry of negotiation policies: a new policy is a new file and a case here.
public enum NegotiationKind: Sendable, Equatable {
    /// The older page loses; a file-cache page's age counts `penalty` more (0: no penalty).
    case oldestLoses(penalty: SimTime)
    /// The file cache holds at most `cacheBytes`, VM the rest; no side takes the other's pages.
    case fixed(cacheBytes: Int64)

    /// The default: the file cache gets half the node's memory (rounded down), VM the rest. The client
    /// cache has always been half the node's memory; this split keeps it so.
    public static func halfAndHalf(of total: Int64) -> NegotiationKind { .fixed(cacheBytes: total / 2) }

    /// A fixed split giving VM `vmPercent` of `total` (0–100) and the file cache the rest, rounded down.
    public static func fixed(vmPercent: Int64, of total: Int64) -> NegotiationKind {
        let percent = Int128(min(max(0, 100 - vmPercent), 100))
        return .fixed(cacheBytes: Int64(Int128(total) * percent / 100))
    }

    var policy: any NegotiationPolicy {
        switch self {
        case .oldestLoses(let penalty): OldestLoses(penalty: penalty)
        case .fixed(let cacheBytes): FixedSplit(cacheBytes: cacheBytes)
        }
    }
}
