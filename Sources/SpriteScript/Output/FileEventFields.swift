import SpriteKernel

/// JSON fields of the file system's events (docs/OUTPUT.md).
enum FileEventFields {
    static func judgement(_ j: Judgement) -> JSONValue {
        switch j {
        case .fresh: return "fresh"
        case .stale: return "stale"
        case .modifiedWhileShared: return "modified-while-shared"
        case .notSerializable: return "not-serializable"
        }
    }

    static func expected(_ j: Judgement, _ c: RenderContext) -> [(String, JSONValue)] {
        guard case .stale(let content, let by) = j else { return [] }
        var fields: [(String, JSONValue)] = [("expected", FileEventWords.contentJSON(content, c))]
        if let by, c.simulation.fileHistory.indices.contains(by) {
            let e = c.simulation.fileHistory[by]
            fields += [("expected_writer", .string(c.node(e.node))), ("expected_write_t", .int(e.start.nanoseconds))]
        }
        return fields
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        func op(_ id: Int32) -> [(String, JSONValue)] {
            [("op", .int(Int64(id)))] + (c.label(id).map { [("label", JSONValue.string($0))] } ?? [])
                // The V process that issued the step; none for the node's own steps.
                + (c.simulation.operation(id)?.process.map { [("process", JSONValue.string(c.process($0)))] } ?? [])
        }
        // A path, a prefix and the server a name event is about.
        func named(_ path: String, _ prefix: String, _ server: Int) -> [(String, JSONValue)] {
            [("path", .string(path)), ("prefix", .string(prefix)), ("server", .string(c.node(server)))]
        }
        switch event {
        case .fileOpened(let id, let path, let session, let writable, let readable, let action, let version):
            return ("file.open", op(id) + [("path", .string(path)), ("session", .int(Int64(session))),
                                           ("writable", .bool(writable)), ("readable", .bool(readable)),
                                           ("cache", .string(FileEventWords.action(action))),
                                           ("version", .int(Int64(version)))])
        case .fileRead(let id, let path, let event, let content, let block, let size, let place, let unix,
                       let session, let reason):
            var fields = op(id) + [("path", .string(path)), ("event_id", .int(Int64(event)))]
            if let block { fields.append(("block", .int(block))) }
            fields += [("content", FileEventWords.contentJSON(content, block: block, c)), ("bytes", .int(size)),
                                   ("source", .string(place.fromCache ? "cache" : "server")),
                                   ("place", .string(place.place.rawValue)),
                                   ("unix_verdict", judgement(unix)), ("session_verdict", judgement(session))]
            if place.disconnected { fields.append(("disconnected", .bool(true))) }
            fields += expected(unix, c)
            if let reason { fields.append(("why", .string(FileEventWords.words(reason, c)))) }
            return ("file.read", fields)
        case .blocksRead(let id, let path, let first, let last, let size, let hits, let calls, let places, let unix,
                         let session, let reason):
            let served = places.served.map { served -> JSONValue in
                .object([("place", .string(served.place.rawValue)), ("blocks", .int(Int64(served.blocks)))])
            }
            var fields = op(id) + [("path", .string(path)), ("first_block", .int(first)), ("last_block", .int(last)),
                                   ("bytes", .int(size)), ("client_blocks", .int(Int64(hits))),
                                   ("calls", .int(Int64(calls))), ("places", .array(served)),
                                   ("unix_verdict", judgement(unix)),
                                   ("session_verdict", judgement(session))]
            if let reason { fields.append(("why", .string(FileEventWords.words(reason, c)))) }
            return ("file.read-blocks", fields)
        case .blocksWritten(let id, let path, let first, let last, let size, let calls):
            return ("file.write-blocks", op(id) + [("path", .string(path)), ("first_block", .int(first)),
                                                   ("last_block", .int(last)), ("bytes", .int(size)),
                                                   ("calls", .int(Int64(calls)))])
        case .fileWritten(let id, let path, let event, let size, let toServer):
            return ("file.write", op(id) + [("path", .string(path)), ("event_id", .int(Int64(event))),
                                            ("append", .bool(FileEventWords.isAppend(event, c))),
                                            ("bytes", .int(size)), ("to_server", .bool(toServer))])
        case .fileClosed(let id, let path, let session):
            return ("file.close", op(id) + [("path", .string(path)), ("session", .int(Int64(session)))])
        case .fileFlushed(let path, let size, let writes, let why):
            return ("file.writeback", [("path", .string(path)), ("bytes", .int(size)), ("writes", .int(Int64(writes))),
                                       ("reason", .string(why.rawValue))])
        case .fileCreated(let id, let path, let size, let directory):
            return ("file.create", op(id) + [("path", .string(path)), ("bytes", .int(size)),
                                             ("directory", .bool(directory))])
        case .fileDeleted(let id, let path, let never):
            return ("file.delete", op(id) + [("path", .string(path)), ("never_written_bytes", .int(never))])
        case .fileStat(let id, let path, let size, let version, let modified, let directory):
            return ("file.stat", op(id) + [("path", .string(path)), ("bytes", .int(size)),
                                           ("version", .int(Int64(version))),
                                           ("modified_t", .int(modified.nanoseconds)),
                                           ("directory", .bool(directory))])
        case .directoryListed(let id, let path, let names, let event, let verdict):
            return ("file.ls", op(id) + [("path", .string(path)), ("names", .array(names.map { .string($0) }))]
                        + ListingWords.fields(event, verdict, c))
        case .synced(let id, let count):
            return ("file.sync", op(id) + [("files", .int(Int64(count)))])
        case .recalled(let path, let from, let size):
            return ("cache.recall", [("path", .string(path)), ("from", .string(c.node(from))), ("bytes", .int(size))])
        case .cachingDisabled(let path, let clients):
            return ("cache.disabled", [("path", .string(path)),
                                       ("clients", .array(clients.map { .string(c.node($0)) }))])
        case .cachingEnabled(let path):
            return ("cache.enabled", [("path", .string(path))])
        case .invalidated(let path, let server, let kept):
            return ("cache.invalidated", [("path", .string(path)), ("by", .string(c.node(server))),
                                          ("kept", .bool(kept))])
        case .prefixHit(let id, let path, let prefix, let server):
            return ("name.prefix-hit", op(id) + named(path, prefix, server))
        case .broadcast(let id, let path):
            return ("name.broadcast", op(id) + [("path", .string(path))])
        case .prefixLearned(let prefix, let server):
            return ("name.prefix-learned", [("prefix", .string(prefix)), ("server", .string(c.node(server)))])
        case .stalePrefix(let path, let prefix, let server):
            return ("name.prefix-stale", named(path, prefix, server))
        case .remoteLink(let path, let prefix, let server):
            return ("name.remote-link", named(path, prefix, server))
        case .resolved(let id, let path, let server, let handle):
            return ("name.resolved", op(id) + [("path", .string(path)), ("server", .string(c.node(server))),
                                               ("handle", .int(Int64(handle)))])
        case .mounted(let id, let server, let remote, let point, let automounted):
            return ("nfs.mount", op(id) + [("server", .string(c.node(server))), ("remote", .string(remote)),
                                           ("point", .string(point)), ("automounted", .bool(automounted))])
        case .writesLost(_, let losses):
            return ("crash.writes-lost", [("lost_writes", .array(losses.map { loss in
                .object([("path", .string(loss.path)), ("event_id", .int(Int64(loss.writeEvent))),
                         ("written_t", .int(loss.writtenAt.nanoseconds))])
            }))])
        default:
            return nil
        }
    }
}
