/// The server side of the file system: requests are handled when they
/// arrive; a Sprite open may first recall dirty data from the last writer.
extension Simulation {
    private var consistencyProtocol: any ConsistencyProtocol { fs.config.consistency.implementation }

    func attributes(_ file: Int) -> CallAnswer {
        let f = fs.files[file]
        return CallAnswer(replyBytes: 64, version: f.version, modified: f.modified, content: f.content, size: f.size,
                          cachingDisabled: f.cachingDisabled)
    }

    func serveAttributes(_ file: Int) -> CallAnswer { attributes(file) }

    /// Creates a file at `server` (an open for writing of a missing file).
    @discardableResult
    func createAtServer(_ path: String, server: Int, directory: Bool, size: Int64 = 0) -> Int {
        if let existing = liveFile(path) { return existing }
        createParents(of: path, server: server)
        var file = ServerFile(path: path, server: server, isDirectory: directory)
        if size > 0 {
            file.content = newContent(bytes: nil, size: size)
            file.size = size
        }
        file.modified = now
        fs.files.append(file)
        fs.fileIndex[path] = fs.files.count - 1
        countFileBelowAncestors(path, +1)
        recordDirectoryChange(path, added: true, directory: directory)
        fs.statistics.diskWrites += 1
        return fs.files.count - 1
    }

    /// Callbacks: registers `client` as holding a copy of `file`; the epoch promised.
    func promise(_ file: Int, to client: Int) -> Int? {
        consistencyProtocol.serverPromise(&fs.files[file], client: client)
    }

    /// An open's answer: the attributes, and under whole-file caching the data
    /// too, unless the client's copy (`cachedVersion`) is current.
    private func openAnswer(_ file: Int, server: Int, promise: Int?, wantsData: Bool,
                            cachedVersion: Int?) -> CallAnswer {
        let attributes = attributes(file)
        guard wantsData, cachedVersion != attributes.version, !attributes.cachingDisabled else {
            var answer = attributes
            answer.promise = promise
            return answer
        }
        var answer = serveRead(file, server: server)
        answer.carriesData = true
        answer.promise = promise
        return answer
    }

    func serveOpen(_ path: String, client: Int, server: Int, writable: Bool, wantsData: Bool = false,
                   cachedVersion: Int? = nil) -> CallAnswer? {
        let existing = liveFile(path)
        if isDirectory(path) { return CallAnswer(isDirectory: true) }
        if existing == nil, let file = regularFileAbove(path) { return CallAnswer(notADirectory: file) }
        guard let file = existing ?? (writable ? createAtServer(path, server: server, directory: false) : nil) else {
            return CallAnswer(missing: true)
        }
        let actions = consistencyProtocol.serverOpen(&fs.files[file], client: client, writable: writable)
        let promised = promise(file, to: client)
        let answer: (Simulation) -> CallAnswer = { sim in
            sim.openAnswer(file, server: server, promise: promised, wantsData: wantsData, cachedVersion: cachedVersion)
        }
        // The open is answered only once the newest data is here: dirty
        // blocks recalled from the last writer, or written back by clients
        // that must stop caching.
        let openCall = fs.servingCall
        var waiting = 0
        let arrived: (Simulation) -> Void = { sim in
            waiting -= 1
            if waiting == 0 { sim.answerCall(openCall, answer(sim)) }
        }
        var recalled: Set<Int> = []
        if !actions.disableCachingOn.isEmpty {
            fs.statistics.cachingDisabled += 1
            record(.cachingDisabled(path: path, clients: actions.disableCachingOn), at: server)
            for other in actions.disableCachingOn where other != client {
                let dirty = fileClients[other]?.entries[file]?.dirty == true && nodes[other].isUp
                if dirty {
                    waiting += 1
                    recalled.insert(other)
                }
                stopCaching(file, client: other, server: server, then: dirty ? arrived : nil)
            }
        }
        if let writer = actions.recallFrom, !recalled.contains(writer), nodes[writer].isUp,
           readClient(writer, { $0.entries[file]?.dirty }) == true {
            // Sequential write-sharing: the newest data is dirty at the last writer.
            waiting += 1
            recall(file, from: writer, server: server, then: arrived)
        }
        return waiting == 0 ? answer(self) : nil
    }

