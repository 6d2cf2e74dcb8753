/// `read PATH block N`: one block of an open file, the unit a random access
/// reads. Under the default access model client caches hold whole files, so a
/// block comes from the memory cache only if the whole file is there and may
/// be used as it is; then from blocks the client holds (block-level caching,
/// read-ahead), then from its disk cache; otherwise the server sends that
/// block alone, and only block-level caching keeps it.
extension Simulation {
    public func readBlock(on node: Int, process: Int? = nil, path: String?, block: Int64) -> Int32 {
        enqueueFileStep(.read, node: node, process: process) { .readBlock(path: path, block: block, operation: $0) }
    }

    /// Bytes of block `block` in a file of `size` bytes: 0 past its end.
    func blockBytes(size: Int64, block: Int64) -> Int64 {
        let blockSize = fs.config.blockSize
        guard block >= 0, block < size / blockSize + 1 else { return 0 }
        return max(0, min(blockSize, size - block * blockSize))
    }

    func readBlock(_ path: String?, block: Int64, node: Int, op: Int32) {
        guard let session = readableSession(path, node: node, op: op) else { return }
        if readInDisconnectedSession(session, block: block, node: node, op: op) { return }
        lookUpBlock(session, block: block, node: node, op: op, checked: false)
    }

    /// The first place that holds the block and may serve it; `checked`: a getattr answered this instant
    /// (what it vouched for is trusted), so no second check is made.
    private func lookUpBlock(_ session: OpenSession, block: Int64, node: Int, op: Int32, checked: Bool) {
        let file = session.file
        let (cached, cacheable) = cachedCopy(node: node, file: file)
        if let entry = cacheHit(node: node, file: file, cached: cached, cacheable: cacheable) {
            let bytes = blockBytes(size: entry.size, block: block)
            completeLocally(node, op, copying: bytes) { sim in
                sim.completeRead(session, node: node, op: op, content: entry.content, fromCache: true, entry: entry,
                                 bytes: bytes, block: block)
            }
            return
        }
        let key = BlockKey(file: file, block: block)
        if let held = trustedHeldBlock(key, node: node) {
            return readHeldBlock(key, held, session: session, node: node, op: op)
        }
        if let copy = trustedDiskCopy(node: node, file: file, block: block) {
            let bytes = blockBytes(size: copy.size, block: block)
            return readFromDiskCache(copy, session: session, block: block, bytes: bytes, node: node, op: op)
        }
        // NFS: a copy too old to trust is checked with a getattr before anything is fetched again.
        if !checked, checkExpiredCopies(file: file, block: block, node: node, op: op,
                                        then: { sim in
                                            sim.lookUpBlock(session, block: block, node: node, op: op, checked: true)
                                        },
                                        failed: { sim, failure in
                                            sim.readDisconnected(session, block: block, node: node, op: op, failure)
                                        }) {
            return
        }
        if fs.places.model(of: node).keepsBlocks {
            fetchHeldBlock(key, node: node, op: op, ahead: false)
            return waitForHeldBlock(key, node: node) { sim, failure in
                if let failure { return sim.readDisconnected(session, block: block, node: node, op: op, failure) }
                guard let held = sim.heldBlock(key, node: node) else { return sim.failFileStep(node, op, .endOfTime) }
                sim.completeHeldRead(held, session: session, block: block, fromCache: false, node: node, op: op)
                sim.completeFileStep(node, op)
            }
        }
        fs.statistics.clientMisses += 1
        callServer("read", path: fs.files[file].path, node: node, op: op, requestBytes: 24,
                   serve: { sim, server in sim.serveReadBlock(file, block: block, server: server) },
                   then: { sim, _, answer in
                       sim.storeInDiskCache(node: node, file: file, answer: answer, block: block)
                       sim.completeRead(session, node: node, op: op, content: answer.content, fromCache: false,
                                        entry: nil, bytes: answer.replyBytes, block: block, place: .server(answer))
                       sim.completeFileStep(node, op)
                   },
                   failed: { sim, failure in sim.readDisconnected(session, block: block, node: node, op: op, failure) })
    }

    /// A block the client holds in memory: arrived (a hit, a local copy) or on its way (the read waits).
    private func readHeldBlock(_ key: BlockKey, _ held: HeldBlocks.Block, session: OpenSession, node: Int,
                               op: Int32) {
        guard held.arrived else {
            return waitForHeldBlock(key, node: node) { sim, failure in
                if let failure {
                    return sim.readDisconnected(session, block: key.block, node: node, op: op, failure)
                }
                guard let held = sim.heldBlock(key, node: node) else { return sim.failFileStep(node, op, .endOfTime) }
                sim.completeHeldRead(held, session: session, block: key.block, fromCache: false, node: node, op: op)
                sim.completeFileStep(node, op)
            }
        }
        countHeldHit(key, node: node)
        let bytes = blockBytes(size: contentBytes(held.content).size, block: key.block)
        completeLocally(node, op, copying: bytes) { sim in
            sim.completeHeldRead(held, session: session, block: key.block, fromCache: true, node: node, op: op)
        }
    }

    private func completeHeldRead(_ held: HeldBlocks.Block, session: OpenSession, block: Int64, fromCache: Bool,
                                  node: Int, op: Int32) {
        let bytes = blockBytes(size: contentBytes(held.content).size, block: block)
        let entry = ClientFileEntry(content: held.content, size: contentBytes(held.content).size,
                                    version: held.version, modified: .zero, validatedAt: now)
        completeRead(session, node: node, op: op, content: held.content, fromCache: fromCache,
                     entry: fromCache ? entry : nil, bytes: bytes, block: block,
                     place: fromCache ? .clientMemory : held.place)
    }

    /// One block at the server: from its cache, or from its disk (with read-ahead if it is sequential).
    func serveReadBlock(_ file: Int, block: Int64, server: Int) -> CallAnswer {
        var answer = attributes(file)
        answer.replyBytes = blockBytes(size: fs.files[file].size, block: block)
        let count: Int64 = answer.replyBytes > 0 ? 1 : 0
        answer.disk = readBlocks(file, server: server, first: block, count: count)
        answer.readAhead = serverReadAhead(file, block: block, server: server, missed: answer.disk != nil)
        return answer
    }
}
