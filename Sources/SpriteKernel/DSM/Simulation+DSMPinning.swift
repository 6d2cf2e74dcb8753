/// DSM copies are pinned VM bytes in the node's memory ledger (Frames/), never replaced: a copy arriving
/// claims its pages as VM's (a free page, one the file cache gives up, or one of VM's own pages, which leaves),
/// a copy leaving gives them back. VM always keeps room for one page of its own, so a process can still run:
/// a copy past that is held but not pinned (counted apart, and pinned when room comes back).
extension Simulation {
    /// The participants holding a copy of one of segment `s`'s pages went from `old` to `new` (bits).
    func dsmCopiesChanged(segment s: Int, from old: UInt64, to new: UInt64) {
        let changed = old ^ new
        guard changed != 0 else { return }
        let d = sharedMemory
        let bytes = d.segments[s].spec.pageSize
        for participant in 0..<d.segments[s].participantCount where changed & dsmBit(participant) != 0 {
            let node = d.segments[s].spec.nodes[participant]
            d.ensureNode(node)
            d.heldBytes[node] += new & dsmBit(participant) != 0 ? bytes : -bytes
            dsmSettlePins(node)
        }
    }

    /// Pins or unpins ledger pages until the node's copies are covered (as far as room allows).
    func dsmSettlePins(_ node: Int) {
        let d = sharedMemory
        let page = frameLedger.ledgers[node].pageSize
        // A vm statement or a crash cleared VM's bytes: pins beyond them are gone.
        d.pinnedPages[node] = min(d.pinnedPages[node], frameLedger.ledgers[node].vmBytes / page)
        let wanted = (max(0, d.heldBytes[node]) + page - 1) / page
        while d.pinnedPages[node] > wanted {
            releasePage(node: node, side: .vm)
            d.pinnedPages[node] -= 1
        }
        while d.pinnedPages[node] < wanted, dsmPinPage(node) { d.pinnedPages[node] += 1 }
    }

    /// Claims one ledger page for a DSM copy on `node`, as VM's fault would (Memory/Simulation+PageFault.swift).
    private func dsmPinPage(_ node: Int) -> Bool {
        let ledger = frameLedger.ledgers[node]
        let page = ledger.pageSize
        guard ledger.vmBytes + 2 * page <= ledger.cap(for: .vm) else { return false }
        let claim: FrameClaim
        if case .fixed = ledger.policy {
            claim = claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil)
        } else {
            claim = claimPage(node: node, for: .vm, ownOldest: vmOldestReference(node: node),
                              otherOldest: fileCacheOldestReference(node: node))
        }
        switch claim {
        case .free: return true
        case .takeOther:
            guard fileCacheSurrenderPage(node: node) else {
                movePage(node: node, from: .vm, to: .fileCache)
                return false
            }
            return true
        case .evictOwn: return vmGiveFrameToPinnedPage(node: node)
        case .noRoom: return false
        }
    }

    /// DSM copies a node holds, in pages of the segments, and the ledger pages pinned for them.
    public func dsmPages(node: Int) -> (held: Int, pinned: Int) {
        let d = sharedMemory
        guard node < d.heldBytes.count else { return (0, 0) }
        var held = 0
        for s in d.segments.indices {
            let participant = d.segments[s].participantIndex(of: node)
            guard participant >= 0 else { continue }
            let first = Int(d.segments[s].firstPage)
            for page in 0..<Int(d.segments[s].spec.pages)
            where d.pages[first + page].copyset & dsmBit(participant) != 0 { held += 1 }
        }
        return (held, Int(d.pinnedPages[node]))
    }
}
