/// Blocks a client holds in memory apart from whole cached files: those block-level caching keeps and
/// those read-ahead brought before they were asked for. A block on its way is held too, so a read that
/// finds it in flight waits for it instead of asking again.
extension Simulation {
    /// The block, arrived or in flight, if the node holds it. A block still to come whose fetching step
    /// has failed counts as absent: its call may never have left (the path could not be resolved), so a
    /// reader asks again, and the readers already waiting are served by whichever answer comes first.
    func heldBlock(_ key: BlockKey, node: Int) -> HeldBlocks.Block? {
        guard let block = fs.places.held[node]?.blocks[key] else { return nil }
        if !block.arrived, operations.contains(block.fetchedBy),
           case .failed = operations[Int(block.fetchedBy)].status {
            return nil
        }
        return block
    }

    /// The block, if a read may use it without asking the server: in flight, or arrived and still trusted
    /// by the consistency protocol (see `placeMayServe`). An untrusted block is fetched again.
    func trustedHeldBlock(_ key: BlockKey, node: Int) -> HeldBlocks.Block? {
        guard let block = heldBlock(key, node: node) else { return nil }
        guard block.arrived else { return block }
        return placeMayServe(node: node, file: key.file, version: block.version, modified: block.modified,
                             validatedAt: block.validatedAt) ? block : nil
    }

    /// Whether a copy kept outside the whole-file cache (a held block, a disk-cache copy) may serve a read
    /// as the protocol would let a cached file serve it: never while the server has disabled caching of
    /// the file here (Sprite's concurrent write-sharing, until the sessions that saw it close), and under
    /// NFS only within the attribute timeout of the server's last word on that version.
    func placeMayServe(node: Int, file: Int, version: Int, modified: SimTime, validatedAt: SimTime) -> Bool {
        guard !readClient(node, { $0.uncached.contains(file) }) else { return false }
        let entry = ClientFileEntry(content: emptyContent, size: 0, version: version, modified: modified,
                                    validatedAt: validatedAt)
        return consistency.readMayUseCache(entry, now: now, config: fs.config)
    }

    /// Asks the server for a block into the node's held blocks; `ahead`: nobody asked for it yet.
    func fetchHeldBlock(_ key: BlockKey, node: Int, op: Int32, ahead: Bool) {
        // A block asked for again keeps the readers already waiting for it.
        var block = fs.places.held[node]?.blocks[key]
            ?? HeldBlocks.Block(version: -1, content: emptyContent, arrived: false)
        block.arrived = false
        block.fetchedBy = op
        fs.places.held[node, default: HeldBlocks()].blocks[key] = block
        if ahead { fs.places.statistics.readAheads += 1 } else { fs.statistics.clientMisses += 1 }
        let file = key.file
        callServer("read", path: fs.files[file].path, node: node, op: op, requestBytes: 24,
                   serve: { sim, server in sim.serveReadBlock(file, block: key.block, server: server) },
                   then: { sim, _, answer in sim.heldBlockArrived(key, node: node, answer: answer) },
                   failed: { sim, failure in sim.heldBlockFailed(key, node: node, failure) })
    }

    /// Runs `then` when the block in flight arrives (failure nil) or its call fails.
    func waitForHeldBlock(_ key: BlockKey, node: Int, then: @escaping (Simulation, OperationFailure?) -> Void) {
        fs.places.held[node]?.blocks[key]?.waiters.append(then)
    }

    private func heldBlockArrived(_ key: BlockKey, node: Int, answer: CallAnswer) {
        guard var held = fs.places.held[node], var block = held.blocks[key] else { return }
        let waiters = block.waiters
        block.waiters = []
        block.arrived = true
        block.version = answer.version
        block.content = answer.content
        block.modified = answer.modified
        block.validatedAt = now
        block.place = .server(answer)
        held.blocks[key] = block
        held.lru.touch(key, weight: 1)
        held.trim(to: readClient(node) { $0.capacityBlocks })
        fs.places.held[node] = held
        storeInDiskCache(node: node, file: key.file, answer: answer, block: key.block)
        for waiter in waiters { waiter(self, nil) }
    }

    private func heldBlockFailed(_ key: BlockKey, node: Int, _ failure: OperationFailure) {
        guard let block = fs.places.held[node]?.blocks.removeValue(forKey: key) else { return }
        for waiter in block.waiters { waiter(self, failure) }
    }

    /// A read used a held block: a hit; outside block-level caching a read-ahead block is used once.
    func countHeldHit(_ key: BlockKey, node: Int) {
        fs.statistics.clientHits += 1
        fs.places.statistics.heldBlockHits += 1
        if fs.places.model(of: node).keepsBlocks {
            fs.places.held[node]?.lru.touch(key, weight: 1)
        } else {
            fs.places.held[node]?.blocks[key] = nil
            fs.places.held[node]?.lru.remove(key)
        }
    }

    /// The server answered an open: blocks of another version are out of date, here and on the disk.
    func validateHeldCopies(node: Int, file: Int, version: Int, modified: SimTime) {
        fs.places.held[node]?.drop(file: file, unlessVersion: version)
        fs.places.held[node]?.validate(file: file, version: version, modified: modified, at: now)
        if let copy = fs.places.diskCaches[node]?.copies[file] {
            if copy.version != version {
                fs.places.diskCaches[node]?.drop(file)
            } else {
                fs.places.diskCaches[node]?.copies[file]?.validatedAt = now
                fs.places.diskCaches[node]?.copies[file]?.modified = modified
            }
        }
    }

    /// The client wrote the file: the blocks it holds and its disk copy are of the version before.
    func fileWrittenHere(node: Int, file: Int) {
        fs.places.held[node]?.drop(file: file)
        fs.places.diskCaches[node]?.drop(file)
    }

    /// A crashed client loses the blocks in its memory and the range steps it was charging; its disk cache stays.
    func cachePlacesCrash(_ node: Int) {
        fs.places.held[node] = nil
        for op in fs.places.resumes.keys.sorted() where operations[Int(op)].node == node {
            fs.places.resumes[op] = nil
            fail(op, .nodeDown(node: node))
        }
        fs.places.serverLastBlock[node] = nil
    }
}