    /// Asks `writer` for its dirty blocks of `file` and applies them.
    private func recall(_ file: Int, from writer: Int, server: Int, then: @escaping (Simulation) -> Void) {
        var returned: ClientFileEntry?
        call("recall", from: server, to: writer, requestBytes: 16, operation: -1,
             serve: { sim in
                 guard let entry = sim.fileClient(writer).entries[file], entry.dirty else {
                     return CallAnswer(replyBytes: 0)
                 }
                 returned = entry
                 sim.withClient(writer) { $0.entries[file]?.dirty = false; $0.entries[file]?.unflushedWrites = [] }
                 return CallAnswer(replyBytes: entry.size)
             },
             then: { sim, _ in
                 if let entry = returned {
                     sim.fs.statistics.recalls += 1
                     _ = sim.applyWrite(file, content: entry.content, size: entry.size,
                                        writes: entry.unflushedWrites, from: writer, server: server)
                     sim.withClient(writer) { client in
                         client.entries[file]?.version = sim.fs.files[file].version
                         client.entries[file]?.modified = sim.fs.files[file].modified
                     }
                     sim.record(.recalled(path: sim.fs.files[file].path, from: writer, bytes: entry.size), at: server)
                 }
                 sim.fs.files[file].lastWriter = nil
                 then(sim)
             },
             failed: { sim, _ in then(sim) })
    }

    /// Concurrent write-sharing: `client` must stop caching the file. Its
    /// dirty data comes back with the reply, and its copy is dropped, so
    /// nothing stale is left to read when caching is enabled again.
    private func stopCaching(_ file: Int, client: Int, server: Int, then: ((Simulation) -> Void)?) {
        var returned: ClientFileEntry?
        call("disable-caching", from: server, to: client, requestBytes: 16, operation: -1,
             serve: { sim in
                 let entry = sim.fileClients[client]?.entries[file]
                 sim.withClient(client) { c in
                     c.uncached.insert(file)
                     c.uncachedUntilClose.remove(file)
                     c.entries[file] = nil
                     c.lru.remove(file)
                 }
                 guard let entry, entry.dirty else { return CallAnswer() }
                 returned = entry
                 return CallAnswer(replyBytes: entry.size)
             },
             then: { sim, _ in
                 if let entry = returned {
                     // The writer's dirty blocks came back at the server's request: a recall.
                     sim.fs.statistics.recalls += 1
                     _ = sim.applyWrite(file, content: entry.content, size: entry.size,
                                        writes: entry.unflushedWrites, from: client, server: server)
                     sim.record(.fileFlushed(path: sim.fs.files[file].path, bytes: entry.size,
                                             writes: entry.unflushedWrites.count, why: .recall), at: client)
                 }
                 then?(sim)
             },
             failed: { sim, _ in then?(sim) })
    }

    /// Write-sharing ended: clients may cache the file again, except where it
    /// is still open. "For simplicity, Sprite does not re-enable caching for
    /// files that are already open" (Nelson, Welch and Ousterhout 1988): such a
    /// client caches again only from its next open, once those sessions close.
    private func enableCachingAgain(_ file: Int) {
        for other in fileClients.keys.sorted() {
            withClient(other) { client in
                guard client.uncached.contains(file) else { return }
                if client.sessions.values.contains(where: { $0.file == file }) {
                    client.uncachedUntilClose.insert(file)
                } else {
                    client.uncached.remove(file)
                }
            }
        }
    }

    func serveClose(file: Int, client: Int, writable: Bool, wrote: Bool) -> CallAnswer {
        let server = fs.files[file].server
        let actions = consistencyProtocol.serverClose(&fs.files[file], client: client, writable: writable, wrote: wrote)
        if actions.cachingEnabledAgain {
            record(.cachingEnabled(path: fs.files[file].path), at: server)
            enableCachingAgain(file)
        }
        for other in actions.invalidate {
            fs.statistics.invalidations += 1
            call("callback", from: server, to: other, requestBytes: 16, operation: -1,
                 serve: { sim in
                     let kept = sim.withClient(other) { client in
                         // The next open must ask; an open session keeps the copy it opened.
                         let open = client.sessions.values.contains { $0.file == file }
                         if client.entries[file]?.dirty == false && !open {
                             client.entries[file] = nil
                             client.lru.remove(file)
                         }
                         client.entries[file]?.callbackValid = false
                         client.brokenCallbacks[file] = max(client.brokenCallbacks[file] ?? 0, actions.epoch)
                         return client.entries[file] != nil
                     }
                     sim.record(.invalidated(path: sim.fs.files[file].path, by: server, kept: kept), at: other)
                     return CallAnswer()
                 },
                 then: { _, _ in }, failed: { _, _ in })
        }
        return CallAnswer(replyBytes: 16)
    }

    /// Reads a whole file at its server: blocks missing from the server's
    /// cache come from its disk.
    func serveRead(_ file: Int, server: Int) -> CallAnswer {
        var answer = attributes(file)
        answer.replyBytes = fs.files[file].size
        answer.disk = readBlocks(file, server: server, first: 0, count: fs.config.blocks(fs.files[file].size))
        return answer
    }

