/// A node's file-system client: it performs its file steps in order, each
/// through the client cache and, when the consistency protocol or the write
/// policy says so, through calls to the file's server.
extension Simulation {
    // MARK: Issuing steps

    /// `readable: false` opens for writing only (needs `writable`): the session's reads fail.
    public func openFile(on node: Int, process: Int? = nil, path: String, writable: Bool,
                         readable: Bool = true) -> Int32 {
        enqueueFileStep(.open, node: node, process: process) { op in
            noteTransaction(ofOpen: op, node: node)
            return .open(path: path, writable: writable, readable: readable || !writable, operation: op)
        }
    }

    public func readFile(on node: Int, process: Int? = nil, path: String?) -> Int32 {
        enqueueFileStep(.read, node: node, process: process) { .read(path: path, operation: $0) }
    }

    /// Writes `text` (or `size` synthetic bytes), replacing the file's
    /// contents or, with `append`, adding to them.
    public func writeFile(on node: Int, process: Int? = nil, path: String?, text: [UInt8]?, size: Int64,
                          append: Bool) -> Int32 {
        enqueueFileStep(.write, node: node, process: process) {
            .write(path: path, text: text, size: size, append: append, operation: $0)
        }
    }

    public func closeFile(on node: Int, process: Int? = nil, path: String?) -> Int32 {
        enqueueFileStep(.close, node: node, process: process) { .close(path: path, operation: $0) }
    }

    public func deleteFile(on node: Int, process: Int? = nil, path: String) -> Int32 {
        enqueueFileStep(.delete, node: node, process: process) { .delete(path: path, operation: $0) }
    }

    public func statFile(on node: Int, process: Int? = nil, path: String) -> Int32 {
        enqueueFileStep(.stat, node: node, process: process) { .stat(path: path, operation: $0) }
    }

    public func syncFiles(on node: Int, process: Int? = nil) -> Int32 {
        enqueueFileStep(.sync, node: node, process: process) { .sync(operation: $0) }
    }

    /// Creates a file of `size` synthetic bytes, or a directory.
    public func createFile(on node: Int, process: Int? = nil, path: String, size: Int64, directory: Bool) -> Int32 {
        enqueueFileStep(directory ? .mkdir : .create, node: node, process: process) {
            .create(path: path, size: size, directory: directory, operation: $0)
        }
    }

    public func listDirectory(on node: Int, process: Int? = nil, path: String) -> Int32 {
        enqueueFileStep(.list, node: node, process: process) { .list(path: path, operation: $0) }
    }

    public func resolvePath(on node: Int, path: String) -> Int32 {
        enqueueFileStep(.resolve, node: node) { .resolve(path: path, operation: $0) }
    }

    /// NFS: mounts `server`'s exported `remote` directory at `point` on `node`
    /// (one call to the server's mount daemon, which checks the export).
    public func mount(on node: Int, server: Int, remote: String, at point: String) -> Int32 {
        let (remote, point) = (FilePath.normalize(remote), FilePath.normalize(point))
        withClient(node) { _ = $0.requestedMounts.insert(point) }
        return enqueueFileStep(.mount, node: node) {
            .mount(server: server, remote: remote, point: point, operation: $0)
        }
    }

    /// `process`: the process that issued the step, nil for the node itself (its shell). Each issuer
    /// has one step in progress and the rest wait behind it, in order (Processes/Simulation+Shell);
    /// steps of different issuers on one node are in flight at once.
    func enqueueFileStep(_ kind: OperationKind, node: Int, process: Int? = nil,
                         _ make: (Int32) -> FileStep) -> Int32 {
        let op = newOperation(kind, node: node, process: process)
        guard nodes[node].isUp else {
            fail(op, .nodeDown(node: node))
            return op
        }
        // Every path a step names is normalised once, here.
        let step = make(op).renamed(FilePath.normalize)
        operations[Int(op)].path = step.path
        // The node's client exists from its first step on.
        withClient(node) { _ in }
        queueFileStep(step, node: node)
        return op
    }

    // MARK: Running steps

    /// Starts a step its issuer took from its queue.
    func startFileStep(_ step: FileStep, node: Int) {
        start(step.operation)
        if let path = step.path, let (point, server) = automountPoint(for: path, node: node) {
            mountCall(node: node, server: server, remote: "/", point: point, automounted: true,
                      op: step.operation) { sim in
                sim.dispatch(step.renamed { sim.canonicalPath($0, node: node) }, node: node)
            }
            return
        }
        dispatch(step.renamed { canonicalPath($0, node: node) }, node: node)
    }

