/// Page-ins and page-outs as block calls between a node and the server of a
/// backing file. A page-in has the messages, RPC pieces, server CPU, server
/// cache and disk of `read PATH block N` (24 B of arguments out, the page
/// back); a page-out sends 24 B of arguments and the page, and gets a bare
/// 64 B header back, so both take the same time. Each RPC counts in `rpc.read`
/// or `rpc.write` and in the server's requests. The server caches the blocks
/// and writes its disk behind. Loss, crashes and the end of time end a
/// transfer as they end a file call. A page larger than a file block is one
/// such call per block, each after the one before (as Sprite's Fs_PageRead
/// and Fs_PageWrite do); an eager program load is one read. Transfers live in a slab, not in closures: a page
/// fault allocates nothing.
extension Simulation {
    /// The arguments of a block call: file, block and count.
    static let blockCallArguments: Int64 = 24

    func beginBlockTransfer(_ transfer: BlockTransfer) {
        guard nodes[transfer.client].isUp else {
            return pageTransferDone(tag: transfer.tag, failure: .nodeDown(node: transfer.client))
        }
        guard fs.files.indices.contains(transfer.file), !fs.files[transfer.file].deleted else {
            let path = fs.files.indices.contains(transfer.file) ? fs.files[transfer.file].path : ""
            return pageTransferDone(tag: transfer.tag, failure: .noSuchFile(path: path))
        }
        let id = fs.blockTransfers.insert(BlockTransferSlot(transfer: transfer, server: fs.files[transfer.file].server))
        if transfer.bypassesClientCache {
            callForBlock(id)
        } else {
            blockTransferThroughClientCache(id)
        }
    }

    /// Sends the transfer's next call to its server: the arguments (and a page-out's block) in RPC pieces,
    /// then the requests for the reply's pieces.
    func callForBlock(_ id: Int32) {
        let slot = fs.blockTransfers.mutableAddress(Int(id))
        let write = slot.pointee.transfer.kind == .write
        slot.pointee.requestLeft = Self.blockCallArguments + (write ? callBytes(slot.pointee) : 0)
        slot.pointee.replyLeft = 0
        slot.pointee.delivered = false
        slot.pointee.answered = false
        sendBlockRequest(id)
    }

    private func callKind(_ kind: BlockTransfer.Kind) -> String { kind == .read ? "read" : "write" }

    /// The bytes the transfer's current call moves: all of it (a page of one block, an eager load), else
    /// the page's next block.
    private func callBytes(_ slot: BlockTransferSlot) -> Int64 {
        let left = slot.transfer.bytes - slot.moved
        let block = fs.config.blockSize
        return slot.transfer.blockByBlock && block > 0 ? min(block, left) : left
    }

    private func sendBlockRequest(_ id: Int32) {
        let slots = fs.blockTransfers
        let piece = network.config.cost.rpcPiece(slots[Int(id)].requestLeft)
        slots[Int(id)].requestLeft -= piece
        let slot = slots[Int(id)]
        fs.statistics.rpcs[callKind(slot.transfer.kind), default: 0] += 1
        fs.statistics.serverRequests[slot.server, default: 0] += 1
        transmit(Message(kind: .pageRequest, source: slot.transfer.client, destination: slot.server, operation: id,
                         generation: fs.blockTransfers.generation(id), payloadBytes: 64 + piece))
    }

    func deliverBlockTransfer(_ message: Message) {
        let id = message.operation
        guard fs.blockTransfers.isLive(id, message.generation) else { return }
        let slots = fs.blockTransfers
        switch message.kind {
        case .pageRequest:
            let server = slots[Int(id)].server
            slots[Int(id)].serverIncarnation = nodes[server].incarnation
            slots[Int(id)].delivered = true
            let cpu = network.config.cost.fileCPU.time(for: callKind(slots[Int(id)].transfer.kind))
            var done: SimTime
            if slots[Int(id)].requestLeft > 0 || slots[Int(id)].answered {
                // A piece of the arguments with more to come, or a request for the next piece of the reply.
                done = serveKernelWork(on: server, work: cpu)
            } else {
                slots[Int(id)].answered = true
                let disk = serveBlockTransfer(id)
                done = serveKernelWork(on: server, work: cpu)
                if let disk { done = readDisk(disk, on: server, after: done, for: .pageIn) }
            }
            schedule(.files(.blockTransferServed(transfer: id, generation: message.generation)), at: done)
        case .pageReply:
            if message.packets > 1 { acknowledgeBlockReply(slots[Int(id)]) }
            if slots[Int(id)].requestLeft > 0 || slots[Int(id)].replyLeft > 0 { return sendBlockRequest(id) }
            slots[Int(id)].moved += callBytes(slots[Int(id)])
            if slots[Int(id)].moved < slots[Int(id)].transfer.bytes { return callForBlock(id) }
            blockTransferArrived(id)
        default:
            break
        }
    }

    /// The server handles the whole request: a page-in's blocks from its cache or its disk (returned for
    /// the disk to read), a page-out's blocks into its cache, its disk written behind.
    private func serveBlockTransfer(_ id: Int32) -> DiskRead? {
        let slot = fs.blockTransfers[Int(id)]
        let transfer = slot.transfer
        let bytes = callBytes(slot)
        let count = max(1, fs.config.blocks(bytes))
        let first = transfer.block + slot.moved / max(1, fs.config.blockSize)
        switch transfer.kind {
        case .read:
            fs.blockTransfers[Int(id)].replyLeft = bytes
            return readBlocks(transfer.file, server: slot.server, first: first, count: count)
        case .write:
            storeBackingBlocks(transfer.file, first: first, count: count, bytes: bytes, server: slot.server)
            return nil
        }
    }

