/// A client's disk cache (`cache NODE disk`): a memory miss looks on the client's own disk before
/// asking the server, and data from the server is written to that disk behind the read. The disk
/// keeps its copies across a crash and restart (the next open validates them with the server), and
/// serves reads when the server does not answer: disconnected operation (CSE 513, seed 004).
extension Simulation {
    /// Gives `node` a disk cache of `capacityBytes` (nil: 64 MB) on its drive; false when it has no drive.
    public func setDiskCache(node: Int, capacityBytes: Int64?) -> Bool {
        guard nodes[node].spec.disk != nil else { return false }
        let blocks = max(1, (capacityBytes ?? 64 << 20) / fs.config.blockSize)
        var cache = fs.places.diskCaches[node] ?? ClientDiskCache(capacityBlocks: blocks)
        cache.capacityBlocks = blocks
        fs.places.diskCaches[node] = cache
        fs.places.statistics.used = true
        return true
    }

    /// Whether `node` has a disk cache.
    public func hasDiskCache(_ node: Int) -> Bool { fs.places.diskCaches[node] != nil }

    /// The disk cache's copy holding `block` of the file (nil: the whole file), if any.
    func diskCopy(node: Int, file: Int, block: Int64?) -> ClientDiskCache.Copy? {
        fs.places.diskCaches[node]?.copy(of: file, block: block)
    }

    /// Reads `block` of the file (nil: all of it) from the node's disk cache; returns when it is in memory.
    func diskCacheRead(node: Int, file: Int, block: Int64?) -> SimTime {
        guard let drive = nodes[node].spec.disk, let copy = diskCopy(node: node, file: file, block: block) else {
            return now
        }
        var read = DiskRead(file: file, drive: drive, blockSize: fs.config.blockSize)
        if let block { read.add(block) } else { read.add(0, count: fs.config.blocks(copy.size)) }
        fs.places.diskCaches[node]?.touch(file, block: block)
        return readDisk(read, on: node, after: now, for: .cacheRead)
    }

    /// The disk cache's copy a connected read may use without asking the server: none while the server
    /// has the file uncached here (concurrent write-sharing), or when the protocol wants it checked first.
    func trustedDiskCopy(node: Int, file: Int, block: Int64?) -> ClientDiskCache.Copy? {
        guard let copy = diskCopy(node: node, file: file, block: block),
              placeMayServe(node: node, file: file, version: copy.version, modified: copy.modified,
                            validatedAt: copy.validatedAt) else { return nil }
        return copy
    }

    /// Data the server sent is written to the disk cache behind the read: the arm is busy, nobody waits.
    /// Not while the server has the file uncached here: that data must not be kept.
    func storeInDiskCache(node: Int, file: Int, answer: CallAnswer, block: Int64?) {
        guard fs.places.diskCaches[node] != nil, let drive = nodes[node].spec.disk,
              fs.places.model(of: node) != .remote, !answer.cachingDisabled,
              !readClient(node, { $0.uncached.contains(file) }) else { return }
        fs.places.diskCaches[node]?.store(file, version: answer.version, content: answer.content, size: answer.size,
                                          modified: answer.modified, block: block, blockSize: fs.config.blockSize,
                                          at: now)
        var write = DiskRead(file: file, drive: drive, blockSize: fs.config.blockSize)
        if let block { write.add(block) } else { write.add(0, count: fs.config.blocks(answer.size)) }
        _ = readDisk(write, on: node, after: now, for: .cacheFill)
    }

    /// `read PATH block N` served by the disk cache: the node's drive, then a local step.
    func readFromDiskCache(_ copy: ClientDiskCache.Copy, session: OpenSession, block: Int64?, bytes: Int64,
                           node: Int, op: Int32, reason: StaleReason? = nil) {
        fs.places.statistics.diskCacheHits += 1
        fs.statistics.clientHits += 1
        let entry = ClientFileEntry(content: copy.content, size: copy.size, version: copy.version,
                                    modified: copy.modified, validatedAt: now)
        let done = localStepEnd(copying: bytes, from: diskCacheRead(node: node, file: session.file, block: block))
        resumeRangeStep(node, op, at: done) { sim in
            sim.completeRead(session, node: node, op: op, content: copy.content, fromCache: true, entry: entry,
                             bytes: bytes, block: block, reason: reason, place: .clientDisk)
            sim.completeFileStep(node, op)
        }
    }