    /// Looks blocks first..<first+count of `file` up in the server's cache
    /// and returns those its disk must read (nil for none, or no disk).
    func readBlocks(_ file: Int, server: Int, first: Int64, count: Int64) -> DiskRead? {
        let drive = nodes[server].spec.disk
        var disk = drive.map { DiskRead(file: file, drive: $0, blockSize: fs.config.blockSize) }
        // Taken out while it changes: a copy beside the one in the table would
        // make the first change copy the whole cache.
        var cache = fs.serverCaches.removeValue(forKey: server) ?? LRUList<BlockKey>()
        var misses: Int64 = 0
        let capacity = serverCacheCapacity(server)
        let end = first + count
        if fs.serverCacheOff.contains(server) {
            // No block cache: every block comes from the disk.
            misses = count
            fs.statistics.serverMisses += Int(count)
            disk?.add(first, count: count)
        } else if count > capacity {
            // Only the last `capacity` blocks can stay: count the cached ones
            // instead of touching every block of a file larger than memory.
            // Those are its last blocks, so the misses are one run before them.
            let hits = Int64(cache.count { $0.file == file && $0.block >= first && $0.block < end })
            misses = count - hits
            fs.statistics.serverHits += Int(hits)
            fs.statistics.serverMisses += Int(misses)
            disk?.add(first, count: misses)
            disk?.wait(until: nodes[server].arm.arrival(of: file, first..<end, now: now))
            cache.keepOnly(file: file, blocks: end, capacity: capacity)
        } else {
            for block in first..<end {
                let key = BlockKey(file: file, block: block)
                if cache.contains(key) {
                    fs.statistics.serverHits += 1
                    disk?.wait(until: nodes[server].arm.arrival(of: file, block..<block + 1, now: now))
                } else {
                    misses += 1
                    fs.statistics.serverMisses += 1
                    disk?.add(block)
                }
                cache.touch(key, weight: 1)
            }
        }
        while cache.totalWeight > capacity, let cold = cache.coldest(where: { _ in true }) { cache.remove(cold) }
        fs.serverCaches[server] = cache
        guard let disk, misses > 0 || disk.notBefore > now else { return nil }
        fs.statistics.diskReads += Int(misses)
        return disk
    }

    /// New contents reach the server: a new version. The server's cache
    /// takes the blocks; its disk is written behind, off the reply's path.
    /// `writes` are the write events whose versions this one holds, oldest
    /// first (a dirty copy carries every write made to it); the last made `content`.
    func applyWrite(_ file: Int, content: ContentID, size: Int64, writes: [Int], from client: Int,
                    server: Int) -> CallAnswer {
        fs.files[file].content = content
        fs.files[file].size = size
        fs.files[file].version += 1
        fs.files[file].modified = now
        fs.files[file].lastWriteEvent = writes.last ?? fs.files[file].lastWriteEvent
        noteStored(writes)
        if fs.files[file].lastWriter == client, readClient(client, { $0.entries[file]?.dirty }) != true {
            fs.files[file].lastWriter = nil
        }
        fs.statistics.bytesToServer += size
        fs.statistics.diskWrites += Int(fs.config.blocks(size))
        if fs.serverCacheOff.contains(server) { return attributes(file) }
        // Taken out while it changes, as in readBlocks.
        var cache = fs.serverCaches.removeValue(forKey: server) ?? LRUList<BlockKey>()
        let blocks = fs.config.blocks(size), capacity = serverCacheCapacity(server)
        if blocks > capacity {
            cache.keepOnly(file: file, blocks: blocks, capacity: capacity)
        } else {
            for block in 0..<blocks { cache.touch(BlockKey(file: file, block: block), weight: 1) }
        }
        while cache.totalWeight > capacity, let cold = cache.coldest(where: { _ in true }) { cache.remove(cold) }
        fs.serverCaches[server] = cache
        var answer = attributes(file)
        // The writer holds the version it stored (callbacks: a promise for it).
        answer.promise = promise(file, to: client)
        return answer
    }

    /// Blocks a server's block cache holds: its memory, or the size it was given.
    func serverCacheCapacity(_ server: Int) -> Int64 {
        fs.serverCacheBlocks[server] ?? max(1, nodes[server].spec.memoryBytes / fs.config.blockSize)
    }

    func serveDelete(_ path: String) -> CallAnswer {
        if isNamespaceRoot(path) { return CallAnswer(namespaceRoot: true) }
        // A directory goes only once it is empty, as rmdir would.
        if isDirectory(path) && !children(of: path).isEmpty { return CallAnswer(notEmpty: true) }
        guard let file = liveFile(path) else { return missingAnswer(path) }
        fs.files[file].deleted = true
        countFileBelowAncestors(path, -1)
        recordDirectoryChange(path, added: false, directory: fs.files[file].isDirectory)
        return CallAnswer(replyBytes: 16)
    }

