/// How a node's memory is shared between VM and the file cache: a cap per
/// side, and which side gives up a page when memory is full. One file per
/// policy; `NegotiationKind` is the registry.
protocol NegotiationPolicy {
    /// The most `side` may hold, or nil when only the node's memory bounds it.
    func cap(for side: MemorySide, _ ledger: NodeMemoryLedger) -> Int64?

    /// Which side gives up a page when `requester` needs one and memory is full. `vmOldest` and
    /// `cacheOldest` are the last references of each side's least recently used page (nil: the side holds
    /// none, and offers a page of age 0).
    func loser(requester: MemorySide, vmOldest: SimTime?, cacheOldest: SimTime?, now: SimTime) -> MemorySide
}
