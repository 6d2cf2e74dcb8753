/// A write a session made, on its way into the client cache or to the server.
struct ClientWrite {
    var file: Int
    var content: ContentID
    /// The file's size after the write, and the bytes the write itself carried.
    var newSize: Int64
    var size: Int64
    var event: Int
}

/// Where a write goes once it is recorded: through to the server, or into
/// the client cache when the policy delays it and the cache has room.
extension Simulation {
    /// Sends the write to the server; with `caching`, the cache keeps the new
    /// contents if they fit. A dirty copy the write replaces goes with it.
    func writeThrough(_ write: ClientWrite, node: Int, op: Int32, caching: Bool) {
        let file = write.file
        // The new contents hold the dirty copy's writes: they are on their way with it.
        let cached = readClient(node) { $0.entries[file] }
        let carried = cached.map { $0.dirty ? $0.unflushedWrites : [] } ?? []
        let dirtyBefore = cached?.dirty == true
        if dirtyBefore {
            withClient(node) { client in
                client.updateEntry(file) { cached in
                    cached.dirty = false
                    cached.unflushedWrites = []
                }
                client.inFlight[file, default: []] += carried
            }
        }
        callServer("write", path: fs.files[file].path, node: node, op: op,
                   requestBytes: dirtyBefore ? write.newSize : write.size,
                   serve: { sim, server in
                       if dirtyBefore { sim.withClient(node) { $0.noLongerInFlight(carried, of: file) } }
                       return sim.applyWrite(file, content: write.content, size: write.newSize,
                                             writes: carried + [write.event], from: node, server: server)
                   },
                   then: { sim, _, answer in
                       // The server now holds what the client wrote: its disk cache may keep that version.
                       if answer.content == write.content {
                           sim.storeInDiskCache(node: node, file: file, answer: answer, block: nil)
                       }
                       let done: (Simulation, Bool) -> Void = { sim, fits in
                           sim.withClient(node) { client in
                               guard fits else { return client.forget(file) }
                               client.entries[file] = ClientFileEntry(content: write.content, size: write.newSize,
                                                                      version: answer.version,
                                                                      modified: answer.modified,
                                                                      validatedAt: sim.now,
                                                                      callbackValid: client.trusts(answer, file: file))
                               client.lru.touch(file, weight: sim.fs.config.blocks(write.newSize),
                                                at: sim.now)
                           }
                           sim.record(.fileWritten(operation: op, path: sim.fs.files[file].path, event: write.event,
                                                   bytes: write.size, toServer: true), at: node)
                           sim.completeFileStep(node, op)
                       }
                       if caching {
                           sim.makeRoom(for: file, blocks: sim.fs.config.blocks(write.newSize), node: node, op: op) {
                               sim, fits in done(sim, fits && caching)
                           }
                       } else {
                           done(sim, false)
                       }
                   },
                   failed: { sim, failure in
                       // Nothing reached the server: the copy is dirty again.
                       if dirtyBefore {
                           sim.withClient(node) { client in
                               client.noLongerInFlight(carried, of: file)
                               guard var entry = client.entries[file] else { return }
                               entry.dirty = true
                               entry.unflushedWrites = carried + entry.unflushedWrites
                               client.entries[file] = entry
                           }
                       }
                       sim.failFileStep(node, op, failure)
                   })
    }

    /// Delays the write in the cache, making room for it first; a file the
    /// cache cannot hold goes through to the server instead.
    func writeIntoCache(_ write: ClientWrite, node: Int, op: Int32) {
        let file = write.file
        makeRoom(for: file, blocks: fs.config.blocks(write.newSize), node: node, op: op) { sim, fits in
            guard fits else { return sim.writeThrough(write, node: node, op: op, caching: false) }
            sim.withClient(node) { client in
                let fresh = ClientFileEntry(content: write.content, size: write.newSize,
                                            version: sim.fs.files[file].version, modified: sim.fs.files[file].modified,
                                            validatedAt: sim.now)
                var updated = client.entries[file] ?? fresh
                if !updated.dirty { updated.dirtySince = sim.now }
                updated.content = write.content
                updated.size = write.newSize
                updated.dirty = true
                updated.unflushedWrites.append(write.event)
                client.entries[file] = updated
                client.lru.touch(file, weight: sim.fs.config.blocks(write.newSize), at: sim.now)
            }
            if sim.writePolicy.usesFlushDaemon && !sim.consistency.holdsWritesUntilClose
                && !sim.fs.places.model(of: node).shipsWholeFiles { sim.ensureFlushDaemon(node) }
            sim.completeLocally(node, op, copying: write.size) { sim in
                sim.record(.fileWritten(operation: op, path: sim.fs.files[file].path, event: write.event,
                                        bytes: write.size, toServer: false), at: node)
            }
        }
    }
}