    func serveCreate(_ path: String, size: Int64, directory: Bool, server: Int, creator: Int, op: Int32)
        -> CallAnswer {
        if let file = regularFileAbove(path) { return CallAnswer(notADirectory: file) }
        // mkdir of any name that exists, or a regular file where a directory is.
        if directory, liveFile(path) != nil || isDirectory(path) { return CallAnswer(exists: true) }
        if !directory, isDirectory(path) { return CallAnswer(isDirectory: true) }
        // create makes a new file: replacing one in place would bypass its readers' caches.
        if !directory, liveFile(path) != nil { return CallAnswer(exists: true) }
        let file = createAtServer(path, server: server, directory: directory, size: size)
        recordCreatedContents(file, creator: creator, op: op)
        return attributes(file)
    }

    /// A created file's contents are a write like any other: recorded in the
    /// history (outside any session, so committed at once) and as the file's
    /// latest and committed write, or every later read would be judged
    /// against the empty file.
    /// `op`: the create, nil for a file made at the server with no operation (a build's checked-out sources).
    func recordCreatedContents(_ file: Int, creator: Int, op: Int32?) {
        let content = fs.files[file].content
        guard content != emptyContent else { return }
        let start = op.flatMap { operations[Int($0)].startedAt } ?? now
        let event = recordFileEvent(.write(content: content, basedOn: noContent), node: creator, session: -1,
                                    file: file, start: start)
        // A create has no session to name its process: the operation does.
        if let op, let process = operations[Int(op)].process { fs.history[event].process = process }
        noteLatestWrite(file, content: content, event: event)
        fs.committed[file] = (content, event)
        // Made at the server: stored there at once.
        noteStored([event])
    }

    // MARK: Crashes

    /// A client crash loses every write still dirty in its cache.
    func fileSystemCrash(_ node: Int, giveUp: SimTime) {
        if let client = fileClients[node] {
            var losses: [CrashLoss] = []
            // A file may have writes on their way and no copy left: an eviction lets it go as it sends them.
            for file in Set(client.entries.keys).union(client.inFlight.keys).sorted() {
                let entry = client.entries[file]
                let unsent = entry?.dirty == true ? entry?.unflushedWrites ?? [] : []
                for event in unsent + (client.inFlight[file] ?? []) {
                    losses.append(CrashLoss(node: node, path: fs.files[file].path, writeEvent: event,
                                            writtenAt: fs.history[event].start, crashedAt: now))
                }
            }
            fs.crashLosses += losses
            if !losses.isEmpty { record(.writesLost(node: node, losses: losses), at: node) }
            // Every issuer's step served from memory, then the steps still waiting.
            for op in client.localSteps.map(\.operation).sorted() { fail(op, .nodeDown(node: node)) }
            for step in queuedFileSteps(node) { fail(step.operation, .nodeDown(node: node)) }
            var fresh = FileClient(capacityBlocks: client.capacityBlocks)
            fresh.cacheEnabled = client.cacheEnabled
            fileClients[node] = fresh
            resetFileIssuers(node)
        }
        endTransaction(crashed: node)
        // Servers forget the crashed client's opens and promises.
        forgetListingCallbacks(of: node)
        for index in fs.files.indices {
            fs.files[index].openers[node] = nil
            fs.files[index].callbacks.remove(node)
            if fs.files[index].lastWriter == node { fs.files[index].lastWriter = nil }
            if fs.files[index].cachingDisabled
                && (fs.files[index].openClientCount <= 1 || fs.files[index].writerCount == 0) {
                fs.files[index].cachingDisabled = false
                enableCachingAgain(index)
            }
        }
        fs.serverCaches[node] = nil
        cachePlacesCrash(node)
        // Calls the crashed node made die with it. Calls it had received will
        // never be answered: their callers find out when the retransmission
        // budget runs out. (Requests still on their way are dropped on arrival
        // and retransmitted like any lost message.)
        for (id, pending) in fs.calls.sorted(by: { $0.key < $1.key }) {
            if pending.client == node {
                fs.calls[id] = nil
                if pending.operation >= 0 { fail(pending.operation, .nodeDown(node: node)) }
            } else if pending.server == node && pending.delivered {
                schedule(.files(.callTimeout(call: id)), at: giveUp)
            }
        }
        blockTransfersCrash(node, giveUp: giveUp)
    }

    /// A call whose server crashed after receiving it: the caller gives up.
    func callTimedOut(_ id: Int32) {
        guard let pending = fs.calls[id] else { return }
        let failure = OperationFailure.peerCrashed(node: pending.server)
        failCall(id, failure)
        if pending.operation >= 0 { fail(pending.operation, failure) }
    }
}
