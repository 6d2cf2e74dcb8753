/// Dirty data leaving a client's cache: write-back to the server, the
/// delayed-write daemon, and eviction when the cache is full.
extension Simulation {
    // MARK: Write-back

    /// Sends a file's dirty data to its server, then continues. If it cannot
    /// reach the server, the data is dirty again and the step fails, or
    /// `failed` runs instead.
    func writeBack(file: Int, node: Int, why: FlushReason, op: Int32,
                   failed: ((Simulation) -> Void)? = nil, then: @escaping (Simulation) -> Void) {
        guard let entry = readClient(node, { $0.entries[file] }), entry.dirty else {
            then(self)
            return
        }
        let writes = entry.unflushedWrites
        withClient(node) { client in
            client.updateEntry(file) { cached in
                cached.dirty = false
                cached.unflushedWrites = []
            }
            client.inFlight[file, default: []] += writes
        }
        callServer("write", path: fs.files[file].path, node: node, op: op, requestBytes: entry.size,
                   serve: { sim, server in
                       // At the server now: a crash of the client can no longer lose them.
                       sim.withClient(node) { $0.noLongerInFlight(writes, of: file) }
                       return sim.applyWrite(file, content: entry.content, size: entry.size, writes: writes,
                                             from: node, server: server)
                   },
                   then: { sim, _, answer in
                       // The server now holds what the client flushed: its disk cache keeps that version, as after
                       // a write-through, so a restart or a disconnected read finds it, not the one before.
                       if answer.content == entry.content {
                           sim.storeInDiskCache(node: node, file: file, answer: answer, block: nil)
                       }
                       sim.withClient(node) { client in
                           let trusted = client.trusts(answer, file: file)
                           client.updateEntry(file) { cached in
                               guard cached.content == entry.content else { return }
                               cached.version = answer.version
                               cached.modified = answer.modified
                               cached.validatedAt = sim.now
                               cached.callbackValid = trusted
                           }
                       }
                       sim.record(.fileFlushed(path: sim.fs.files[file].path, bytes: entry.size,
                                               writes: writes.count, why: why), at: node)
                       then(sim)
                   },
                   failed: { sim, failure in
                       // The data never reached the server: it is dirty again.
                       sim.withClient(node) { client in
                           client.noLongerInFlight(writes, of: file)
                           if var restored = client.entries[file] {
                               restored.dirty = true
                               restored.unflushedWrites = writes + restored.unflushedWrites
                               client.entries[file] = restored
                           }
                       }
                       // The daemon tries again once the node writes again (or at sync
                       // or close), not on its own: an unreachable server must not keep
                       // a run from ever going idle.
                       if let failed {
                           failed(sim)
                       } else if op >= 0 {
                           sim.failFileStep(node, op, failure)
                       }
                   })
    }

    func ensureFlushDaemon(_ node: Int) {
        guard !readClient(node, { $0.daemonScheduled }) else { return }
        withClient(node) { $0.daemonScheduled = true }
        // The next multiple of the interval, in saturating arithmetic: past the
        // end of time the daemon simply never wakes.
        let interval = max(1, fs.config.flushInterval.nanoseconds)
        let next = SimTime(nanoseconds: now.nanoseconds / interval) * interval + SimTime(nanoseconds: interval)
        schedule(.files(.flushDaemon(node: Int32(node))), at: next)
    }

    /// A delayed-write daemon with nothing left to write: its wakeup is
    /// invisible, so it neither moves the clock nor keeps a run going. Says
    /// whether `e` is such a wakeup, and if so takes it out of the daemon's books.
    func discardIfInvisible(_ e: FileSystemEvent) -> Bool {
        guard case .flushDaemon(let node) = e, !hasDirtyFiles(Int(node)), !hasDirtyBackingPages(Int(node)) else {
            return false
        }
        fileClients[Int(node)]?.daemonScheduled = false
        return true
    }