    private func dispatch(_ step: FileStep, node: Int) {
        switch step {
        case .mount(let server, let remote, let point, let op):
            mountCall(node: node, server: server, remote: remote, point: point, automounted: false, op: op) { sim in
                sim.completeFileStep(node, op)
            }
        case .open(let path, let writable, let readable, let op):
            open(path, writable: writable, readable: readable, node: node, op: op)
        case .read(let path, let op): read(path, node: node, op: op)
        case .readBlock(let path, let block, let op): readBlock(path, block: block, node: node, op: op)
        case .readBlocks(let path, let first, let last, let op):
            readBlockRange(path, first: first, last: last, node: node, op: op)
        case .writeBlocks(let path, let first, let last, let op):
            writeBlockRange(path, first: first, last: last, node: node, op: op)
        case .write(let path, let text, let size, let append, let op):
            write(path, text: text, size: size, append: append, node: node, op: op)
        case .close(let path, let op): close(path, node: node, op: op)
        case .delete(let path, let op): delete(path, node: node, op: op)
        case .stat(let path, let op): stat(path, node: node, op: op)
        case .sync(let op): sync(node: node, op: op)
        case .create(let path, let size, let directory, let op):
            create(path, size: size, directory: directory, node: node, op: op)
        case .list(let path, let op): list(path, node: node, op: op)
        case .resolve(let path, let op):
            resolve(path, node: node, op: op) { sim, server in
                let handle = sim.fs.fileIndex[path] ?? -1
                sim.record(.resolved(operation: op, path: path, server: server, handle: handle), at: node)
                sim.completeFileStep(node, op)
            }
        }
    }

    /// The step finished now.
    func completeFileStep(_ node: Int, _ op: Int32) {
        finish(op)
        finishFileStep(node, op)
    }

    /// The step is over (done or failed): its issuer goes on with its next.
    func finishFileStep(_ node: Int, _ op: Int32) {
        // Only a step in progress ends, once: a step can fail more than once.
        guard issuerStepEnded(node, op) else { return }
        // A program's process blocked on the step goes on (Processes/).
        fileStepEnded(op)
        issuerGoesOn(node, after: op)
    }

    func failFileStep(_ node: Int, _ op: Int32, _ failure: OperationFailure) {
        fail(op, failure)
        finishFileStep(node, op)
    }

    /// A step served from memory: it ends after a local kernel call and the
    /// copy of `bytes`, and `then` records it at that end, as a step the
    /// server answers is recorded when the reply arrives. Its time is the charge.
    func completeLocally(_ node: Int, _ op: Int32, copying bytes: Int64 = 0,
                         then: @escaping (Simulation) -> Void = { _ in }) {
        let cost = network.config.cost
        let done = now + cost.localMessageCost + cost.localCopy(bytes: bytes)
        guard !done.isPastHorizon else { return failFileStep(node, op, .endOfTime) }
        withClient(node) { $0.localSteps.append((op, then)) }
        schedule(.files(.fileStepDone(node: Int32(node), operation: op)), at: done)
    }

    /// The end of a local step's charge. A crash in between failed the step
    /// and gave the node a fresh client, which knows nothing of it.
    func localStepDone(_ node: Int, _ op: Int32) {
        guard let then = withClient(node, { client -> ((Simulation) -> Void)? in
            guard let index = client.localSteps.firstIndex(where: { $0.operation == op }) else { return nil }
            return client.localSteps.remove(at: index).then
        }) else { return }
        then(self)
        completeFileStep(node, op)
    }

    var consistency: any ConsistencyProtocol { fs.config.consistency.implementation }
    var writePolicy: any WritePolicy { fs.config.writePolicy.policy }

    // MARK: Open and close

