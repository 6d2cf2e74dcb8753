/// The file cache's side of the VM / file-cache negotiation (Frames/).
///
/// Under a fixed split the client cache has its share's size and never asks
/// for more. Under a negotiating policy (Sprite's oldest-loses) it claims room
/// from the node's memory one page at a time: a free page, or one of its own
/// it gives up, or a page VM gives up when VM's oldest is older. The ledger
/// counts the pages the cache holds; pages it no longer needs go back.
extension Simulation {
    /// The last reference of the least recently used block in `node`'s file cache; nil: it holds none.
    /// Under a negotiating policy it first gives back pages its files no longer fill (files the protocol
    /// dropped, say), so the ledger VM is about to read is the cache's true size.
    func fileCacheOldestReference(node: Int) -> SimTime? {
        if negotiatesFileCache(node) { settleFileCacheLedger(node) }
        return fileCacheOldestStamp(node)
    }

    /// Gives up the file cache's least recently used page on `node`; false when it cannot. `claimPage` has
    /// already moved one page of the ledger to VM: if the cache held more pages than its contents fill,
    /// that one was spare; else its least recently used file (or backing page) leaves whole, a dirty one
    /// written back behind (flush reason eviction), and the pages it freed beyond the one moved go back.
    /// On false, the caller moves the page back.
    func fileCacheSurrenderPage(node: Int) -> Bool {
        guard fileCacheUsedBytes(node) > frameLedger.ledgers[node].cacheBytes else { return true }
        let pages = fs.backing.clientPages[node]
        guard let victim = readClient(node, { client in Self.coldest(excluding: nil, client, pages, evenOpen: false)
            ?? Self.coldest(excluding: nil, client, pages, evenOpen: true) }) else { return false }
        switch victim {
        case .evict(.file(let file), let dirty):
            if dirty, let entry = fileClient(node).entries[file] {
                writeBack(file: file, node: node, why: .eviction, op: -1,
                          failed: { sim in sim.restoreEvicted(file, entry: entry, node: node) }, then: { _ in })
                // It could not even leave (no server for it): it stays.
                if fileClient(node).entries[file]?.dirty == true { return false }
            }
            withClient(node) { $0.forget(file) }
        case .evict(.page(let key), let dirty):
            if dirty { writeBackPage(key, node: node, op: -1, failed: { _ in }, then: { _ in }) }
            forgetPage(key, node: node)
        case .done:
            return false
        }
        fs.backing.statistics.pagesToVM += 1
        settleFileCacheLedger(node)
        return true
    }

    /// Whether `node`'s file cache negotiates for its room (any policy but a fixed split).
    func negotiatesFileCache(_ node: Int) -> Bool {
        if case .fixed = frameLedger.ledgers[node].policy { return false }
        return true
    }

    /// The least recent use of anything the node's client cache holds, files and backing pages alike.
    func fileCacheOldestStamp(_ node: Int) -> SimTime? {
        let files = readClient(node) { $0.lru.oldestStamp }
        let pages = fs.backing.clientPages[node]?.lru.oldestStamp
        guard let files else { return pages }
        guard let pages else { return files }
        return min(files, pages)
    }

    /// The bytes the node's client cache fills, in whole pages of its memory.
    func fileCacheUsedBytes(_ node: Int) -> Int64 {
        let page = frameLedger.ledgers[node].pageSize
        let blocks = readClient(node) { $0.lru.totalWeight } + backingPageBlocks(node)
        let (bytes, overflow) = blocks.multipliedReportingOverflow(by: fs.config.blockSize)
        guard !overflow, page > 0 else { return .max }
        return (bytes + page - 1) / page * page
    }

    /// Gives back to the node's memory the pages the cache's ledger counts beyond what its contents fill.
    func settleFileCacheLedger(_ node: Int) {
        guard node < frameLedger.ledgers.count else { return }
        let page = frameLedger.ledgers[node].pageSize
        let used = fileCacheUsedBytes(node)
        while frameLedger.ledgers[node].cacheBytes >= used + page, frameLedger.ledgers[node].cacheBytes >= page {
            releasePage(node: node, side: .fileCache)
        }
    }

    /// One step of `makeRoom` under a negotiating policy: claims the pages `item` needs beyond what the
    /// cache holds, one at a time. A claim the policy answers with one of the cache's own pages names the
    /// least recently used item to evict; a page VM cannot give, or nothing left to evict, means the item
    /// is read (or written) through, and the pages claimed for it go back.
    func negotiatedRoomStep(for item: CachedItem, blocks: Int64, node: Int) -> RoomStep {
        let pages = fs.backing.clientPages[node]
        let (enabled, held) = readClient(node) { ($0.cacheEnabled, Self.weight(of: item, $0, pages)) }
        guard enabled else { return .done(fits: false) }
        let blockSize = fs.config.blockSize
        let others = readClient(node) { $0.lru.totalWeight } + (pages?.lru.totalWeight ?? 0) - held
        let (neededBlocks, overflow) = others.addingReportingOverflow(blocks)
        // Larger than the node's memory: it never fits.
        guard !overflow, neededBlocks <= frameLedger.ledgers[node].total / blockSize else {
            return refuseRoom(node)
        }
        while frameLedger.ledgers[node].cacheBytes < neededBlocks * blockSize {
            switch claimPage(node: node, for: .fileCache, ownOldest: fileCacheOldestStamp(node),
                             otherOldest: vmOldestReference(node: node)) {
            case .free:
                continue
            case .takeOther:
                fs.backing.claimingRoom = true
                let surrendered = vmSurrenderPage(node: node)
                fs.backing.claimingRoom = false
                if surrendered {
                    fs.backing.statistics.pagesFromVM += 1
                    continue
                }
                movePage(node: node, from: .fileCache, to: .vm)
                fs.backing.statistics.refusedByVM += 1
                return refuseRoom(node)
            case .evictOwn:
                let victim = readClient(node) { Self.coldest(excluding: item, $0, pages, evenOpen: false) }
                return victim ?? refuseRoom(node)
            case .noRoom:
                return refuseRoom(node)
            }
        }
        return .done(fits: true)
    }

    private func refuseRoom(_ node: Int) -> RoomStep {
        settleFileCacheLedger(node)
        return .done(fits: false)
    }
}
