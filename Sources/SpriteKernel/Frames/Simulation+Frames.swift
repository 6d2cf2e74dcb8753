/// Claiming, releasing and moving pages of a node's memory between VM and the
/// file cache. The ledger counts bytes; the side that is told to give up a page
/// chooses which one and frees it.
extension Simulation {
    /// A node's memory ledger is made with the node, empty, under the default split.
    func framesAdd(node: Int, memory: Int64) {
        precondition(node == frameLedger.ledgers.count, "nodes are added in order")
        frameLedger.ledgers.append(NodeMemoryLedger(total: memory))
    }

    /// `side` needs one more page on `node`. `ownOldest` and `otherOldest` are the last references of the
    /// least recently used page of the asker and of the other side (nil: it holds none). A free page is
    /// taken if the asker's cap allows it; in a full memory a side past its cap gives one up, else the
    /// policy chooses which side does.
    func claimPage(node: Int, for side: MemorySide, ownOldest: SimTime?, otherOldest: SimTime?) -> FrameClaim {
        let ledger = frameLedger.ledgers[node]
        let page = ledger.pageSize
        let other: MemorySide = side == .vm ? .fileCache : .vm
        let holdsOwn = ledger.bytes(of: side) >= page
        guard ledger.bytes(of: side) + page <= ledger.cap(for: side) else { return holdsOwn ? .evictOwn : .noRoom }
        if ledger.freeBytes >= page {
            frameLedger.ledgers[node].add(page, to: side)
            return .free
        }
        let holdsOther = ledger.bytes(of: other) >= page
        guard holdsOther else { return holdsOwn ? .evictOwn : .noRoom }
        // The other side is past its cap (its share shrank while it held pages): it gives one back.
        let otherOverCap = ledger.bytes(of: other) > ledger.cap(for: other)
        // An empty file cache still offers its age (0 plus the penalty): if it loses it gets no page and reads
        // through rather than take a page VM uses. VM holding nothing always gets one: a process needs a frame.
        if !otherOverCap && (holdsOwn || side == .fileCache) {
            let (vmOldest, cacheOldest) = side == .vm ? (ownOldest, otherOldest) : (otherOldest, ownOldest)
            let loser = ledger.policy.policy.loser(requester: side, vmOldest: vmOldest, cacheOldest: cacheOldest,
                                                   now: now)
            if loser == side { return holdsOwn ? .evictOwn : .noRoom }
        }
        movePage(node: node, from: other, to: side)
        return .takeOther
    }

    /// `side` freed a page on `node` (its process ended, its file left the cache).
    func releasePage(node: Int, side: MemorySide) {
        let page = frameLedger.ledgers[node].pageSize
        frameLedger.ledgers[node].add(-min(page, frameLedger.ledgers[node].bytes(of: side)), to: side)
    }

    /// A page changes sides (a VM page given to the file cache, or taken from it).
    func movePage(node: Int, from: MemorySide, to: MemorySide) {
        let page = frameLedger.ledgers[node].pageSize
        frameLedger.ledgers[node].add(-page, to: from)
        frameLedger.ledgers[node].add(page, to: to)
    }

    func setNegotiation(node: Int, _ kind: NegotiationKind) {
        frameLedger.ledgers[node].policy = kind
    }

    /// The bytes `node`'s file cache may hold under its policy: its client cache is sized from it.
    func fileCacheShare(node: Int) -> Int64 {
        frameLedger.ledgers[node].cap(for: .fileCache)
    }

    /// A declared client-cache size: the file cache gets `bytes` of a fixed split, VM the rest.
    func setFileCacheShare(node: Int, bytes: Int64) {
        frameLedger.ledgers[node].policy = .fixed(cacheBytes: bytes)
    }
}
