/// `write` and `append`: a session's new contents, recorded, then sent through or kept in the cache.
extension Simulation {
    func write(_ path: String?, text: [UInt8]?, size: Int64, append: Bool, node: Int, op: Int32) {
        guard let session = session(path, node: node, op: op) else {
            failFileStep(node, op, .notOpen(path: path))
            return
        }
        guard session.writable else {
            failFileStep(node, op, .openReadOnly(path: fs.files[session.file].path))
            return
        }
        let file = session.file
        let entry = readClient(node) { $0.entries[file] }
        // The writer's view before this write: its cached copy, else the server's.
        let base = entry?.content ?? fs.files[file].content
        let newBytes: [UInt8]?
        let newSize: Int64
        if append {
            let old = contentBytes(base)
            newSize = old.size + size
            // Checked before the bytes are copied: a long run of appends must not exhaust memory.
            if let failure = reserveFileBytes(newSize) {
                failFileStep(node, op, failure)
                return
            }
            if let oldBytes = old.bytes, let text {
                // Appended text is a new version: its bytes are copied, so they are counted first.
                if let failure = reserveTextBytes(oldBytes.count + text.count) {
                    failFileStep(node, op, failure)
                    return
                }
                newBytes = oldBytes + text
            } else {
                newBytes = nil
            }
        } else {
            newSize = size
            if let failure = reserveFileBytes(newSize) {
                failFileStep(node, op, failure)
                return
            }
            // The script's text is shared with the statement, yet a version may outlive it: count it.
            if let text, let failure = reserveTextBytes(text.count) {
                failFileStep(node, op, failure)
                return
            }
            newBytes = text
        }
        let content = newContent(bytes: newBytes, size: newSize)
        let start = operations[Int(op)].startedAt ?? now
        // Only an append's new version derives from an earlier one.
        let event = recordFileEvent(.write(content: content, basedOn: append ? base : noContent), node: node,
                                    session: session.id, file: file, start: start)
        noteLatestWrite(file, content: content, event: event)
        fileWrittenHere(node: node, file: file)
        withClient(node) { client in
            client.updateSession(session.id) { open in
                open.wrote = true
                open.lastWrite = (content, event)
            }
        }
        operations[Int(op)].bytes = size
        let cacheable = cachedCopy(node: node, file: file).cacheable
        let write = ClientWrite(file: file, content: content, newSize: newSize, size: size, event: event)
        // Whole-file access holds writes until the close, whatever the policy.
        if !cacheable || (writePolicy.writesThrough && !fs.places.model(of: node).shipsWholeFiles) {
            writeThrough(write, node: node, op: op, caching: cacheable)
        } else {
            writeIntoCache(write, node: node, op: op)
        }
    }
}
