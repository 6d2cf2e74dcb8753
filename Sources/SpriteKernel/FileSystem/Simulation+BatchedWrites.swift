/// `write PATH blocks A..B`: blocks written through to the server, `batch N` blocks a call
/// (`cache client policy … batch N`): V batches writes instead of streaming them (seed 000).
/// Each call waits for the one before, as a V process's Send does: batching makes fewer of them. The
/// server stores the new version when the last call reaches it; the client keeps no copy of the blocks.
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
        noteLatestWrite(file, content: content, event: event)
        withClient(node) { client in
            client.updateSession(session.id) { open in
                open.wrote = true
                open.lastWrite = (content, event)
            }
            // The copy here no longer holds the file: the blocks went past it.
            if client.entries[file]?.dirty == false { client.forget(file) }
        }
        fileWrittenHere(node: node, file: file)
        operations[Int(op)].bytes = bytes
        let batch = max(1, fs.config.batch)
        let calls = Int((count + batch - 1) / batch)
        let write = BlockRangeWrite(file: file, first: first, last: last, content: content, newSize: newSize,
                                    event: event, batch: batch, calls: calls,
                                    rpcs: rpcCount(blocks: count, batch: batch, blockSize: blockSize))
        sendBlockWrite(write, call: 0, node: node, op: op)
    }

    /// Sends call `call` of the range's write calls; its reply sends the next, the last one's ends the step.
    private func sendBlockWrite(_ write: BlockRangeWrite, call: Int, node: Int, op: Int32) {
        let count = write.last - write.first + 1
        let blocks = min(write.batch, count - Int64(call) * write.batch)
        let file = write.file
        callServer("write", path: fs.files[file].path, node: node, op: op,
                   requestBytes: blocks * fs.config.blockSize,
                   serve: { sim, server in
                       guard call == write.calls - 1 else { return sim.attributes(file) }
                       return sim.applyWrite(file, content: write.content, size: write.newSize, writes: [write.event],
                                             from: node, server: server)
                   },
                   then: { sim, _, _ in
                       guard call == write.calls - 1 else {
                           return sim.sendBlockWrite(write, call: call + 1, node: node, op: op)
                       }
                       sim.record(.blocksWritten(operation: op, path: sim.fs.files[file].path, first: write.first,
                                                 last: write.last, bytes: count * sim.fs.config.blockSize,
                                                 calls: write.rpcs), at: node)
                       sim.completeFileStep(node, op)
                   })
    }
}

extension Simulation {
    /// The RPCs `blocks` blocks take, `batch` a write call: a call carrying more than `rpc-size` bytes goes as
    /// several RPCs of at most `rpc-size` each (as every transfer does), and each counts in rpc.write.
    func rpcCount(blocks: Int64, batch: Int64, blockSize: Int64) -> Int {
        let limit = network.config.cost.maxRPCBytes
        let pieces: (Int64) -> Int64 = { bytes in limit == .max ? 1 : max(1, (bytes + limit - 1) / limit) }
        let full = blocks / batch
        let rest = blocks % batch
        return Int(full * pieces(batch * blockSize) + (rest > 0 ? pieces(rest * blockSize) : 0))
    }
}

/// A block range write on its way: the new version it stores and how its blocks are split into calls.
struct BlockRangeWrite {
    var file: Int
    var first: Int64, last: Int64
    var content: ContentID
    var newSize: Int64
    var event: Int
    var batch: Int64
    var calls: Int
    /// The RPCs those calls make: more than `calls` when a call carries more than `rpc-size`.
    var rpcs: Int
}
