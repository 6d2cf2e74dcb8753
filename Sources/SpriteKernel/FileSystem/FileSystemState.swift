import DequeModule

/// The bytes behind a content id: real text, or a synthetic size.
struct ContentData {
    var bytes: [UInt8]?
    var size: Int64
}

/// One open…close session of a client on a file.
struct OpenSession {
    var id: Int
    var file: Int
    var writable: Bool
    /// False for an open for writing only (`open PATH w`): reads are refused.
    var readable = true
    var wrote = false
    var openedAt: SimTime
    /// Session semantics: what was committed when the session opened…
    var committedAtOpen: (content: ContentID, event: Int?)
    /// …and the session's own latest write.
    var lastWrite: (content: ContentID, event: Int)?
    /// The V process that opened it; -1 for the node itself.
    var owner = -1
    /// Opened on the disk cache's copy while the server did not answer: reads come from that disk.
    var disconnected = false
}

/// A file operation a node's file-system client performs, in order.
enum FileStep {
    case open(path: String, writable: Bool, readable: Bool, operation: Int32)
    case read(path: String?, operation: Int32)
    /// One block of the file (`read PATH block N`).
    case readBlock(path: String?, block: Int64, operation: Int32)
    /// Blocks first...last, one call a block (`read PATH blocks A..B`), or written in batches.
    case readBlocks(path: String?, first: Int64, last: Int64, operation: Int32)
    case writeBlocks(path: String?, first: Int64, last: Int64, operation: Int32)
    case write(path: String?, text: [UInt8]?, size: Int64, append: Bool, operation: Int32)
    case close(path: String?, operation: Int32)
    case delete(path: String, operation: Int32)
    case stat(path: String, operation: Int32)
    case sync(operation: Int32)
    case create(path: String, size: Int64, directory: Bool, operation: Int32)
    case list(path: String, operation: Int32)
    case resolve(path: String, operation: Int32)
    case mount(server: Int, remote: String, point: String, operation: Int32)

    /// The same step with its path rewritten (to the name at the server).
    func renamed(_ rename: (String) -> String) -> FileStep {
        switch self {
        case .open(let p, let w, let r, let op): .open(path: rename(p), writable: w, readable: r, operation: op)
        case .read(let p, let op): .read(path: p.map(rename), operation: op)
        case .readBlock(let p, let b, let op): .readBlock(path: p.map(rename), block: b, operation: op)
        case .readBlocks(let p, let a, let b, let op):
            .readBlocks(path: p.map(rename), first: a, last: b, operation: op)
        case .writeBlocks(let p, let a, let b, let op):
            .writeBlocks(path: p.map(rename), first: a, last: b, operation: op)
        case .write(let p, let t, let s, let a, let op):
            .write(path: p.map(rename), text: t, size: s, append: a, operation: op)
        case .close(let p, let op): .close(path: p.map(rename), operation: op)
        case .delete(let p, let op): .delete(path: rename(p), operation: op)
        case .stat(let p, let op): .stat(path: rename(p), operation: op)
        case .create(let p, let s, let d, let op): .create(path: rename(p), size: s, directory: d, operation: op)
        case .list(let p, let op): .list(path: rename(p), operation: op)
        case .resolve(let p, let op): .resolve(path: rename(p), operation: op)
        case .sync, .mount: self
        }
    }

    /// The path the step names, if any.
    var path: String? {
        switch self {
        case .open(let p, _, _, _), .delete(let p, _), .stat(let p, _), .create(let p, _, _, _), .list(let p, _),
             .resolve(let p, _):
            p
        case .read(let p, _), .write(let p, _, _, _, _), .close(let p, _), .readBlock(let p, _, _),
             .readBlocks(let p, _, _, _), .writeBlocks(let p, _, _, _):
            p
        case .sync, .mount: nil
        }
    }

    var operation: Int32 {
        switch self {
        case .open(_, _, _, let op), .read(_, let op), .write(_, _, _, _, let op), .close(_, let op),
             .delete(_, let op), .stat(_, let op), .sync(let op), .create(_, _, _, let op),
             .list(_, let op), .resolve(_, let op), .mount(_, _, _, let op), .readBlock(_, _, let op),
             .readBlocks(_, _, _, let op), .writeBlocks(_, _, _, let op):
            return op
        }
    }
}