    /// The delayed-write daemon: write back what has been dirty long enough;
    /// come back while anything is still dirty.
    func flushDaemon(_ node: Int) {
        withClient(node) { $0.daemonScheduled = false }
        guard nodes[node].isUp else { return }
        // Chosen first, so no copy of the client is alive during the write-backs.
        let age = fs.config.flushAge
        let due = fileClient(node).entries.filter { $0.value.dirty && now - $0.value.dirtySince >= age }.keys.sorted()
        for file in due {
            writeBack(file: file, node: node, why: .daemon, op: -1) { _ in }
        }
        flushBackingPages(node, age: age)
        if readClient(node, { $0.entries.values.contains(where: \.dirty) }) || hasDirtyBackingPages(node) {
            ensureFlushDaemon(node)
        }
    }

    // MARK: Capacity

    /// Makes room in `node`'s cache for `blocks` blocks of `file`, then
    /// continues with whether it fits. Least recently used files leave first,
    /// except files open on the node: a clean one at once, a dirty one once
    /// the step has written it back (its space is not reused before). A file
    /// larger than the whole cache never fits: it is read and written through.
    func makeRoom(for file: Int, blocks: Int64, node: Int, op: Int32, then: @escaping (Simulation, Bool) -> Void) {
        makeRoom(for: .file(file), blocks: blocks, node: node, op: op, then: then)
    }

    /// As above for a file or a backing page (bypass off): both share the cache's room and leave it least
    /// recently used first. Under a negotiating policy the room is claimed from the node's memory page by
    /// page (Simulation+CacheNegotiation) instead of taken from the cache's fixed size.
    func makeRoom(for item: CachedItem, blocks: Int64, node: Int, op: Int32,
                  then: @escaping (Simulation, Bool) -> Void) {
        while true {
            let step = negotiatesFileCache(node) ? negotiatedRoomStep(for: item, blocks: blocks, node: node)
                : roomStep(for: item, blocks: blocks, node: node)
            switch step {
            case .done(let fits):
                return then(self, fits)
            case .evict(.file(let victim), dirty: false):
                withClient(node) { $0.forget(victim) }
            case .evict(.page(let key), dirty: false):
                forgetPage(key, node: node)
            case .evict(.file(let victim), dirty: true):
                writeBack(file: victim, node: node, why: .eviction, op: op,
                          failed: { sim in sim.roomNotMade(node: node, then: then) },
                          then: { sim in
                              // Unless it was written again meanwhile, the copy is clean now and leaves.
                              sim.withClient(node) { client in
                                  guard client.entries[victim]?.dirty == false, !client.isOpen(victim) else { return }
                                  client.forget(victim)
                              }
                              sim.makeRoom(for: item, blocks: blocks, node: node, op: op, then: then)
                          })
                return
            case .evict(.page(let key), dirty: true):
                writeBackPage(key, node: node, op: op,
                              failed: { sim in sim.roomNotMade(node: node, then: then) },
                              then: { sim in
                                  // Unless it was written again meanwhile, the page is clean now and leaves.
                                  if sim.fs.backing.clientPages[node]?.dirtySince[key] == nil {
                                      sim.forgetPage(key, node: node)
                                  }
                                  sim.makeRoom(for: item, blocks: blocks, node: node, op: op, then: then)
                              })
                return
            }
        }
    }

    /// A write-back for room failed: pages claimed for the room go back to the node's memory.
    private func roomNotMade(node: Int, then: (Simulation, Bool) -> Void) {
        settleFileCacheLedger(node)
        then(self, false)
    }

    /// One step of `makeRoom` under a fixed cache size: whether the item fits
    /// (or never can), else what to evict and whether it is dirty. A helper, so its copy of the
    /// client is gone before `then` goes on (a copy alive when the client
    /// changes makes the change copy all its tables).
    private func roomStep(for item: CachedItem, blocks: Int64, node: Int) -> RoomStep {
        let pages = fs.backing.clientPages[node]
        return readClient(node) { client in
            guard client.cacheEnabled, blocks <= client.capacityBlocks else { return .done(fits: false) }
            let held = Self.weight(of: item, client, pages)
            let needed = client.lru.totalWeight + (pages?.lru.totalWeight ?? 0) - held + blocks - client.capacityBlocks
            guard needed > 0 else { return .done(fits: true) }
            return Self.coldest(excluding: item, client, pages, evenOpen: false) ?? .done(fits: false)
        }
    }

