/// Backing files' pages in client caches, and the file cache's side of the
/// VM / file-cache negotiation, as the file system keeps them.
///
/// With bypass on (Sprite's choice) backing pages never enter a client cache
/// and nothing here changes; with bypass off they do, beside the files the
/// cache holds and in the same room: a page can then be in memory twice,
/// as a VM page and as a cached block (double caching).
struct BackingFileState {
    /// Each node's backing pages in its client cache, by node; a node that never cached one has none.
    var clientPages: [Int: BackingPageCache] = [:]
    /// A node's file cache is claiming room: a page VM gives up meanwhile goes straight to its server
    /// rather than into the cache whose room is being counted.
    var claimingRoom = false
    var statistics = BackingFileStatistics()
}

/// One node's backing pages in its client cache: one key per page (its first
/// block), weighing the page's blocks.
struct BackingPageCache {
    var lru = LRUList<BlockKey>()
    /// The pages written here and not yet at their server, with when each became dirty.
    var dirtySince: [BlockKey: SimTime] = [:]
}

/// Counters of paging through the file system and of the negotiation.
public struct BackingFileStatistics: Sendable, Equatable {
    /// Block transfers that ended, by kind, and those that failed.
    public var pageReads = 0
    public var pageWrites = 0
    public var failedTransfers = 0
    /// Bypass off: page-ins served from the client cache, and dirty pages it wrote back.
    public var clientCacheHits = 0
    public var pagesWrittenBack = 0
    /// Pages the file cache took from VM in a negotiation, and takes VM could not give.
    public var pagesFromVM = 0
    public var refusedByVM = 0
    /// Pages the file cache gave up to VM.
    public var pagesToVM = 0

    public init() {}
}
