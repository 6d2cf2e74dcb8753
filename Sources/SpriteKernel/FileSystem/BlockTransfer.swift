/// One page moved between a node's memory and a block of a file on its server:
/// the pager's page-ins and page-outs travel through the file system as
/// `read PATH block N` does (Sprite backs virtual memory with ordinary files).
struct BlockTransfer {
    enum Kind: UInt8 { case read, write }

    var kind: Kind
    /// The node whose memory the page is in.
    var client: Int
    /// The file's index in the file system's table.
    var file: Int
    /// The first block of the page, in the file system's blocks.
    var block: Int64
    var bytes: Int64
    /// Handed back to the requester when the transfer ends.
    var tag: Int32
    /// Sprite's choice: backing pages skip the client's file cache (the server still caches them).
    /// False: they pass through it, and a page can sit in memory twice (double caching).
    var bypassesClientCache: Bool
}

/// A block transfer in flight: what the call machinery of a file call keeps,
/// as plain data in a slab slot instead of closures, so a page fault allocates nothing.
struct BlockTransferSlot {
    var transfer: BlockTransfer
    var server: Int
    /// Bytes of the request (arguments) not yet sent, and of the reply not yet sent back, in RPC pieces.
    var requestLeft: Int64 = 0
    var replyLeft: Int64 = 0
    var serverIncarnation: UInt32 = 0
    /// The request reached the server (which may crash before it answers).
    var delivered = false
    /// The server has handled the whole request: what is left is the reply's pieces.
    var answered = false
    var inUse = false
    /// Bumped each time the slot is freed: a message or event of an earlier transfer is known by it.
    var generation: UInt32 = 0
    /// The next free slot, while this one is free.
    var nextFree: Int32 = -1
}

/// The block transfers in flight: a slab with a free list. A slot is reused
/// once its transfer ends, so steady paging allocates nothing.
final class BlockTransferTable {
    let slots = PlainArray<BlockTransferSlot>(capacity: 16)
    private var freeHead: Int32 = -1
    private(set) var live = 0

    func insert(_ transfer: BlockTransfer, server: Int) -> Int32 {
        var slot = BlockTransferSlot(transfer: transfer, server: server, inUse: true)
        live += 1
        guard freeHead >= 0 else {
            slots.append(slot)
            return Int32(slots.count - 1)
        }
        let id = freeHead
        freeHead = slots[Int(id)].nextFree
        slot.generation = slots[Int(id)].generation
        slots[Int(id)] = slot
        return id
    }

    /// The transfer `id` of `generation`, if it is still in flight.
    @inline(__always) func isLive(_ id: Int32, _ generation: UInt32) -> Bool {
        id >= 0 && Int(id) < slots.count && slots[Int(id)].inUse && slots[Int(id)].generation == generation
    }

    func release(_ id: Int32) {
        slots[Int(id)].inUse = false
        slots[Int(id)].generation &+= 1
        slots[Int(id)].nextFree = freeHead
        freeHead = id
        live -= 1
    }

    /// The transfers in flight, by slot.
    var liveIDs: [Int32] { slots.indices.filter { slots[$0].inUse }.map { Int32($0) } }
}

extension Simulation {
    /// Starts `transfer`; when it ends the file system calls `pageTransferDone(tag:failure:)` (Memory/).
    /// A transfer that cannot start (its node or file gone) ends at once, before this returns.
    func startBlockTransfer(_ transfer: BlockTransfer) {
        beginBlockTransfer(transfer)
    }

    /// The backing file `name` in `directory` on the server that holds `directory` for `client`
    /// (prefix tables and mounts apply), made when it does not exist; nil when no server holds it.
    func backingFile(directory: String, name: String, client: Int) -> Int? {
        openBackingFile(directory: directory, name: name, client: client)
    }
}
