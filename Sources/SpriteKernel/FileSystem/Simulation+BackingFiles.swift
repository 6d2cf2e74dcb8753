/// Backing files (Sprite backs virtual memory with ordinary files on a file
/// server) and, with bypass off, their pages in the client's file cache.
///
/// Bypass off, a page-in looks in the client cache first (a hit costs a
/// local kernel call and the page's copy); a miss is read from the server and
/// stays in the cache, clean. A page-out enters the cache under its write
/// policy: dirty under delayed write (written back by the daemon, or when it
/// is evicted for room, the transfer needing the room waiting), through to the
/// server under write-through. Pages and files share the cache's room and
/// leave it least recently used first.
extension Simulation {
    func openBackingFile(directory: String, name: String, client: Int) -> Int? {
        let path = canonicalPath(FilePath.normalize(directory + "/" + name), node: client)
        guard let server = authoritativeServer(for: path) else { return nil }
        if let file = liveFile(path) { return file }
        // Made by the pager, not by a call the server is serving: the directory change names no caller.
        let serving = fs.servingCall
        fs.servingCall = -1
        let file = createAtServer(path, server: server, directory: false)
        fs.servingCall = serving
        return file
    }

    /// Whether `node`'s client cache holds block `block` of `file` as a backing page (bypass off): what
    /// VM asks to count pages held twice.
    func clientCacheHolds(node: Int, file: Int, block: Int64) -> Bool {
        fs.backing.clientPages[node]?.lru.contains(BlockKey(file: file, block: block)) ?? false
    }

    /// Paging through the file system and the file cache's negotiation, counted.
    public var backingFileStatistics: BackingFileStatistics { fs.backing.statistics }

    /// The backing pages `node`'s client cache holds (bypass off), and how many of them are dirty.
    public func cachedBackingPages(of node: Int) -> (pages: Int, dirty: Int) {
        guard let pages = fs.backing.clientPages[node] else { return (0, 0) }
        return (pages.lru.count { _ in true }, pages.dirtySince.count)
    }

    /// The backing files whose pages `node`'s client cache holds (bypass off), by path: the bytes held, the
    /// dirty pages and the oldest of their dirty times (nil when all are clean). `show cache` lists them.
    public func cachedBackingFiles(of node: Int) -> [(path: String, bytes: Int64, dirty: Int, since: SimTime?)] {
        guard let pages = fs.backing.clientPages[node] else { return [] }
        var byFile: [Int: (bytes: Int64, dirty: Int, since: SimTime?)] = [:]
        for key in pages.lru.keys {
            var figures = byFile[key.file] ?? (0, 0, nil)
            figures.bytes += pages.lru.weight(of: key) * fs.config.blockSize
            if let since = pages.dirtySince[key] {
                figures.dirty += 1
                figures.since = min(figures.since ?? since, since)
            }
            byFile[key.file] = figures
        }
        return byFile.map { (fs.files[$0.key].path, $0.value.bytes, $0.value.dirty, $0.value.since) }
            .sorted { $0.path < $1.path }
    }

    func hasDirtyBackingPages(_ node: Int) -> Bool {
        !(fs.backing.clientPages[node]?.dirtySince.isEmpty ?? true)
    }

    /// Blocks the node's cached backing pages hold.
    func backingPageBlocks(_ node: Int) -> Int64 { fs.backing.clientPages[node]?.lru.totalWeight ?? 0 }

    private func pageKey(_ transfer: BlockTransfer) -> BlockKey { BlockKey(file: transfer.file, block: transfer.block) }

    private func pageBlocks(_ transfer: BlockTransfer) -> Int64 { max(1, fs.config.blocks(transfer.bytes)) }

    /// Bypass off: a page-in tries the client cache, a page-out enters it under the write policy.
    func blockTransferThroughClientCache(_ id: Int32) {
        let slot = fs.blockTransfers[Int(id)]
        let transfer = slot.transfer, node = transfer.client, key = pageKey(transfer)
        let cacheEnabled = readClient(node) { $0.cacheEnabled }
        switch transfer.kind {
        case .read:
            guard cacheEnabled, clientCacheHolds(node: node, file: transfer.file, block: transfer.block) else {
                fs.statistics.clientMisses += 1
                return callForBlock(id)
            }
            fs.statistics.clientHits += 1
            fs.backing.statistics.clientCacheHits += 1
            fs.backing.clientPages[node]?.lru.touch(key, weight: pageBlocks(transfer), at: now)
            copyThroughClientCache(id)
        case .write:
            guard cacheEnabled, !writePolicy.writesThrough, !fs.backing.claimingRoom else { return callForBlock(id) }
            let generation = fs.blockTransfers.generation(id)
            makeRoom(for: .page(key), blocks: pageBlocks(transfer), node: node, op: -1) { sim, fits in
                guard sim.fs.blockTransfers.isLive(id, generation) else { return }
                guard fits else { return sim.callForBlock(id) }
                sim.cachePage(key, blocks: sim.pageBlocks(transfer), node: node, dirty: true)
                if sim.writePolicy.usesFlushDaemon { sim.ensureFlushDaemon(node) }
                sim.copyThroughClientCache(id)
            }
        }
    }

