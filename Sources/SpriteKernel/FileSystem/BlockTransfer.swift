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
    /// A page: moved one file block a call, one call after another (Sprite's Fs_PageRead and Fs_PageWrite).
    /// False: the whole transfer in one call (an eager program load reads its file in one read).
    var blockByBlock = false
}

/// A block transfer in flight: what the call machinery of a file call keeps,
/// as plain data in a slab slot instead of closures, so a page fault allocates nothing.
/// Held in `FileSystemState.blockTransfers`, a `Slab`: a message or event of an ended
/// transfer carries the slot's generation and is known as stale by it.
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
    /// Bytes of the page moved by the calls that ended: a page larger than a file block goes one block a
    /// call, one call after another (Sprite's Fs_PageRead and Fs_PageWrite loop over the page's blocks).
    var moved: Int64 = 0
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