/// A node's file-system client: its cache, its open sessions, its steps served from memory.
struct FileClient {
    var entries: [Int: ClientFileEntry] = [:]
    var lru = LRUList<Int>()
    var sessions: [Int: OpenSession] = [:]
    /// Each issuer's open sessions (the node is -1), most recent last, for `read` without a path: kept
    /// per issuer so a step looks only at its own (thousands of processes may share a node).
    var openOrder: [Int: [Int]] = [:]
    /// How many sessions have each file open: whether it is open is asked on every eviction and close.
    var openCount: [Int: Int] = [:]
    /// Sessions a fork shared, by id: how many processes hold each (absent: its opener alone).
    var holders: [Int: Int] = [:]
    /// Steps served from memory, each ending at its `fileStepDone` event, and
    /// what each does then: it takes effect when its charge is over. Several
    /// processes of the node may have one each; a list, as it is short (searched,
    /// not hashed, on the hot path).
    var localSteps: [(operation: Int32, then: (Simulation) -> Void)] = []
    var cacheEnabled = true
    var capacityBlocks: Int64
    /// Sprite prefix table: prefix → (server, token), a hint.
    var prefixes: [String: PrefixEntry] = [:]
    var daemonScheduled = false
    /// NFS: directory listings cached with when they were fetched.
    var listings: [String: (names: [String], validatedAt: SimTime, modified: SimTime)] = [:]
    /// Writes on their way to the server in a write-back, by file.
    var inFlight: [Int: [Int]] = [:]
    /// Files the server said not to cache (concurrent write-sharing)…
    var uncached: Set<Int> = []
    /// …of which these the server allows again, but they stay uncached until
    /// the sessions open here close (Sprite does not re-enable open files).
    var uncachedUntilClose: Set<Int> = []
    /// Callbacks: the epoch of the latest break received, by file. A promise
    /// from an earlier epoch crossed that break and is void.
    var brokenCallbacks: [Int: Int] = [:]
    /// NFS mounts: local path → (server, exported path on it).
    var mounts: [String: NFSMount] = [:]
    /// Mount points a `mount` statement asked for, done or still queued:
    /// a second mount on one of them is the script's mistake.
    var requestedMounts: Set<String> = []
    /// Automounter: paths ROOT/SERVER/… mount SERVER's exports on first use.
    var automountRoot: String?
    /// The content each path last read returned, for `expect read`.
    /// The version each path's last read returned, and its block for a block read.
    var lastRead: [String: (content: ContentID, block: Int64?)] = [:]

    init(capacityBlocks: Int64) { self.capacityBlocks = capacityBlocks }

    /// Callbacks: may the copy in `answer` be trusted until a break? Only if
    /// the server promised it, and no break since the promise has arrived.
    func trusts(_ answer: CallAnswer, file: Int) -> Bool {
        guard let epoch = answer.promise else { return false }
        return epoch >= brokenCallbacks[file, default: 0]
    }

    /// Takes the file's data an answer carries into the cache, unless the
    /// client may not cache it or holds dirty data of its own.
    mutating func cacheFetched(_ file: Int, _ answer: CallAnswer, now: SimTime, blocks: Int64) -> ClientFileEntry? {
        guard cacheEnabled, !answer.cachingDisabled, !uncached.contains(file), entries[file]?.dirty != true else {
            return nil
        }
        let entry = ClientFileEntry(content: answer.content, size: answer.size, version: answer.version,
                                    modified: answer.modified, validatedAt: now,
                                    callbackValid: trusts(answer, file: file))
        entries[file] = entry
        lru.touch(file, weight: blocks, at: now)
        return entry
    }

    /// A session on this node has the file open.
    func isOpen(_ file: Int) -> Bool { openCount[file, default: 0] > 0 }

    /// Keeps `session`'s place in its issuer's open order and its file's count.
    mutating func addSession(_ session: OpenSession) {
        sessions[session.id] = session
        openOrder[session.owner, default: []].append(session.id)
        openCount[session.file, default: 0] += 1
    }

    /// A fork: the child holds every session the parent holds, as a UNIX child shares its parent's open
    /// files (one session, one offset); each ends when the last of its holders closes it or ends.
    mutating func share(sessionsOf parent: Int, with child: Int) {
        guard let held = openOrder[parent], !held.isEmpty else { return }
        openOrder[child, default: []].append(contentsOf: held)
        for id in held { holders[id, default: 1] += 1 }
    }