    /// Blocks of a backing file reach its server: they go into its cache, the file grows to hold them, and
    /// its disk is written behind. No file version is recorded: a backing file's data are the pager's.
    func storeBackingBlocks(_ file: Int, first: Int64, count: Int64, bytes: Int64, server: Int) {
        let end = first * fs.config.blockSize + bytes
        fs.files[file].size = max(fs.files[file].size, end)
        fs.files[file].modified = now
        fs.statistics.bytesToServer += bytes
        fs.statistics.diskWrites += Int(count)
        guard !fs.serverCacheOff.contains(server) else { return }
        // Taken out while it changes, as in readBlocks.
        var cache = fs.serverCaches.removeValue(forKey: server) ?? LRUList<BlockKey>()
        for block in first..<first + count { cache.touch(BlockKey(file: file, block: block), weight: 1) }
        let capacity = serverCacheCapacity(server)
        while cache.totalWeight > capacity, let cold = cache.coldest(where: { _ in true }) { cache.remove(cold) }
        fs.serverCaches[server] = cache
    }

    func blockTransferServed(_ id: Int32, _ generation: UInt32) {
        guard fs.blockTransfers.isLive(id, generation) else { return }
        let slots = fs.blockTransfers
        let server = slots[Int(id)].server
        guard slots[Int(id)].answered || slots[Int(id)].requestLeft > 0, nodes[server].isUp,
              nodes[server].incarnation == slots[Int(id)].serverIncarnation else { return }
        // Until the arguments are all in, the reply is a header-only acknowledgement.
        let piece = slots[Int(id)].requestLeft > 0 ? 0 : network.config.cost.rpcPiece(slots[Int(id)].replyLeft)
        slots[Int(id)].replyLeft -= piece
        transmit(Message(kind: .pageReply, source: server, destination: slots[Int(id)].transfer.client,
                         operation: id, generation: generation, payloadBytes: 64 + piece))
    }

    /// A fragmented reply is acknowledged once, by one header-only packet, as a file call's is.
    private func acknowledgeBlockReply(_ slot: BlockTransferSlot) {
        let transfer = network.transmit(payloadBytes: 0, from: slot.transfer.client, to: slot.server,
                                        departure: now, now: now, random: &random)
        statistics.packets.addSaturating(transfer.packets)
        statistics.wireBytes.addSaturating(transfer.wireBytes)
    }

    /// The last reply is in: a bypassing transfer is over; one through the client cache leaves its page there.
    private func blockTransferArrived(_ id: Int32) {
        let slot = fs.blockTransfers[Int(id)]
        if slot.transfer.bypassesClientCache {
            endBlockTransfer(id, generation: fs.blockTransfers.generation(id), failure: nil)
        } else {
            keepTransferredPage(id)
        }
    }

    /// Ends a transfer still in flight: its slot is freed first, so the requester may start the next at once.
    func endBlockTransfer(_ id: Int32, generation: UInt32, failure: OperationFailure?) {
        guard fs.blockTransfers.isLive(id, generation) else { return }
        let transfer = fs.blockTransfers[Int(id)].transfer
        fs.blockTransfers.remove(id)
        if failure != nil {
            fs.backing.statistics.failedTransfers += 1
        } else if transfer.kind == .read {
            fs.backing.statistics.pageReads += 1
        } else {
            fs.backing.statistics.pageWrites += 1
        }
        pageTransferDone(tag: transfer.tag, failure: failure)
    }

    /// Every attempt of a request or reply was lost: the server never answered.
    func blockTransferGaveUp(_ message: Message) {
        let silent = message.kind == .pageRequest ? message.destination : message.source
        endBlockTransfer(message.operation, generation: message.generation,
                         failure: .noAnswer(node: silent, attempts: message.attempt + 1))
    }

    /// A message that would arrive after the end of time.
    func blockTransferAbandoned(_ message: Message) {
        endBlockTransfer(message.operation, generation: message.generation, failure: .endOfTime)
    }

    func blockTransferTimedOut(_ id: Int32, _ generation: UInt32) {
        guard fs.blockTransfers.isLive(id, generation) else { return }
        let server = fs.blockTransfers[Int(id)].server
        endBlockTransfer(id, generation: generation, failure: .peerCrashed(node: server))
    }

    /// A crash: the node's own transfers end now, unheard (its memory and the pages they moved are gone,
    /// and VM forgets them in its own crash); those it was serving give up when the retransmission budget
    /// runs out, as file calls do. Its cached backing pages are lost.
    func blockTransfersCrash(_ node: Int, giveUp: SimTime) {
        fs.backing.clientPages[node] = nil
        for id in fs.blockTransfers.liveIndices {
            let slot = fs.blockTransfers[Int(id)]
            if slot.transfer.client == node {
                fs.blockTransfers.remove(id)
                fs.backing.statistics.failedTransfers += 1
            } else if slot.server == node && slot.delivered {
                let generation = fs.blockTransfers.generation(id)
                schedule(.files(.blockTransferTimeout(transfer: id, generation: generation)), at: giveUp)
            }
        }
        settleFileCacheLedger(node)
    }
}
