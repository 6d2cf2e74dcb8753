/// Each node's physical memory, shared between virtual-memory pages and
/// file-cache blocks, and the policy that settles which side gives way when
/// one of them needs a page and none is free (Sprite's VM / file-cache
/// negotiation, seed 002).
///
/// Owns: every node's split, in bytes, and its negotiation policy. It keeps
/// count only; the pages themselves are the virtual memory's frames and the
/// file cache's blocks. May reach: Cluster.
final class FrameLedger {
    /// By node position; a node's ledger is made when the node is added.
    /// Unchecked: every page claimed and every node added writes it, and the run-time
    /// exclusivity check cost more than the write.
    @exclusivity(unchecked) var ledgers: [NodeMemoryLedger] = []
}

/// The two users of a node's physical memory.
public enum MemorySide: Sendable, Equatable {
    case vm, fileCache
}

/// One node's physical memory: its size, the bytes each side holds, and how
/// the two sides settle a shortage.
public struct NodeMemoryLedger: Sendable, Equatable {
    /// The node's memory.
    public var total: Int64
    /// The unit both sides claim and give up.
    public var pageSize: Int64
    public var vmBytes: Int64 = 0
    public var cacheBytes: Int64 = 0
    public var policy: NegotiationKind

    /// A node's memory starts empty under the default split: half of it for the file cache (as the client
    /// cache has always been sized), the rest for VM.
    init(total: Int64, pageSize: Int64 = 4096) {
        self.total = total
        self.pageSize = pageSize
        policy = .halfAndHalf(of: total)
    }

    public var freeBytes: Int64 { total - vmBytes - cacheBytes }

    public func bytes(of side: MemorySide) -> Int64 {
        switch side {
        case .vm: vmBytes
        case .fileCache: cacheBytes
        }
    }

    mutating func add(_ bytes: Int64, to side: MemorySide) {
        switch side {
        case .vm: vmBytes += bytes
        case .fileCache: cacheBytes += bytes
        }
    }

    /// The most `side` may hold under the policy: a fixed split's share, else the whole memory.
    public func cap(for side: MemorySide) -> Int64 {
        policy.policy.cap(for: side, self) ?? total
    }
}

/// What a side asking for a page must do to get it.
public enum FrameClaim: Sendable, Equatable {
    /// A free page was there; it is now the asker's.
    case free
    /// The asker gives up one of its own pages and reuses it: the ledger does not change.
    case evictOwn
    /// The other side gives up a page, which becomes the asker's: the ledger has moved it.
    case takeOther
    /// Neither side has a page to give (memory smaller than a page, or the asker's share is less than a page).
    case noRoom
}