    /// `holder` lets go of `session`, which another process still holds: true if it did (the session
    /// stays open); false when `holder` is its last holder, whose close ends it.
    mutating func letGo(_ session: Int, by holder: Int) -> Bool {
        guard let count = holders[session], count > 1 else { return false }
        holders[session] = count > 2 ? count - 1 : nil
        if let order = openOrder.index(forKey: holder), let place = openOrder.values[order].lastIndex(of: session) {
            openOrder.values[order].remove(at: place)
        }
        return true
    }

    /// Forgets `session`; returns whether its file is still open here. Entries left empty stay (one per
    /// issuer or file that ever opened here): each table is looked up once, and changed where it lies.
    /// `holder` is the process whose close ends it: its opener, or the last process a fork shared it with.
    mutating func removeSession(_ session: OpenSession, holder: Int) -> Bool {
        guard sessions.removeValue(forKey: session.id) != nil else { return isOpen(session.file) }
        if let order = openOrder.index(forKey: holder),
           let place = openOrder.values[order].lastIndex(of: session.id) {
            openOrder.values[order].remove(at: place)
        }
        guard let count = openCount.index(forKey: session.file) else { return false }
        openCount.values[count] -= 1
        return openCount.values[count] > 0
    }

    /// Changes the file's cached copy in place, if there is one: one lookup.
    /// (`entries[file]?.field = x` looks it up again for every field, each
    /// through an accessor whose frame is allocated on the heap.)
    mutating func updateEntry(_ file: Int, _ change: (inout ClientFileEntry) -> Void) {
        guard let index = entries.index(forKey: file) else { return }
        change(&entries.values[index])
    }

    /// Changes an open session in place, if it is open; as `updateEntry`.
    mutating func updateSession(_ id: Int, _ change: (inout OpenSession) -> Void) {
        guard let index = sessions.index(forKey: id) else { return }
        change(&sessions.values[index])
    }

    /// These writes of the file are no longer on their way (at the server, or
    /// back in the dirty copy): another write-back of the file, by another
    /// process's step or the daemon, may still have its own on the way.
    mutating func noLongerInFlight(_ writes: [Int], of file: Int) {
        guard var left = inFlight[file] else { return }
        left.removeAll { writes.contains($0) }
        inFlight[file] = left.isEmpty ? nil : left
    }

    /// Drops the file's copy from the cache.
    mutating func forget(_ file: Int) {
        entries[file] = nil
        lru.remove(file)
    }
}

/// Counters for `show stats` and expectations.
public struct FileSystemStatistics: Sendable, Equatable {
    /// RPCs by kind: open, read, write, close, getattr, recall, …
    public var rpcs: [String: Int] = [:]
    public var clientHits = 0
    public var clientMisses = 0
    public var serverHits = 0
    public var serverMisses = 0
    public var diskReads = 0
    public var diskWrites = 0
    /// Dirty data the server got back from the last writer at its request
    /// (before answering an open, or with a disable-caching reply).
    public var recalls = 0
    public var invalidations = 0
    public var cachingDisabled = 0
    public var broadcasts = 0
    public var stalePrefixes = 0
    /// Bytes written and deleted before a flush: they never reached the server.
    public var bytesNeverWritten: Int64 = 0
    public var bytesToServer: Int64 = 0
    public var serverRequests: [Int: Int] = [:]

    /// Every kind of call counted in `rpcs`.
    public static let callKinds: Set<String> = [
        "open", "close", "read", "write", "getattr", "delete", "create", "mkdir", "readdir", "mount",
        "broadcast", "recall", "disable-caching", "callback",
    ]

    public init() {}
}

/// A write a crash destroyed before it reached the server.
public struct CrashLoss: Sendable, Equatable {
    public var node: Int
    public var path: String
    public var writeEvent: Int
    public var writtenAt: SimTime
    public var crashedAt: SimTime
}

/// A prefix-table entry: the server of a domain and its token for the
/// domain's root (a new token each time the domain is declared or moves).
public struct PrefixEntry: Sendable, Equatable {
    public var server: Int
    public var token: Int
}

/// A remote directory mounted into a client's local name space.
public struct NFSMount: Sendable, Equatable {
    public var server: Int
    public var remotePath: String
    public var automounted: Bool
}

struct BlockKey: Hashable {
    var file: Int
    var block: Int64
}