    private func open(_ path: String, writable: Bool, readable: Bool, node: Int, op: Int32) {
        let protocolKind = consistency
        let known = fs.fileIndex[path].flatMap { fs.files[$0].deleted ? nil : $0 }
        let entry = known.flatMap { file in readClient(node) { $0.entries[file] } }
        let cacheEnabled = readClient(node) { $0.cacheEnabled }
        if let file = known, let entry, cacheEnabled,
           !protocolKind.openNeedsServer(entry, now: now, config: fs.config) {
            completeLocally(node, op) { sim in
                sim.beginSession(node: node, file: file, mode: (readable, writable), op: op,
                                 action: .usedWithoutCheck, version: entry.version)
            }
            return
        }
        // Whole-file caching (callbacks, or whole-file access): the open brings the data unless the clean copy
        // here is current.
        let shipsWholeFiles = protocolKind.fetchesAtOpen || fs.places.model(of: node).shipsWholeFiles
        let wantsData = shipsWholeFiles && cacheEnabled && entry?.dirty != true
        let room = wholeFileRoom(node: node)
        callServer("open", path: path, node: node, op: op, requestBytes: Int64(path.utf8.count),
                   serve: { sim, server in
                       let fits = sim.fs.fileIndex[path].map { sim.fs.config.blocks(sim.fs.files[$0].size) <= room }
                       return sim.serveOpen(path, client: node, server: server, writable: writable,
                                            wantsData: wantsData && fits != false, cachedVersion: entry?.version)
                   },
                   then: { sim, _, answer in
                       guard !answer.isDirectory else { return sim.failFileStep(node, op, .isDirectory(path: path)) }
                       if let refusal = answer.refusal(for: path) { return sim.failFileStep(node, op, refusal) }
                       guard let file = sim.fs.fileIndex[path] else {
                           sim.failFileStep(node, op, .noSuchFile(path: path))
                           return
                       }
                       let action = sim.reconcileCache(node: node, file: file, answer: answer)
                       let begin: (Simulation) -> Void = { sim in
                           sim.beginSession(node: node, file: file, mode: (readable, writable), op: op,
                                            action: action, version: answer.version)
                           sim.completeFileStep(node, op)
                       }
                       guard answer.carriesData else { return begin(sim) }
                       sim.fs.statistics.clientMisses += 1
                       sim.storeInDiskCache(node: node, file: file, answer: answer, block: nil)
                       sim.cacheFetched(node: node, file: file, answer: answer, op: op, then: begin)
                   },
                   failed: { sim, failure in
                       sim.openDisconnected(path, writable: writable, node: node, op: op, failure) { file, version in
                           sim.beginSession(node: node, file: file, mode: (readable, writable), op: op,
                                            action: .disconnected(version: version), version: version)
                       }
                   })
    }

    /// The most blocks a whole-file open may bring: what the client's memory cache or its disk cache can
    /// hold. AFS's cache manager bounds what it fetches by its cache; a larger file is not downloaded at
    /// the open, and its reads and writes go to the server as under `files` access.
    private func wholeFileRoom(node: Int) -> Int64 {
        max(readClient(node) { $0.capacityBlocks }, fs.places.diskCaches[node]?.capacityBlocks ?? 0)
    }

    /// After the server answered an open or getattr: keep, refresh or drop
    /// the cached copy.
    func reconcileCache(node: Int, file: Int, answer: CallAnswer) -> CacheAction {
        validateHeldCopies(node: node, file: file, version: answer.version, modified: answer.modified)
        return withClient(node) { client in
            guard client.cacheEnabled else { return .cacheOff }
            if answer.cachingDisabled {
                client.uncached.insert(file)
                if client.entries[file]?.dirty != true {
                    client.entries[file] = nil
                    client.lru.remove(file)
                }
                return .cachingDisabled
            }
            client.uncached.remove(file)
            client.uncachedUntilClose.remove(file)
            guard var entry = client.entries[file] else { return .miss }
            if consistency.cacheIsCurrent(entry, serverVersion: answer.version, serverModified: answer.modified) {
                entry.validatedAt = now
                entry.callbackValid = client.trusts(answer, file: file)
                client.entries[file] = entry
                return .validated
            }
            client.entries[file] = nil
            client.lru.remove(file)
            return .droppedStale(cachedVersion: entry.version, serverVersion: answer.version)
        }
    }

    /// Caches the data a reply carried if the cache can hold it, making room
    /// first (Simulation+WriteBack), then continues. A copy too large for the
    /// cache is kept nowhere: it was read through.
    func cacheFetched(node: Int, file: Int, answer: CallAnswer, op: Int32, then: @escaping (Simulation) -> Void) {
        let caching = clientMayCache(node: node, file: file) && !answer.cachingDisabled
        makeRoom(for: file, blocks: caching ? fs.config.blocks(answer.size) : .max, node: node, op: op) { sim, fits in
            sim.withClient(node) { client in
                if fits {
                    _ = client.cacheFetched(file, answer, now: sim.now, blocks: sim.fs.config.blocks(answer.size))
                } else if client.entries[file]?.dirty == false {
                    client.forget(file)
                }
            }
            then(sim)
        }
    }

