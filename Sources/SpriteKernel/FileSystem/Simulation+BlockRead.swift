/// `read PATH block N`: one block of an open file, the unit a random access
/// reads. Client caches hold whole files, so a block comes from the cache
/// only if the whole file is there and may be used as it is; otherwise the
/// server sends that block alone and the client keeps no copy of it.
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
        fs.statistics.clientMisses += 1
        callServer("read", path: fs.files[file].path, node: node, op: op, requestBytes: 24,
                   serve: { sim, server in sim.serveReadBlock(file, block: block, server: server) },
                   then: { sim, _, answer in
                       sim.completeRead(session, node: node, op: op, content: answer.content, fromCache: false,
                                        entry: nil, bytes: answer.replyBytes, block: block)
                       sim.completeFileStep(node, op)
                   })
    }

    /// One block at the server: from its cache, or from its disk.
    func serveReadBlock(_ file: Int, block: Int64, server: Int) -> CallAnswer {
        var answer = attributes(file)
        answer.replyBytes = blockBytes(size: fs.files[file].size, block: block)
        let count: Int64 = answer.replyBytes > 0 ? 1 : 0
        answer.disk = readBlocks(file, server: server, first: block, count: count)
        return answer
    }
}
