import SpriteKernel

/// Words for the file system's events, reads' verdicts and their reasons.
enum FileEventWords {
    /// File contents as a short quoted string, or the size of synthetic data.
    static func content(_ id: ContentID, block: Int64? = nil, _ c: RenderContext) -> String {
        let (bytes, size) = c.simulation.contentBytes(id, block: block)
        guard let bytes else { return "(\(Quantity.formatBytes(size)) of data)" }
        let text = String(decoding: bytes.prefix(48), as: UTF8.self)
        return JSONValue.quote(text) + (bytes.count > 48 ? "…" : "")
    }

    /// Contents at most this long are given whole in JSON.
    static let wholeContentBytes = 4096

    /// File contents for JSON: the whole text as a string, or an object with
    /// `size_bytes` (and the text's first 48 bytes as `prefix`) for data
    /// without text or too long to repeat on every line.
    static func contentJSON(_ id: ContentID, block: Int64? = nil, _ c: RenderContext) -> JSONValue {
        let (bytes, size) = c.simulation.contentBytes(id, block: block)
        if let bytes, bytes.count <= wholeContentBytes { return .string(String(decoding: bytes, as: UTF8.self)) }
        var fields: [(String, JSONValue)] = [("size_bytes", .int(size))]
        if let bytes { fields.append(("prefix", .string(String(decoding: bytes.prefix(48), as: UTF8.self)))) }
        return .object(fields)
    }

    /// A table cell for file contents.
    static func contentCell(_ id: ContentID, _ c: RenderContext) -> Cell {
        .typed(contentJSON(id, c), shown: content(id, c))
    }

    /// Whether the history's write `event` is an append: only an append's version derives from an earlier one.
    static func isAppend(_ event: Int, _ c: RenderContext) -> Bool {
        guard c.simulation.fileHistory.indices.contains(event),
              case .write(_, let basedOn) = c.simulation.fileHistory[event].kind else { return false }
        return basedOn != noContent
    }

    /// "jack's write at 1.2ms" for a history event.
    static func write(_ event: Int?, _ c: RenderContext) -> String {
        guard let event, c.simulation.fileHistory.indices.contains(event) else { return "the empty file" }
        let e = c.simulation.fileHistory[event]
        return "\(actor(e, c))'s write at \(e.start)"
    }

    static func verdict(unix: Judgement, session: Judgement, reason: StaleReason?, _ c: RenderContext) -> String {
        if unix == .fresh && session == .fresh { return "fresh" }
        var parts: [String] = []
        if case .stale(let expected, let by) = unix {
            parts.append("STALE under unix: the last write was \(content(expected, c)) (\(write(by, c)))")
        } else {
            parts.append("fresh under unix")
        }
        if case .stale(let expected, let by) = session {
            parts.append("not session semantics: expected \(content(expected, c)) (\(write(by, c)))")
        } else {
            parts.append("as session semantics promise")
        }
        var text = parts.joined(separator: "; ")
        if let reason { text += "; why: " + words(reason, c) }
        return text
    }

    static func words(_ reason: StaleReason, _ c: RenderContext) -> String {
        switch reason {
        case .cachedWithinTimeout(let version, let age, let timeout):
            "cached version \(version) was \(age) old, still within its \(timeout) timeout, so it was not checked"
        case .cacheNeverChecked(let version): "cached version \(version) is never checked (consistency none)"
        case .callbackNotBroken(let version):
            "cached version \(version) is trusted until the server breaks the callback,"
                + " which happens at the writer's close"
        case .writerHoldsDirtyData(let writer, let policy):
            "the newest data is still dirty in \(c.node(writer))'s cache (\(policy.rawValue)), not yet at the server"
        case .cachedCopy(let version): "cached version \(version) was used"
        case .sessionKeepsItsCopy(let version):
            "the callback was broken, but the open session keeps cached version \(version), the copy it opened"
        case .disconnected(let version, let server):
            "disconnected: the server did not answer, so the disk cache served version \(version)"
                + " (the server holds version \(server))"
        }
    }

    /// Where a read's data came from; the client's and the server's memory keep their short words.
    static func place(_ place: ReadPlace) -> String {
        switch place {
        case .clientMemory: "cache"
        case .clientDisk: "client disk"
        case .serverMemory: "server"
        case .serverDisk: "server disk"
        }
    }

    /// "; 1 from cache, 3 from server": where a range read's blocks came from, nearest place first.
    static func placeWords(_ places: PlaceCounts) -> String {
        let served = places.served
        guard !served.isEmpty else { return "" }
        return "; " + served.map { "\($0.blocks) from \(place($0.place))" }.joined(separator: ", ")
    }

    static func action(_ action: CacheAction) -> String {
        switch action {
        case .miss: "not cached"
        case .usedWithoutCheck: "cached copy used without asking the server"
        case .validated: "cached copy checked with the server: current"
        case .droppedStale(let cached, let server):
            "cached version \(cached) is older than the server's \(server): dropped"
        case .cachingDisabled: "caching disabled for this file (concurrent write-sharing)"
        case .cacheOff: "cache off"
        case .disconnected(let version): "disconnected: the server did not answer, the disk cache's version \(version)"
        }
    }

    /// "p1: " before a step a V process issued; nothing for the node's own steps, so scripts
    /// without `on PROCESS` read as before.
    static func issuer(_ event: TraceEvent, _ c: RenderContext) -> String {
        let op: Int32
        switch event {
        case .fileOpened(let o, _, _, _, _, _, _), .fileRead(let o, _, _, _, _, _, _, _, _, _),
             .fileWritten(let o, _, _, _, _), .fileClosed(let o, _, _), .fileCreated(let o, _, _, _),
             .fileDeleted(let o, _, _), .fileStat(let o, _, _, _, _, _), .directoryListed(let o, _, _, _, _),
             .synced(let o, _), .blocksRead(let o, _, _, _, _, _, _, _, _, _, _), .blocksWritten(let o, _, _, _, _, _):
            op = o
        default: return ""
        }
        guard let process = c.simulation.operation(op)?.process else { return "" }
        return c.process(process) + ": "
    }