    /// The blocks `item` holds in the cache now (a file replaced or a page rewritten takes its own room).
    static func weight(of item: CachedItem?, _ client: FileClient, _ pages: BackingPageCache?) -> Int64 {
        switch item {
        case .file(let file): client.lru.weight(of: file)
        case .page(let key): pages?.lru.weight(of: key) ?? 0
        case nil: 0
        }
    }

    /// What leaves the cache first: the least recently used file (not open on the node, unless `evenOpen`)
    /// or backing page, other than `item`, and whether it is dirty; nil when nothing may leave.
    static func coldest(excluding item: CachedItem?, _ client: FileClient, _ pages: BackingPageCache?,
                        evenOpen: Bool) -> RoomStep? {
        let file = client.lru.coldest(where: { item != .file($0) && (evenOpen || !client.isOpen($0)) })
        let page = pages?.lru.coldest(where: { item != .page($0) })
        let pageStep = page.map { RoomStep.evict(.page($0), dirty: pages?.dirtySince[$0] != nil) }
        switch (file, page) {
        case (let file?, let page?) where (pages?.lru.stamp(of: page) ?? .zero) < (client.lru.stamp(of: file) ?? .zero):
            return pageStep
        case (let file?, _):
            return .evict(.file(file), dirty: client.entries[file]?.dirty == true)
        case (nil, _):
            return pageStep
        }
    }

    /// A smaller cache: least recently used files leave until it fits, open
    /// or not. Dirty ones go to their server as they leave (a crash before the
    /// server has them loses them); if that write-back fails, the data comes
    /// back dirty, over the size if need be, having nowhere else to go.
    func shrinkCache(_ node: Int) {
        while true {
            let pages = fs.backing.clientPages[node]
            let step = withClient(node) { client -> RoomStep? in
                let used = client.lru.totalWeight + (pages?.lru.totalWeight ?? 0)
                return used > client.capacityBlocks ? Self.coldest(excluding: nil, client, pages, evenOpen: true) : nil
            }
            switch step {
            case .evict(.file(let victim), _)?:
                if let entry = fileClient(node).entries[victim], entry.dirty {
                    writeBack(file: victim, node: node, why: .eviction, op: -1,
                              failed: { sim in sim.restoreEvicted(victim, entry: entry, node: node) }, then: { _ in })
                    // It could not even leave (no server for it): it stays.
                    if fileClient(node).entries[victim]?.dirty == true { return }
                }
                withClient(node) { $0.forget(victim) }
            case .evict(.page(let key), let dirty)?:
                // A page whose write-back fails comes back dirty (writeBackPage).
                if dirty { writeBackPage(key, node: node, op: -1, failed: { _ in }, then: { _ in }) }
                forgetPage(key, node: node)
            case .done?, nil:
                return
            }
        }
    }

    func restoreEvicted(_ file: Int, entry: ClientFileEntry, node: Int) {
        guard !fs.files[file].deleted, nodes[node].isUp else { return }
        withClient(node) { client in
            guard client.entries[file] == nil else { return }
            client.entries[file] = entry
            client.lru.touch(file, weight: fs.config.blocks(entry.size))
        }
        if writePolicy.usesFlushDaemon { ensureFlushDaemon(node) }
    }
}

/// What a client cache holds: a file's copy, or a backing file's page (bypass off).
enum CachedItem: Equatable {
    case file(Int)
    case page(BlockKey)
}

/// One step of making room in a client cache: whether the item fits (or never can), else what leaves first.
enum RoomStep {
    case done(fits: Bool)
    case evict(CachedItem, dirty: Bool)
}
