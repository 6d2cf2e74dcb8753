/// `read PATH blocks A..B`: a sequential read, one block call a block, as V's file access reads a file.
/// With client read-ahead N (`cache client policy … read-ahead N`) the calls for the next N blocks start
/// with the block asked for, and a read that finds its block in flight waits for it: V prefetches
/// instead of streaming (seed 000). Each block comes from the first of the four places that has it:
/// client memory, the client's disk cache, the server's memory, the server's disk.
extension Simulation {
    public func readBlocks(on node: Int, process: Int? = nil, path: String?, first: Int64, last: Int64) -> Int32 {
        enqueueFileStep(.read, node: node, process: process) {
            .readBlocks(path: path, first: first, last: last, operation: $0)
        }
    }

    /// The progress of one range read: shared by the closures that continue it.
    final class RangeRead {
        let session: OpenSession
        let first: Int64, last: Int64
        var next: Int64
        var hits = 0, calls = 0
        var places = PlaceCounts()
        var bytes: Int64 = 0
        var content = emptyContent
        var fromCache = true
        var entry: ClientFileEntry?
        var reason: StaleReason?
        /// The block a getattr just checked (NFS, Simulation+ExpiredCopies): it is not checked twice.
        var checkedBlock: Int64?

        init(_ session: OpenSession, first: Int64, last: Int64) {
            self.session = session
            self.first = first
            self.last = last
            next = first
        }

        func took(_ content: ContentID, bytes: Int64, from place: ReadPlace) {
            self.content = content
            self.bytes += bytes
            places.add(place)
        }
    }

    func readBlockRange(_ path: String?, first: Int64, last: Int64, node: Int, op: Int32) {
        guard let session = readableSession(path, node: node, op: op) else { return }
        readNextBlock(RangeRead(session, first: first, last: last), node: node, op: op)
    }

    private func readNextBlock(_ range: RangeRead, node: Int, op: Int32) {
        guard range.next <= range.last else { return finishRangeRead(range, node: node, op: op) }
        let block = range.next
        range.next += 1
        let file = range.session.file
        let key = BlockKey(file: file, block: block)
        if range.session.disconnected, diskCopy(node: node, file: file, block: block) != nil {
            return rangeBlockFailed(range, block: block, node: node, op: op, .noAnswer(node: node, attempts: 0))
        }
        let (cached, cacheable) = cachedCopy(node: node, file: file)
        if let entry = cacheHit(node: node, file: file, cached: cached, cacheable: cacheable) {
            range.hits += 1
            range.entry = entry
            let bytes = blockBytes(size: entry.size, block: block)
            range.took(entry.content, bytes: bytes, from: .clientMemory)
            return resumeRangeStep(node, op, at: localStepEnd(copying: bytes)) { sim in
                sim.readNextBlock(range, node: node, op: op)
            }
        }
        if let held = trustedHeldBlock(key, node: node), held.arrived {
            countHeldHit(key, node: node)
            range.hits += 1
            let bytes = blockBytes(size: contentBytes(held.content).size, block: block)
            range.took(held.content, bytes: bytes, from: .clientMemory)
            return resumeRangeStep(node, op, at: localStepEnd(copying: bytes)) { sim in
                sim.readNextBlock(range, node: node, op: op)
            }
        }
        if trustedHeldBlock(key, node: node) == nil,
           let copy = trustedDiskCopy(node: node, file: file, block: block) {
            range.hits += 1
            fs.places.statistics.diskCacheHits += 1
            let bytes = blockBytes(size: copy.size, block: block)
            range.took(copy.content, bytes: bytes, from: .clientDisk)
            let done = localStepEnd(copying: bytes, from: diskCacheRead(node: node, file: file, block: block))
            return resumeRangeStep(node, op, at: done) { sim in sim.readNextBlock(range, node: node, op: op) }
        }
        // NFS: a copy too old to trust is checked with a getattr first; then this block is looked up again.
        if range.checkedBlock != block,
           checkExpiredCopies(file: file, block: block, node: node, op: op,
                              then: { sim in
                                  range.next = block
                                  range.checkedBlock = block
                                  sim.readNextBlock(range, node: node, op: op)
                              },
                              failed: { sim, failure in
                                  sim.rangeBlockFailed(range, block: block, node: node, op: op, failure)
                              }) {
            return
        }
        if trustedHeldBlock(key, node: node) == nil {
            // Nobody asked for it yet: ask for it, and for the next blocks if the client reads ahead.
            fetchHeldBlock(key, node: node, op: op, ahead: false)
            range.calls += 1
            let model = fs.places.model(of: node)
            let ahead = model == .remote ? 0 : fs.config.readAhead
            var next = block + 1
            while next <= min(range.last, block + ahead) {
                let aheadKey = BlockKey(file: file, block: next)
                if trustedHeldBlock(aheadKey, node: node) == nil {
                    fetchHeldBlock(aheadKey, node: node, op: op, ahead: true)
                    range.calls += 1
                }
                next += 1
            }
        }
        range.fromCache = false
        waitForHeldBlock(key, node: node) { sim, failure in
            if let failure { return sim.rangeBlockFailed(range, block: block, node: node, op: op, failure) }
            guard let held = sim.heldBlock(key, node: node) else { return sim.failFileStep(node, op, .endOfTime) }
            // It came while the read waited: from where the server found it.
            range.took(held.content, bytes: sim.blockBytes(size: sim.contentBytes(held.content).size, block: block),
                       from: held.place)
            // Outside block-level caching the block was wanted once: it leaves the client's memory.
            if !sim.fs.places.model(of: node).keepsBlocks {
                sim.fs.places.held[node]?.blocks[key] = nil
                sim.fs.places.held[node]?.lru.remove(key)
            }
            sim.readNextBlock(range, node: node, op: op)
        }
    }

