/// A file as its server holds it.
public struct ServerFile: Sendable {
    public var path: String
    public var server: Int
    public var isDirectory: Bool
    public var content: ContentID = emptyContent
    public var size: Int64 = 0
    /// Bumped by every write that reaches the server.
    public var version = 0
    public var modified: SimTime = .zero
    /// The write event that produced the server's content, if any.
    public var lastWriteEvent: Int?
    public var deleted = false

    // Bookkeeping of stateful protocols (Sprite, callbacks).
    /// Open sessions per client: (readers, writers).
    var openers: [Int: (readers: Int, writers: Int)] = [:]
    /// The client that last wrote and may still hold dirty blocks.
    var lastWriter: Int?
    var cachingDisabled = false
    /// Clients the server promised to call back (callback protocol)…
    var callbacks: Set<Int> = []
    /// …and how many times it broke them: a promise is good from its epoch
    /// until the next break.
    var callbackEpoch = 0

    init(path: String, server: Int, isDirectory: Bool) {
        self.path = path
        self.server = server
        self.isDirectory = isDirectory
    }

    /// The clients the server would call back if the file changed.
    public var callbackHolders: [Int] { callbacks.sorted() }

    var writerCount: Int { openers.values.reduce(0) { $0 + $1.writers } }
    var openClientCount: Int { openers.count }
}

/// A file in a client's cache.
public struct ClientFileEntry: Sendable {
    public var content: ContentID
    public var size: Int64
    /// The server version this copy came from (or was last validated against).
    public var version: Int
    public var modified: SimTime
    /// When the client last checked this copy with the server.
    public var validatedAt: SimTime
    public var dirty = false
    public var dirtySince: SimTime = .zero
    /// Writes held only here, not yet at the server.
    public var unflushedWrites: [Int] = []
    /// Callback protocol: the server promised to say when this copy goes stale.
    public var callbackValid = false
}

/// Why an open or read did what it did with the cache.
public enum CacheAction: Sendable, Equatable {
    /// No cached copy: fetched from the server.
    case miss
    /// The cached copy was used without asking the server.
    case usedWithoutCheck
    /// Checked with the server and still current.
    case validated
    /// Checked with the server and out of date: dropped.
    case droppedStale(cachedVersion: Int, serverVersion: Int)
    /// Caching is disabled for this file (concurrent write-sharing).
    case cachingDisabled
    /// The client does not cache.
    case cacheOff
    /// The server did not answer: the session opened the copy in the client's disk cache.
    case disconnected(version: Int)
}
