/// Sprite's negotiation (seed 002): each side offers its least recently used
/// page and the older one goes, so the file cache grows as large as it can
/// without taking pages VM still uses. A file-cache page's age counts
/// `penalty` more, which keeps VM pages longer (Sprite used such a penalty;
/// 0 is "no penalty"). Neither side has a cap.
struct OldestLoses: NegotiationPolicy {
    let penalty: SimTime

    func cap(for side: MemorySide, _ ledger: NodeMemoryLedger) -> Int64? { nil }

    /// The older page loses; at equal ages the requester gives up its own page, so a tie moves nothing.
    func loser(requester: MemorySide, vmOldest: SimTime?, cacheOldest: SimTime?, now: SimTime) -> MemorySide {
        let vmAge = now - (vmOldest ?? now)
        let cacheAge = now - (cacheOldest ?? now) + penalty
        if vmAge > cacheAge { return .vm }
        if cacheAge > vmAge { return .fileCache }
        return requester
    }
}
