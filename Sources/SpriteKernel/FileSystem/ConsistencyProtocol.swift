/// Keeps client caches consistent with the server. One type per protocol;
/// adding one is a new file and a case in `ConsistencyKind`.
public protocol ConsistencyProtocol: Sendable {
    /// Must an open ask the server, given the client's cached copy?
    func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool
    /// May a read use the cached copy without asking the server?
    func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool
    /// After the server answered, is the cached copy still current?
    func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool
    /// Must the client tell the server about the close of a session that wrote (`wrote`) or not?
    func closeNeedsServer(wrote: Bool) -> Bool
    /// Must dirty data go back at close, whatever the write policy?
    var flushesOnClose: Bool { get }
    /// Server bookkeeping when a client opens a file.
    func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions
    /// Server bookkeeping when a client closes a file.
    func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions
    /// Does an open bring the whole file into the cache (AFS), so that the
    /// session works on the copy it opened?
    var fetchesAtOpen: Bool { get }
    /// Does a session's data stay in the cache until its close (AFS stores at
    /// close), so no delayed-write daemon sends it while the session is open?
    var holdsWritesUntilClose: Bool { get }
    /// The server hands `client` a copy (open, read, or its own store): the
    /// callback epoch it promises to call back from, or nil (no promise).
    func serverPromise(_ file: inout ServerFile, client: Int) -> Int?
}

extension ConsistencyProtocol {
    public var fetchesAtOpen: Bool { false }
    public var holdsWritesUntilClose: Bool { false }
    public func serverPromise(_ file: inout ServerFile, client: Int) -> Int? { nil }
}

/// What the server must do before or after answering an open.
public struct ServerOpenActions: Sendable, Equatable {
    /// Recall dirty blocks from this client before answering (Sprite).
    public var recallFrom: Int?
    /// Tell these clients to stop caching the file (concurrent write-sharing).
    public var disableCachingOn: [Int] = []
}

public struct ServerCloseActions: Sendable, Equatable {
    /// Tell these clients their copies are stale (callbacks)…
    public var invalidate: [Int] = []
    /// …as of this callback epoch: promises made before it are void.
    public var epoch = 0
    /// Write-sharing ended: these clients may cache again.
    public var cachingEnabledAgain = false
}

public enum ConsistencyKind: String, Sendable, CaseIterable {
    case sprite, nfs, callbacks, none

    public var implementation: any ConsistencyProtocol {
        switch self {
        case .sprite: SpriteConsistency()
        case .nfs: NFSConsistency()
        case .callbacks: CallbackConsistency()
        case .none: NoConsistency()
        }
    }
}
