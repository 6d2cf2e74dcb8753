/// The file steps that are not open, read, write or close: delete, stat,
/// sync, create and mkdir, and directory listings.
extension Simulation {
    // MARK: Other steps

    func delete(_ path: String, node: Int, op: Int32) {
        guard path != "/" else { return failFileStep(node, op, .rootDirectory(path: path)) }
        callServer("delete", path: path, node: node, op: op, requestBytes: Int64(path.utf8.count),
                   serve: { sim, _ in sim.serveDelete(path) },
                   then: { sim, _, answer in
                       if let refusal = answer.refusal(for: path) { return sim.failFileStep(node, op, refusal) }
                       var never: Int64 = 0
                       if let file = sim.fs.fileIndex[path] {
                           for client in sim.fileClients.keys.sorted() {
                               sim.withClient(client) { c in
                                   if let entry = c.entries[file], entry.dirty { never += entry.size }
                                   c.entries[file] = nil
                                   c.lru.remove(file)
                               }
                           }
                           sim.fs.fileIndex[path] = nil
                       }
                       sim.fs.statistics.bytesNeverWritten += never
                       sim.record(.fileDeleted(operation: op, path: path, neverWrittenBytes: never), at: node)
                       sim.completeFileStep(node, op)
                   })
    }

    func stat(_ path: String, node: Int, op: Int32) {
        // Attributes come from the cache only when an open could use the
        // cached copy without asking the server.
        if let file = fs.fileIndex[path], let entry = fileClient(node).entries[file],
           !consistency.openNeedsServer(entry, now: now, config: fs.config) {
            completeLocally(node, op) { sim in
                sim.record(.fileStat(operation: op, path: path, bytes: entry.size, version: entry.version,
                                     modified: entry.modified, directory: false), at: node)
            }
            return
        }
        callServer("getattr", path: path, node: node, op: op, requestBytes: 16,
                   serve: { sim, _ in
                       if let file = sim.liveFile(path) {
                           var answer = sim.serveAttributes(file)
                           answer.isDirectory = sim.fs.files[file].isDirectory
                           return answer
                       }
                       // A directory with no record of its own: the root, a domain's, or one above a domain.
                       return sim.isDirectory(path) ? CallAnswer(replyBytes: 64, isDirectory: true)
                           : sim.missingAnswer(path)
                   },
                   then: { sim, _, answer in
                       if let refusal = answer.refusal(for: path) { return sim.failFileStep(node, op, refusal) }
                       sim.record(.fileStat(operation: op, path: path, bytes: answer.size, version: answer.version,
                                            modified: answer.modified, directory: answer.isDirectory), at: node)
                       sim.completeFileStep(node, op)
                   })
    }

    func sync(node: Int, op: Int32) {
        let dirty = fileClient(node).entries.filter(\.value.dirty).keys.sorted()
        guard !dirty.isEmpty else {
            completeLocally(node, op) { sim in sim.record(.synced(operation: op, files: 0), at: node) }
            return
        }
        var remaining = dirty.count
        for file in dirty {
            writeBack(file: file, node: node, why: .sync, op: op) { sim in
                remaining -= 1
                if remaining == 0 {
                    sim.record(.synced(operation: op, files: dirty.count), at: node)
                    sim.completeFileStep(node, op)
                }
            }
        }
    }

    func create(_ path: String, size: Int64, directory: Bool, node: Int, op: Int32) {
        if !directory, let failure = reserveFileBytes(size) {
            failFileStep(node, op, failure)
            return
        }
        callServer(directory ? "mkdir" : "create", path: path, node: node, op: op, requestBytes: Int64(path.utf8.count),
                   serve: { sim, server in
                       sim.serveCreate(path, size: size, directory: directory, server: server, creator: node, op: op)
                   },
                   then: { sim, _, answer in
                       if let refusal = answer.refusal(for: path) { return sim.failFileStep(node, op, refusal) }
                       // create of a name that is a directory.
                       guard !answer.isDirectory else { return sim.failFileStep(node, op, .isDirectory(path: path)) }
                       sim.record(.fileCreated(operation: op, path: path, bytes: size, directory: directory), at: node)
                       sim.completeFileStep(node, op)
                   })
    }

    /// Lists a directory. Under NFS a listing is cached and trusted for the
    /// directory timeout (30–60 s), so new files may not show up at once
    /// (Simulation+Listings).
    func list(_ path: String, node: Int, op: Int32) {
        if let cached = trustedListing(node: node, path: path) {
            fs.statistics.clientHits += 1
            completeLocally(node, op) { sim in
                sim.completeListing(path, names: cached.names, node: node, op: op, source: cached.source)
            }
            return
        }
        var names: [String] = []
        var servedAt = SimTime.zero
        callServer("readdir", path: path, node: node, op: op, requestBytes: Int64(path.utf8.count),
                   serve: { sim, _ in
                       // ls is readdir: a regular file is not a directory to read.
                       if let file = sim.liveFile(path), !sim.fs.files[file].isDirectory {
                           return CallAnswer(notADirectory: path)
                       }
                       guard sim.isDirectory(path) else { return sim.missingAnswer(path) }
                       names = sim.children(of: path)
                       servedAt = sim.now
                       sim.registerListingCallback(path, node: node)
                       return CallAnswer(replyBytes: Int64(names.joined().utf8.count))
                   },
                   then: { sim, _, answer in
                       if let refusal = answer.refusal(for: path) { return sim.failFileStep(node, op, refusal) }
                       // A directory's modification time is when its entries last changed.
                       let modified = sim.fs.directoryModified[path] ?? .zero
                       if sim.mayCacheListing(path, node: node, servedAt: servedAt) {
                           sim.withClient(node) { $0.listings[path] = (names, sim.now, modified) }
                       }
                       sim.completeListing(path, names: names, node: node, op: op, source: .server)
                       sim.completeFileStep(node, op)
                   })
    }

    func children(of directory: String) -> [String] {
        let prefix = directory == "/" ? "/" : directory + "/"
        var names: Set<String> = []
        // Domains below show as entries too, as Sprite's remote links do.
        for path in fs.files.lazy.filter({ !$0.deleted }).map(\.path) + fs.domains.keys
        where path.hasPrefix(prefix) && path != directory {
            if let name = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return names.sorted()
    }
}