    /// The server did not answer for a block: the disk cache serves it if it holds it (disconnected).
    private func rangeBlockFailed(_ range: RangeRead, block: Int64, node: Int, op: Int32,
                                  _ failure: OperationFailure) {
        let file = range.session.file
        guard case .noAnswer = failure, let copy = diskCopy(node: node, file: file, block: block) else {
            return failFileStep(node, op, failure)
        }
        fs.places.statistics.disconnectedReads += 1
        fs.places.statistics.diskCacheHits += 1
        range.hits += 1
        range.took(copy.content, bytes: blockBytes(size: copy.size, block: block), from: .clientDisk)
        range.reason = .disconnected(version: copy.version, serverVersion: fs.files[file].version)
        let done = localStepEnd(copying: blockBytes(size: copy.size, block: block),
                                from: diskCacheRead(node: node, file: file, block: block))
        resumeRangeStep(node, op, at: done) { sim in sim.readNextBlock(range, node: node, op: op) }
    }

    private func finishRangeRead(_ range: RangeRead, node: Int, op: Int32) {
        let session = range.session
        let verdict = judgeRead(session, node: node, op: op, content: range.content, fromCache: range.fromCache,
                                entry: range.entry, reason: range.reason)
        noteLastRead(session, node: node, content: range.content, block: nil)
        operations[Int(op)].content = range.content
        operations[Int(op)].bytes = range.bytes
        record(.blocksRead(operation: op, path: fs.files[session.file].path, first: range.first, last: range.last,
                           bytes: range.bytes, hits: range.hits, calls: range.calls, places: range.places,
                           unix: verdict.unix, session: verdict.session, reason: verdict.reason), at: node)
        completeFileStep(node, op)
    }

    // MARK: Local charges inside a step

    /// A range step goes on at `time` (after a local copy or a disk-cache read), without ending.
    func resumeRangeStep(_ node: Int, _ op: Int32, at time: SimTime, _ then: @escaping (Simulation) -> Void) {
        guard !time.isPastHorizon else { return failFileStep(node, op, .endOfTime) }
        fs.places.resumes[op] = then
        schedule(.files(.rangeStepResumes(node: Int32(node), operation: op)), at: time)
    }

    func rangeStepResumes(_ op: Int32) {
        guard let then = fs.places.resumes.removeValue(forKey: op) else { return }
        then(self)
    }

    /// When a local step started now that copies `bytes` ends.
    func localStepEnd(copying bytes: Int64, from start: SimTime? = nil) -> SimTime {
        let cost = network.config.cost
        return (start ?? now) + cost.localMessageCost + cost.localCopy(bytes: bytes)
    }
}
