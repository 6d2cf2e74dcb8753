/// `write PATH blocks A..B`: blocks written through to the server, `batch N` blocks a call
/// (`cache client policy … batch N`): V batches writes instead of streaming them (seed 000).
/// The calls start at once and the step waits for the last; the server stores the new version when the
/// last call reaches it. The client keeps no copy of the blocks.
extension Simulation {
    public func writeBlocks(on node: Int, process: Int? = nil, path: String?, first: Int64, last: Int64) -> Int32 {
        enqueueFileStep(.write, node: node, process: process) {
            .writeBlocks(path: path, first: first, last: last, operation: $0)
        }
    }

    func writeBlockRange(_ path: String?, first: Int64, last: Int64, node: Int, op: Int32) {
        guard let session = session(path, node: node, op: op) else {
            return failFileStep(node, op, .notOpen(path: path))
        }
        guard session.writable else { return failFileStep(node, op, .openReadOnly(path: fs.files[session.file].path)) }
        let file = session.file
        let blockSize = fs.config.blockSize
        let count = last - first + 1
        let bytes = count * blockSize
        let entry = readClient(node) { $0.entries[file] }
        let base = entry?.content ?? fs.files[file].content
        let newSize = max(contentBytes(base).size, (last + 1) * blockSize)
        if let failure = reserveFileBytes(newSize) { return failFileStep(node, op, failure) }
        let content = newContent(bytes: nil, size: newSize)
        let start = operations[Int(op)].startedAt ?? now
        let event = recordFileEvent(.write(content: content, basedOn: base), node: node, session: session.id,
                                    file: file, start: start)
        fs.latestWrite[file] = (content, event)
        withClient(node) { client in
            client.updateSession(session.id) { open in
                open.wrote = true
                open.lastWrite = (content, event)
            }
            // The copy here no longer holds the file: the blocks went past it.
            if client.entries[file]?.dirty == false { client.forget(file) }
        }
        fs.places.held[node]?.drop(file: file)
        operations[Int(op)].bytes = bytes
        let batch = max(1, fs.config.batch)
        let calls = Int((count + batch - 1) / batch)
        var served = 0, answered = 0
        for call in 0..<calls {
            let blocks = min(batch, count - Int64(call) * batch)
            callServer("write", path: fs.files[file].path, node: node, op: op, requestBytes: blocks * blockSize,
                       serve: { sim, server in
                           served += 1
                           guard served == calls else { return sim.attributes(file) }
                           return sim.applyWrite(file, content: content, size: newSize, writes: [event], from: node,
                                                 server: server)
                       },
                       then: { sim, _, _ in
                           answered += 1
                           guard answered == calls else { return }
                           sim.record(.blocksWritten(operation: op, path: sim.fs.files[file].path, first: first,
                                                     last: last, bytes: bytes, calls: calls), at: node)
                           sim.completeFileStep(node, op)
                       })
        }
    }
}