    /// Whether the node's cache may take the file's data now. A helper, so its
    /// copy of the client is gone before anything goes on: a copy still alive
    /// when the client changes makes the change copy the client's tables
    /// (its whole queue of steps among them) instead of editing them.
    func clientMayCache(node: Int, file: Int) -> Bool {
        readClient(node) { client in
            client.cacheEnabled && !client.uncached.contains(file) && client.entries[file]?.dirty != true
        }
    }

    /// The node's cached copy of the file and whether the cache may be used
    /// for it (not off, not uncached by the server); see `clientMayCache`.
    func cachedCopy(node: Int, file: Int) -> (entry: ClientFileEntry?, cacheable: Bool) {
        readClient(node) { client in (client.entries[file], client.cacheEnabled && !client.uncached.contains(file)) }
    }

    /// The cached copy a read may use as it is (dirty, or trusted by the
    /// protocol), counted as a hit and touched in the LRU list; nil for a miss.
    func cacheHit(node: Int, file: Int, cached: ClientFileEntry?, cacheable: Bool) -> ClientFileEntry? {
        guard let entry = cached, cacheable,
              entry.dirty || consistency.readMayUseCache(entry, now: now, config: fs.config) else { return nil }
        fs.statistics.clientHits += 1
        withClient(node) { $0.lru.touch(file, weight: fs.config.blocks(entry.size), at: now) }
        return entry
    }

    func beginSession(node: Int, file: Int, mode: (readable: Bool, writable: Bool), op: Int32,
                      action: CacheAction, version: Int) {
        let writable = mode.writable
        let id = fs.nextSession
        fs.nextSession += 1
        let owner = operations[Int(op)].process ?? -1
        if owner >= 0 { fs.sessionOwners[id] = owner }
        let committedNow = fs.committed[file].map { ($0.content, Optional($0.event)) } ?? (emptyContent, nil)
        withClient(node) { client in
            client.addSession(OpenSession(id: id, file: file, writable: writable, readable: mode.readable,
                                          openedAt: now, committedAtOpen: committedNow, owner: owner,
                                          disconnected: action == .disconnected(version: version)))
        }
        let start = operations[Int(op)].startedAt ?? now
        noteTransaction(ofSession: id, openedBy: op)
        _ = recordFileEvent(.open(writable: writable), node: node, session: id, file: file, start: start)
        record(.fileOpened(operation: op, path: fs.files[file].path, session: id, writable: writable,
                           readable: mode.readable, action: action, version: version), at: node)
    }

    /// The session a read acts on; nil (the step failed) if none is open or it was opened for writing only.
    func readableSession(_ path: String?, node: Int, op: Int32) -> OpenSession? {
        guard let session = session(path, node: node, op: op) else {
            failFileStep(node, op, .notOpen(path: path))
            return nil
        }
        guard session.readable else {
            failFileStep(node, op, .openWriteOnly(path: fs.files[session.file].path))
            return nil
        }
        return session
    }

    /// The session a step acts on: the newest open of `path`, or the newest open, among those the
    /// step's issuer opened (two processes on one node share its cache, not their open files).
    func session(_ path: String?, node: Int, op: Int32) -> OpenSession? {
        let owner = operations.contains(op) ? operations[Int(op)].process ?? -1 : -1
        return readClient(node) { client in
            for id in (client.openOrder[owner] ?? []).reversed() {
                guard let session = client.sessions[id] else { continue }
                if path == nil || fs.files[session.file].path == path { return session }
            }
            return nil
        }
    }

    /// How many files the issuer `owner` (a process, or -1 for the node) has open on `node`.
    func openFileCount(on node: Int, owner: Int) -> Int {
        guard fileClients.index(forKey: node) != nil else { return 0 }
        return readClient(node) { client in client.openOrder[owner]?.count ?? 0 }
    }

