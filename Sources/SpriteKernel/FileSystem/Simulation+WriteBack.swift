/// Dirty data leaving a client's cache: write-back to the server, the
/// delayed-write daemon, and eviction of clean files when the cache is full.
extension Simulation {
    // MARK: Write-back

    /// Sends a file's dirty data to its server, then continues.
    func writeBack(file: Int, node: Int, why: FlushReason, op: Int32, then: @escaping (Simulation) -> Void) {
        guard let entry = fileClient(node).entries[file], entry.dirty else {
            then(self)
            return
        }
        let writes = entry.unflushedWrites
        let event = writes.last ?? -1
        withClient(node) { client in
            client.entries[file]?.dirty = false
            client.entries[file]?.unflushedWrites = []
            client.inFlight[file, default: []] += writes
        }
        callServer("write", path: fs.files[file].path, node: node, op: op, requestBytes: entry.size,
                   serve: { sim, server in
                       // At the server now: a crash of the client can no longer lose them.
                       sim.withClient(node) { $0.inFlight[file] = nil }
                       return sim.applyWrite(file, content: entry.content, size: entry.size, event: event, from: node,
                                             server: server)
                   },
                   then: { sim, _, answer in
                       sim.withClient(node) { client in
                           if client.entries[file]?.content == entry.content {
                               client.entries[file]?.version = answer.version
                               client.entries[file]?.modified = answer.modified
                               client.entries[file]?.validatedAt = sim.now
                               let trusted = client.trusts(answer, file: file)
                               client.entries[file]?.callbackValid = trusted
                           }
                       }
                       sim.record(.fileFlushed(path: sim.fs.files[file].path, bytes: entry.size,
                                               writes: writes.count, why: why), at: node)
                       then(sim)
                   },
                   failed: { sim, failure in
                       // The data never reached the server: it is dirty again.
                       sim.withClient(node) { client in
                           client.inFlight[file] = nil
                           if var restored = client.entries[file] {
                               restored.dirty = true
                               restored.unflushedWrites = writes + restored.unflushedWrites
                               client.entries[file] = restored
                           }
                       }
                       // The daemon tries again once the node writes again (or at sync
                       // or close), not on its own: an unreachable server must not keep
                       // a run from ever going idle.
                       if op >= 0 { sim.failFileStep(node, op, failure) }
                   })
    }

    func ensureFlushDaemon(_ node: Int) {
        guard !fileClient(node).daemonScheduled else { return }
        withClient(node) { $0.daemonScheduled = true }
        // The next multiple of the interval, in saturating arithmetic: past the
        // end of time the daemon simply never wakes.
        let interval = max(1, fs.config.flushInterval.nanoseconds)
        let next = SimTime(nanoseconds: now.nanoseconds / interval) * interval + SimTime(nanoseconds: interval)
        schedule(.flushDaemon(node: Int32(node)), at: next)
    }

    /// The delayed-write daemon: write back what has been dirty long enough;
    /// come back while anything is still dirty.
    func flushDaemon(_ node: Int) {
        withClient(node) { $0.daemonScheduled = false }
        guard nodes[node].isUp else { return }
        let client = fileClient(node)
        for (file, entry) in client.entries.sorted(by: { $0.key < $1.key }) where entry.dirty
            && now - entry.dirtySince >= fs.config.flushAge {
            writeBack(file: file, node: node, why: .daemon, op: -1) { _ in }
        }
        if fileClient(node).entries.values.contains(where: \.dirty) { ensureFlushDaemon(node) }
    }

    /// Drops least recently used clean files until the cache fits.
    func evictIfNeeded(_ node: Int) {
        withClient(node) { client in
            while client.lru.totalWeight > client.capacityBlocks,
                  let victim = client.lru.coldest(where: { file in
                      client.entries[file]?.dirty == false && !client.sessions.values.contains { $0.file == file }
                  }) {
                client.lru.remove(victim)
                client.entries[victim] = nil
            }
        }
    }
}