    /// A whole-file `read` the disk cache can serve: read from the drive, kept in memory too if it fits.
    /// False when the disk cache does not hold the file.
    func readWholeFromDiskCache(_ session: OpenSession, node: Int, op: Int32) -> Bool {
        guard let copy = trustedDiskCopy(node: node, file: session.file, block: nil) else { return false }
        var answer = attributes(session.file)
        (answer.content, answer.size, answer.version, answer.modified) =
            (copy.content, copy.size, copy.version, copy.modified)
        readFromDiskCache(copy, session: session, block: nil, bytes: copy.size, node: node, op: op)
        if clientMayCache(node: node, file: session.file) {
            cacheFetched(node: node, file: session.file, answer: answer, op: op) { _ in }
        }
        return true
    }

    /// A read whose call gave up: served from the disk cache if it holds the data (disconnected), judged
    /// stale with the version it served when the server has a newer one; otherwise the step fails.
    func readDisconnected(_ session: OpenSession, block: Int64?, node: Int, op: Int32, _ failure: OperationFailure) {
        guard case .noAnswer = failure, let copy = diskCopy(node: node, file: session.file, block: block) else {
            return failFileStep(node, op, failure)
        }
        fs.places.statistics.disconnectedReads += 1
        let bytes = block.map { blockBytes(size: copy.size, block: $0) } ?? copy.size
        readFromDiskCache(copy, session: session, block: block, bytes: bytes, node: node, op: op,
                          reason: .disconnected(version: copy.version, serverVersion: fs.files[session.file].version))
    }

    /// A read in a session opened disconnected: the disk cache serves it, as disconnected, if it holds the
    /// data; else it asks the server like any read (which may answer again). False when it did not serve it.
    func readInDisconnectedSession(_ session: OpenSession, block: Int64?, node: Int, op: Int32) -> Bool {
        guard session.disconnected, let copy = diskCopy(node: node, file: session.file, block: block) else {
            return false
        }
        fs.places.statistics.disconnectedReads += 1
        let bytes = block.map { blockBytes(size: copy.size, block: $0) } ?? copy.size
        readFromDiskCache(copy, session: session, block: block, bytes: bytes, node: node, op: op,
                          reason: .disconnected(version: copy.version, serverVersion: fs.files[session.file].version))
        return true
    }

    /// An open for reading whose call gave up: a session on the disk cache's copy, if it has one.
    /// Writes are not served disconnected: an open for writing fails.
    func openDisconnected(_ path: String, writable: Bool, node: Int, op: Int32, _ failure: OperationFailure,
                          begin: (Int, Int) -> Void) {
        guard case .noAnswer = failure, !writable, let file = fs.fileIndex[path],
              let copy = fs.places.diskCaches[node]?.copies[file] else {
            return failFileStep(node, op, failure)
        }
        begin(file, copy.version)
        completeFileStep(node, op)
    }
}

/// What `show cache NODE` says of the node's disk cache.
public struct DiskCacheView: Sendable, Equatable {
    public var path: String
    public var version: Int
    /// The whole file, or this many of its blocks.
    public var whole: Bool
    public var blocks: Int
}

extension Simulation {
    /// The node's disk cache, its files by path, and its capacity in blocks; nil when it has none.
    public func diskCache(of node: Int) -> (files: [DiskCacheView], usedBlocks: Int64, capacityBlocks: Int64)? {
        guard let cache = fs.places.diskCaches[node] else { return nil }
        let files = cache.copies.map { file, copy in
            DiskCacheView(path: fs.files[file].path, version: copy.version, whole: copy.whole,
                          blocks: copy.blocks.count)
        }.sorted { $0.path < $1.path }
        return (files, cache.lru.totalWeight, cache.capacityBlocks)
    }

    /// Blocks the node holds in memory apart from whole files (block-level caching, read-ahead).
    public func heldBlockCount(of node: Int) -> Int { fs.places.held[node]?.blocks.count ?? 0 }
}