    /// The page's copy between VM and the client cache: a local kernel call and the copy, as a cache hit.
    private func copyThroughClientCache(_ id: Int32) {
        let slot = fs.blockTransfers[Int(id)]
        let cost = network.config.cost
        let done = now + cost.localMessageCost + cost.localCopy(bytes: slot.transfer.bytes)
        schedule(.files(.blockTransferCopied(transfer: id, generation: fs.blockTransfers.generation(id))), at: done)
    }

    func blockTransferCopied(_ id: Int32, _ generation: UInt32) {
        endBlockTransfer(id, generation: generation, failure: nil)
    }

    /// A page read from the server (or written through to it) stays in the client cache, clean, if it fits.
    func keepTransferredPage(_ id: Int32) {
        let slot = fs.blockTransfers[Int(id)]
        let transfer = slot.transfer, generation = fs.blockTransfers.generation(id), key = pageKey(transfer)
        guard readClient(transfer.client, { $0.cacheEnabled }) else {
            return endBlockTransfer(id, generation: generation, failure: nil)
        }
        makeRoom(for: .page(key), blocks: pageBlocks(transfer), node: transfer.client, op: -1) { sim, fits in
            guard sim.fs.blockTransfers.isLive(id, generation) else { return }
            if fits { sim.cachePage(key, blocks: sim.pageBlocks(transfer), node: transfer.client, dirty: false) }
            sim.endBlockTransfer(id, generation: generation, failure: nil)
        }
    }

    /// Puts a page in the client cache as the newest; a dirty one keeps the time it first became dirty. A
    /// clean one is what its server holds (read from it, or just written to it): an older dirty copy is void.
    private func cachePage(_ key: BlockKey, blocks: Int64, node: Int, dirty: Bool) {
        var pages = fs.backing.clientPages.removeValue(forKey: node) ?? BackingPageCache()
        pages.lru.touch(key, weight: blocks, at: now)
        if !dirty {
            pages.dirtySince[key] = nil
        } else if pages.dirtySince[key] == nil {
            pages.dirtySince[key] = now
        }
        fs.backing.clientPages[node] = pages
    }

    /// A page leaves the client cache (written back first if it was dirty).
    func forgetPage(_ key: BlockKey, node: Int) {
        fs.backing.clientPages[node]?.lru.remove(key)
        fs.backing.clientPages[node]?.dirtySince[key] = nil
    }

    /// Writes a dirty cached page back to its server (a `write` call of the page), then continues. The page
    /// is clean meanwhile; if the write fails it is dirty again and `failed` runs.
    func writeBackPage(_ key: BlockKey, node: Int, op: Int32, failed: @escaping (Simulation) -> Void,
                       then: @escaping (Simulation) -> Void) {
        guard let since = fs.backing.clientPages[node]?.dirtySince.removeValue(forKey: key) else { return then(self) }
        let file = key.file, server = fs.files[file].server
        let bytes = (fs.backing.clientPages[node]?.lru.weight(of: key) ?? 1) * fs.config.blockSize
        fs.backing.statistics.pagesWrittenBack += 1
        call("write", from: node, to: server, requestBytes: Self.blockCallArguments + bytes, operation: op,
             serve: { sim in
                 sim.storeBackingBlocks(file, first: key.block, count: sim.fs.config.blocks(bytes), bytes: bytes,
                                        server: server)
                 return CallAnswer(replyBytes: 0)
             },
             then: { sim, _ in then(sim) },
             failed: { sim, _ in
                 // The page never reached the server: it is dirty again, back in the cache if it had left.
                 if sim.nodes[node].isUp, !sim.fs.files[file].deleted {
                     if sim.fs.backing.clientPages[node]?.lru.contains(key) != true {
                         sim.cachePage(key, blocks: sim.fs.config.blocks(bytes), node: node, dirty: false)
                     }
                     sim.fs.backing.clientPages[node]?.dirtySince[key] = since
                 }
                 failed(sim)
             })
    }

    /// The delayed-write daemon's share: pages dirty for at least `age` go back to their server.
    func flushBackingPages(_ node: Int, age: SimTime) {
        guard let pages = fs.backing.clientPages[node] else { return }
        let due = pages.dirtySince.filter { now - $0.value >= age }.keys
            .sorted { ($0.file, $0.block) < ($1.file, $1.block) }
        for key in due { writeBackPage(key, node: node, op: -1, failed: { _ in }, then: { _ in }) }
    }
}
