/// A fixed split: the file cache may hold `cacheBytes`, VM the rest of the
/// node's memory, and neither takes the other's pages: a side at its share
/// replaces one of its own.
struct FixedSplit: NegotiationPolicy {
    let cacheBytes: Int64

    func cap(for side: MemorySide, _ ledger: NodeMemoryLedger) -> Int64? {
        let cache = min(max(0, cacheBytes), ledger.total)
        return side == .fileCache ? cache : ledger.total - cache
    }

    /// No stealing: the requester always gives up its own page.
    func loser(requester: MemorySide, vmOldest: SimTime?, cacheOldest: SimTime?, now: SimTime) -> MemorySide {
        requester
    }
}
