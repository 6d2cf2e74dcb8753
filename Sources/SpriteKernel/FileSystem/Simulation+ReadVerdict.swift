/// What a read returned, judged online under UNIX and session semantics, and why a stale one was stale.
extension Simulation {
    /// Records the read, judges it online under UNIX and session semantics,
    /// and says why when it is stale (`reason`, when given, says it instead).
    func completeRead(_ session: OpenSession, node: Int, op: Int32, content: ContentID, fromCache: Bool,
                      entry: ClientFileEntry?, bytes: Int64? = nil, block: Int64? = nil, reason: StaleReason? = nil,
                      place: ReadPlace? = nil) {
        let file = session.file
        let verdict = judgeRead(session, node: node, op: op, content: content, fromCache: fromCache, entry: entry,
                                reason: reason)
        let size = bytes ?? contentBytes(content).size
        var disconnected = false
        if case .disconnected = reason { disconnected = true }
        let source = ReadSource(place: place ?? (fromCache ? .clientMemory : .serverMemory),
                                disconnected: disconnected)
        noteLastRead(session, node: node, content: content, block: block)
        // The id, not a copy: thousands of reads of one version share its bytes.
        operations[Int(op)].content = content
        operations[Int(op)].block = block
        operations[Int(op)].bytes = size
        record(.fileRead(operation: op, path: fs.files[file].path, event: verdict.event, content: content,
                         block: block, bytes: size, place: source, unix: verdict.unix,
                         session: verdict.session, reason: verdict.reason),
               at: node)
    }

    /// The read recorded in the file history, and its verdicts under UNIX and session semantics.
    func judgeRead(_ session: OpenSession, node: Int, op: Int32, content: ContentID, fromCache: Bool,
                   entry: ClientFileEntry?, reason given: StaleReason? = nil)
        -> (event: Int, unix: Judgement, session: Judgement, reason: StaleReason?) {
        let file = session.file
        let start = operations[Int(op)].startedAt ?? now
        let event = recordFileEvent(.read(content: content), node: node, session: session.id, file: file, start: start)
        let latest = lastWrite(to: file, atOrBefore: start)
        // A write begun during the read is concurrent with it: seeing it is as fresh as not seeing it.
        let unix: Judgement = (latest?.content ?? emptyContent) == content
            || writtenDuringRead(content, file: file, after: start)
            ? .fresh : .stale(expected: latest?.content ?? emptyContent, byEvent: latest?.event)
        let sessionView = session.lastWrite.map { ($0.content, Optional($0.event)) } ?? session.committedAtOpen
        let sessionJudgement: Judgement = sessionView.0 == content
            ? .fresh : .stale(expected: sessionView.0, byEvent: sessionView.1)
        var reason: StaleReason?
        if unix != .fresh || sessionJudgement != .fresh {
            reason = given ?? staleReason(fromCache: fromCache, entry: entry, latestWriteEvent: latest?.event,
                                          node: node)
        }
        return (event, unix, sessionJudgement, reason)
    }

    /// What `expect read` compares: the node's and the process's last read of the path.
    func noteLastRead(_ session: OpenSession, node: Int, content: ContentID, block: Int64?) {
        let path = fs.files[session.file].path
        withClient(node) { $0.lastRead[path] = (content, block) }
        if let process = session.owner >= 0 ? session.owner : nil {
            fs.lastReadByProcess[process, default: [:]][path] = (content, block)
        }
    }

    func staleReason(fromCache: Bool, entry: ClientFileEntry?, latestWriteEvent: Int?,
                     node: Int) -> StaleReason? {
        let heldDirty = latestWriteEvent.map { event in
            fileClient(fs.history[event].node).entries[fs.history[event].file]?.unflushedWrites.contains(event) == true
        } ?? false
        // A copy as new as the server's missed only what the writer still holds:
        // checking it (NFS, or no protocol) could not have found the write.
        let current = latestWriteEvent.map { entry?.version == fs.files[fs.history[$0].file].version } ?? false
        let checkable = fs.config.consistency == .nfs || fs.config.consistency == .none
        if fromCache, let entry, !(heldDirty && current && checkable) {
            switch fs.config.consistency {
            case .nfs:
                let timeout = fs.config.attributeTimeout(now: now, modified: entry.modified, directory: false)
                return .cachedWithinTimeout(version: entry.version, age: now - entry.validatedAt, timeout: timeout)
            case .none: return .cacheNeverChecked(version: entry.version)
            case .callbacks:
                return entry.callbackValid ? .callbackNotBroken(version: entry.version)
                    : .sessionKeepsItsCopy(version: entry.version)
            case .sprite: return .cachedCopy(version: entry.version)
            }
        }
        // Dirty in the reader's own cache is no other client's delayed write: that is not why.
        guard let event = latestWriteEvent, heldDirty, fs.history[event].node != node else { return nil }
        return .writerHoldsDirtyData(writer: fs.history[event].node, policy: fs.config.writePolicy)
    }
}
