/// The file system: servers' files, directories and block caches, name
/// spaces, calls in flight, the recorded history, each node's client, and the
/// nodes whose step loop is starting.
///
/// It sits on the cluster (CPUs, disks, whether a node is up) and the network
/// (its calls are messages); nothing below it reads or changes its state.
/// Its tables are the class's own properties, reached through `fs` without a
/// coroutine: a `_read` over a whole state struct is not inlined where its
/// result is bound with `guard let`, and allocates a frame there.
final class FileSystem {
    var config = FileSystemConfig()
    var files: [ServerFile] = []
    var fileIndex: [String: Int] = [:]
    var contents: [ContentData] = [ContentData(bytes: [], size: 0)]
    /// The sizes of every version in `contents`, summed (the file-data limit counts it).
    var versionBytes: Int64 = 0
    /// The bytes of real text in `contents`, summed: the memory they take.
    var textBytes: Int64 = 0
    /// Sprite domains: prefix → serving node (authoritative), and the
    /// current token of each domain's root.
    var domains: [String: Int] = [:]
    var domainTokens: [String: Int] = [:]
    var nextToken = 1
    /// NFS exports: server → exported directories.
    var exports: [Int: Set<String>] = [:]
    /// Live files below each directory path: a path with files below it is a directory.
    var filesBelow: [String: Int] = [:]

    var history: [FileEvent] = []
    /// Versions stored at servers so far: the next write's `serverOrder`.
    var storedVersions = 0
    /// Changes to directories and listings of them, judged as they come (Simulation+Listings).
    var directoryHistory: [DirectoryEvent] = []
    var listingJudge = ListingJudge()
    /// Names the listings in `directoryHistory` hold (eight count as one record of memory).
    var listedNames = 0
    /// When each directory's entries last changed (its NFS modification time).
    var directoryModified: [String: SimTime] = [:]
    /// Callbacks: the clients each directory's server promised to tell of a change.
    var directoryCallbacks: [String: Set<Int>] = [:]
    var transactions = TransactionState()
    var nextSession = 0
    /// Session → the V process that opened it; sessions a node opened for itself are not here.
    var sessionOwners: [Int: Int] = [:]
    /// V process → what its last read of each path returned, for `expect read PROCESS PATH`.
    var lastReadByProcess: [Int: [String: (content: ContentID, block: Int64?)]] = [:]
    var statistics = FileSystemStatistics()
    var crashLosses: [CrashLoss] = []
    /// UNIX semantics, online: the latest write to each file.
    var latestWrite: [Int: (content: ContentID, event: Int)] = [:]
    /// Each write → the write to its file just before it (Semantics/Simulation+UnixVerdict).
    var writeBefore: [Int: Int] = [:]
    /// Session semantics, online: what each file's last writing session committed.
    var committed: [Int: (content: ContentID, event: Int)] = [:]
    var serverCaches: [Int: LRUList<BlockKey>] = [:]
    /// Servers whose block cache `cache NODE off` turned off, and sizes set
    /// with `cache NODE on size` (else the whole memory).
    var serverCacheOff: Set<Int> = []
    var serverCacheBlocks: [Int: Int64] = [:]
    var calls: [Int32: PendingCall] = [:]
    var nextCall: Int32 = 0
    /// The call whose request the server is handling right now.
    var servingCall: Int32 = -1
    /// Each node's file-system client, apart from the rest so a step can change
    /// its client in place while reading the rest of the file system.
    /// Read on every process's end and every migration (whether it has files open): unchecked, as the
    /// engine's other hot tables are, since no access to it is held across a call that reaches it again.
    @exclusivity(unchecked) var clients: [Int: FileClient] = [:]
    /// Access models, held blocks, client disk caches and read-ahead (the four places to cache).
    var places = CachePlacesState()
    /// Page-ins and page-outs in flight (Memory/ pages through backing files).
    let blockTransfers = Slab<BlockTransferSlot>()
    var backing = BackingFileState()

    /// The records it keeps, for the engine's memory measure: file-history
    /// events, file versions, directory events, and listed names (eight count as one).
    var recordCount: Int {
        history.count + contents.count + directoryHistory.count + listedNames / 8
    }
}

/// The file system's state as the engine's extensions name it. `_read` and
/// `_modify` reach a table in place; a `get` would copy it.
extension Simulation {
    /// The file system itself: a reference, so `fs.calls[id]` changes the table in place.
    var fs: FileSystem { fileSystem }

    var fileClients: [Int: FileClient] {
        _read { yield fileSystem.clients }
        _modify { yield &fileSystem.clients }
    }
}
