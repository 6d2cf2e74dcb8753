/// NFS's rule for a copy whose attribute-cache entry has expired, wherever the client keeps it: the whole
/// file in its memory cache, blocks it holds (block-level caching, read-ahead), its disk cache. The copy is
/// not thrown away: the client asks the server for the file's attributes (one `getattr` call) and, if the
/// modification time is unchanged, the copy is trusted again for another timeout; only a changed file is
/// fetched again (CSE 513, "NFS - client caching (reads)"). A cached whole file's `read` has always done
/// this (Simulation+FileClient); block reads do it here. Only NFS lets a copy expire, so under the other
/// protocols nothing here ever asks.
extension Simulation {
    /// Whether the node keeps a copy of `block` of the file (nil: the whole file) that the protocol no
    /// longer trusts only because it is too old: not a copy the server has uncached here, not one in flight.
    func holdsExpiredCopy(file: Int, block: Int64?, node: Int) -> Bool {
        guard !readClient(node, { $0.uncached.contains(file) }) else { return false }
        let (cached, cacheable) = cachedCopy(node: node, file: file)
        if let entry = cached, cacheable, !entry.dirty,
           !consistency.readMayUseCache(entry, now: now, config: fs.config) {
            return true
        }
        if let block, let held = heldBlock(BlockKey(file: file, block: block), node: node), held.arrived,
           !placeMayServe(node: node, file: file, version: held.version, modified: held.modified,
                          validatedAt: held.validatedAt) {
            return true
        }
        if let copy = diskCopy(node: node, file: file, block: block),
           !placeMayServe(node: node, file: file, version: copy.version, modified: copy.modified,
                          validatedAt: copy.validatedAt) {
            return true
        }
        return false
    }

    /// If the node holds an expired copy of the block (see `holdsExpiredCopy`), asks the server for the file's
    /// attributes and returns true; the answer validates every copy of the version the server holds and drops
    /// the others (`reconcileCache`), then `then` looks again without a second check (the timeout is at
    /// least 1ns, so what was validated this instant is trusted). A getattr that gets no answer goes to
    /// `failed` (a disk copy may serve it).
    func checkExpiredCopies(file: Int, block: Int64?, node: Int, op: Int32,
                            then: @escaping (Simulation) -> Void,
                            failed: @escaping (Simulation, OperationFailure) -> Void) -> Bool {
        guard holdsExpiredCopy(file: file, block: block, node: node) else { return false }
        callServer("getattr", path: fs.files[file].path, node: node, op: op, requestBytes: 16,
                   serve: { sim, _ in sim.serveAttributes(file) },
                   then: { sim, _, answer in
                       _ = sim.reconcileCache(node: node, file: file, answer: answer)
                       then(sim)
                   },
                   failed: failed)
        return true
    }
}