    /// "jack" for the node's own file event, "p1 on jack" for a V process's.
    static func actor(_ event: FileEvent, _ c: RenderContext) -> String {
        event.process < 0 ? c.node(event.node) : "\(c.process(event.process)) on \(c.node(event.node))"
    }

    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        func label(_ op: Int32) -> String { EventWords.labelled(op, c) }
        switch event {
        case .fileOpened(let op, let path, let session, let writable, let readable, let action, let version):
            return "open \(path) \(writable ? (readable ? "rw" : "w") : "r") (session \(session), version \(version)):"
                + " \(Self.action(action))" + label(op)
        case .fileRead(let op, let path, _, let id, let block, let size, let place, let unix, let session,
                       let reason):
            let which = block.map { " block \($0)" } ?? ""
            return "read \(path)\(which) -> \(content(id, block: block, c))"
                + " (\(EventWords.bytes(size)) from \(Self.place(place.place))): "
                + verdict(unix: unix, session: session, reason: reason, c) + label(op)
        case .blocksRead(let op, let path, let first, let last, let size, let hits, let calls, let places, let unix,
                         let session, let reason):
            let blocks = Int(last - first + 1)
            return "read \(path) blocks \(first)..\(last) (\(EventWords.bytes(size)): "
                + "\(hits) of \(Plural.of(blocks, "block")) from the client, \(Plural.of(calls, "read call"))"
                + placeWords(places) + "): "
                + verdict(unix: unix, session: session, reason: reason, c) + label(op)
        case .blocksWritten(let op, let path, let first, let last, let size, let calls):
            return "write \(path) blocks \(first)..\(last) \(EventWords.bytes(size)) through to the server in "
                + Plural.of(calls, "write call") + label(op)
        case .fileWritten(let op, let path, let event, let size, let toServer):
            return "\(isAppend(event, c) ? "append" : "write") \(path) \(EventWords.bytes(size))"
                + " \(toServer ? "through to the server" : "into the cache (dirty)")" + label(op)
        case .fileClosed(let op, let path, let session):
            return "close \(path) (session \(session))" + label(op)
        case .fileFlushed(let path, let size, let writes, let why):
            return "write-back \(path) \(EventWords.bytes(size)) (\(Plural.of(writes, "write")), \(why.rawValue))"
        case .fileCreated(let op, let path, let size, let directory):
            return (directory ? "mkdir \(path)" : "create \(path) \(EventWords.bytes(size))") + label(op)
        case .fileDeleted(let op, let path, let never):
            let lost = never > 0
                ? ": \(EventWords.bytes(never)) written but never flushed: they never reach the server"
                : ""
            return "delete \(path)" + lost + label(op)
        case .fileStat(let op, let path, let size, let version, let modified, let directory):
            let what = directory ? "directory" : "\(EventWords.bytes(size)), version \(version)"
            return "stat \(path): \(what), modified at \(modified)" + label(op)
        case .directoryListed(let op, let path, let names, _, let verdict):
            return "ls \(path): " + (names.isEmpty ? "(empty)" : names.joined(separator: " "))
                + " (from \(ListingWords.source(verdict.source))): " + ListingWords.verdict(verdict, c) + label(op)
        case .synced(let op, let count):
            return "sync: \(Plural.of(count, "file")) written back" + label(op)
        case .recalled(let path, let from, let size):
            return "recalled \(EventWords.bytes(size)) of dirty \(path) from \(c.node(from)) before answering an open"
        case .cachingDisabled(let path, let clients):
            return "caching of \(path) disabled on " + clients.map(c.node).joined(separator: ", ")
                + " (concurrent write-sharing)"
        case .cachingEnabled(let path):
            return "caching of \(path) enabled again (write-sharing ended)"
        case .invalidated(let path, let server, let kept):
            return "callback from \(c.node(server)): cached \(path) is stale, "
                + (kept ? "kept only for the session open here" : "dropped")
        case .prefixHit(let op, let path, let prefix, let server):
            return "resolve \(path): prefix table hit \(prefix) -> \(c.node(server))" + label(op)
        case .broadcast(let op, let path):
            return "resolve \(path): broadcasting to the servers to find who serves it" + label(op)
        case .prefixLearned(let prefix, let server):
            return "prefix table: \(prefix) -> \(c.node(server)) (learned from the broadcast)"
        case .stalePrefix(let path, let prefix, let server):
            return "prefix \(prefix) -> \(c.node(server)) is stale (\(c.node(server)) does not serve \(path)): dropped"
        case .remoteLink(let path, let prefix, let server):
            return "\(c.node(server)) met a remote link at \(prefix) resolving \(path): another domain begins there"
        case .resolved(let op, let path, let server, let handle):
            let file = handle < 0 ? "none (no such file)" : String(handle)
            return "resolved \(path): server \(c.node(server)), file handle \(file)" + label(op)
        case .mounted(let op, let server, let remote, let point, let automounted):
            return "\(automounted ? "automounted" : "mounted") \(c.node(server)):\(remote) on \(point)" + label(op)
        case .writesLost(_, let losses):
            let list = losses.map { "\($0.path) written at \($0.writtenAt)" }.joined(separator: ", ")
            return "crash lost \(Plural.of(losses.count, "unflushed write")): \(list)"
        default:
            return nil
        }
    }
}