    private func close(_ path: String?, node: Int, op: Int32) {
        guard let session = session(path, node: node, op: op) else {
            failFileStep(node, op, .notOpen(path: path))
            return
        }
        // A session a fork shared ends with its last holder: an earlier holder's close is a local call.
        guard !withClient(node, { $0.letGo(session.id, by: operations[Int(op)].process ?? -1) }) else {
            return completeLocally(node, op) { sim in
                sim.record(.fileClosed(operation: op, path: sim.fs.files[session.file].path, session: session.id),
                           at: node)
            }
        }
        let file = session.file
        // A disconnected session never reached the server: its close is local.
        if session.disconnected {
            return completeLocally(node, op) { sim in sim.recordSessionEnd(session, node: node, op: op) }
        }
        let dirty = readClient(node) { $0.entries[file]?.dirty } ?? false
        let flushes = dirty && (writePolicy.flushesOnClose || consistency.flushesOnClose
            || fs.places.model(of: node).shipsWholeFiles)
        let finishClose: (Simulation) -> Void = { sim in
            if sim.consistency.closeNeedsServer(wrote: session.wrote) {
                sim.callServer("close", path: sim.fs.files[file].path, node: node, op: op, requestBytes: 16,
                               serve: { sim, _ in
                                   sim.serveClose(file: file, client: node, writable: session.writable,
                                                  wrote: session.wrote)
                               },
                               then: { sim, _, _ in sim.endSession(session, node: node, op: op) })
            } else if flushes {
                sim.endSession(session, node: node, op: op)
            } else {
                // Nothing to send: the close is a local kernel call.
                sim.completeLocally(node, op) { sim in sim.recordSessionEnd(session, node: node, op: op) }
            }
        }
        if flushes {
            writeBack(file: file, node: node, why: .close, op: op) { sim in finishClose(sim) }
        } else {
            finishClose(self)
        }
    }

    private func endSession(_ session: OpenSession, node: Int, op: Int32) {
        recordSessionEnd(session, node: node, op: op)
        completeFileStep(node, op)
    }

    private func recordSessionEnd(_ session: OpenSession, node: Int, op: Int32) {
        withClient(node) { client in
            let stillOpen = client.removeSession(session, holder: operations[Int(op)].process ?? -1)
            // The last session that saw caching disabled is over: the next open may cache.
            if !stillOpen, client.uncachedUntilClose.remove(session.file) != nil {
                client.uncached.remove(session.file)
            }
        }
        if let last = session.lastWrite { fs.committed[session.file] = (last.content, last.event) }
        let start = operations[Int(op)].startedAt ?? now
        _ = recordFileEvent(.close, node: node, session: session.id, file: session.file, start: start)
        record(.fileClosed(operation: op, path: fs.files[session.file].path, session: session.id), at: node)
    }

    // MARK: Read and write

    private func read(_ path: String?, node: Int, op: Int32) {
        guard let session = readableSession(path, node: node, op: op) else { return }
        if readInDisconnectedSession(session, block: nil, node: node, op: op) { return }
        let file = session.file
        let (cached, cacheable) = cachedCopy(node: node, file: file)
        if let entry = cacheHit(node: node, file: file, cached: cached, cacheable: cacheable) {
            completeLocally(node, op, copying: entry.size) { sim in
                sim.completeRead(session, node: node, op: op, content: entry.content, fromCache: true, entry: entry)
            }
            return
        }
        if cached == nil, readWholeFromDiskCache(session, node: node, op: op) { return }
        if cached != nil, cacheable {
            // The copy is too old to trust: check it with the server first.
            callServer("getattr", path: fs.files[file].path, node: node, op: op, requestBytes: 16,
                       serve: { sim, _ in sim.serveAttributes(file) },
                       then: { sim, _, answer in
                           if case .validated = sim.reconcileCache(node: node, file: file, answer: answer),
                              let fresh = sim.fileClient(node).entries[file] {
                               sim.fs.statistics.clientHits += 1
                               sim.completeRead(session, node: node, op: op, content: fresh.content,
                                                fromCache: true, entry: fresh)
                               sim.completeFileStep(node, op)
                           } else {
                               sim.fetch(session, node: node, op: op)
                           }
                       })
            return
        }
        fetch(session, node: node, op: op)
    }

    /// Reads the file from its server, caching it if the client may.
    private func fetch(_ session: OpenSession, node: Int, op: Int32) {
        fs.statistics.clientMisses += 1
        let file = session.file
        callServer("read", path: fs.files[file].path, node: node, op: op, requestBytes: 16,
                   serve: { sim, server in
                       var answer = sim.serveRead(file, server: server)
                       answer.promise = sim.promise(file, to: node)
                       return answer
                   },
                   then: { sim, _, answer in
                       sim.storeInDiskCache(node: node, file: file, answer: answer, block: nil)
                       sim.cacheFetched(node: node, file: file, answer: answer, op: op) { sim in
                           sim.completeRead(session, node: node, op: op, content: answer.content, fromCache: false,
                                            entry: nil, place: .server(answer))
                           sim.completeFileStep(node, op)
                       }
                   },
                   failed: { sim, failure in sim.readDisconnected(session, block: nil, node: node, op: op, failure) })
    }
}
