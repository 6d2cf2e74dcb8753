/// What the four places to cache and the access models add to the file system: each client's access
/// model, the blocks it holds in memory (block-level caching and read-ahead), its disk cache, and the
/// servers' read-ahead.
struct CachePlacesState {
    /// Clients not named here use `.files`.
    var access: [Int: AccessModel] = [:]
    /// `cache SERVER on read-ahead N`: a sequential disk read also reads the next N blocks.
    var serverReadAhead: [Int: Int64] = [:]
    /// Each server's last block read from its disk, by file: a read of the next one is sequential.
    var serverLastBlock: [Int: BlockKey] = [:]
    /// Blocks each client holds in memory, in flight or arrived, least recently used first.
    var held: [Int: HeldBlocks] = [:]
    var diskCaches: [Int: ClientDiskCache] = [:]
    /// Range steps waiting for a local charge to end, by operation.
    var resumes: [Int32: (Simulation) -> Void] = [:]
    var statistics = CachePlacesStatistics()

    func model(of node: Int) -> AccessModel { access[node] ?? .files }
}

/// Blocks of files one client holds in memory: `blocks` access keeps each block it fetched, read-ahead
/// puts the next blocks here before they are asked for.
struct HeldBlocks {
    struct Block {
        var version: Int
        var content: ContentID
        var arrived: Bool
        /// The server's modification time of that version, and when the server last vouched for it (its
        /// arrival, or an open or check that found the same version): what the protocol judges it by.
        var modified: SimTime = .zero
        var validatedAt: SimTime = .zero
        /// Where the server found it: a read waiting for it says so.
        var place = ReadPlace.serverMemory
        /// The step whose call fetches it: if that step failed, its call may never have left.
        var fetchedBy: Int32 = -1
        /// Reads waiting for the block while it is in flight: told whether it came.
        var waiters: [(Simulation, OperationFailure?) -> Void] = []
    }

    var blocks: [BlockKey: Block] = [:]
    var lru = LRUList<BlockKey>()

    /// The server vouched for `version` of `file` now: its blocks of that version are as good as new.
    mutating func validate(file: Int, version: Int, modified: SimTime, at time: SimTime) {
        for key in blocks.keys where key.file == file && blocks[key]?.version == version {
            blocks[key]?.modified = modified
            blocks[key]?.validatedAt = time
        }
    }

    /// Forgets every block of `file` not of `version` (nil: every block of it).
    mutating func drop(file: Int, unlessVersion version: Int? = nil) {
        for key in blocks.keys.sorted(by: { $0.block < $1.block }) where key.file == file {
            if let version, blocks[key]?.version == version { continue }
            if blocks[key]?.arrived == true {
                blocks[key] = nil
                lru.remove(key)
            }
        }
    }

    /// Keeps at most `capacity` arrived blocks, the least recently used leaving first.
    mutating func trim(to capacity: Int64) {
        while lru.totalWeight > capacity,
              let cold = lru.coldest(where: { blocks[$0]?.arrived == true }) {
            blocks[cold] = nil
            lru.remove(cold)
        }
    }
}

/// Counters of the four places, shown once a script uses them.
public struct CachePlacesStatistics: Sendable, Equatable {
    /// Reads served from a client's disk cache.
    public var diskCacheHits = 0
    /// Reads served from a disk cache because the server did not answer.
    public var disconnectedReads = 0
    /// Blocks fetched before they were asked for: by clients, and by servers from their disks.
    public var readAheads = 0
    public var serverReadAheads = 0
    /// Block reads served from blocks held in a client's memory.
    public var heldBlockHits = 0
    /// Whether any statement asked for an access model, a disk cache, read-ahead or batching.
    public var used = false

    public init() {}
}
