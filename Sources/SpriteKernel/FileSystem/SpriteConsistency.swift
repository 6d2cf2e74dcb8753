/// Sprite: the server sees every open and close. A version number checked at
/// open handles sequential write-sharing (and the last writer's dirty blocks
/// are recalled first); when a file is open on several clients and one of
/// them writes, caching is disabled for it until the sharing ends.
public struct SpriteConsistency: ConsistencyProtocol {
    public init() {}

    public func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool { true }

    /// Versions are checked at open, and a file that must not be cached is
    /// never in the cache, so a cached copy is good for the whole session.
    public func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool { true }

    public func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool {
        entry.version == serverVersion || entry.dirty
    }

    /// The server counts every open and close to detect concurrent write-sharing.
    public func closeNeedsServer(wrote: Bool) -> Bool { true }
    public let flushesOnClose = false

    public func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions {
        var actions = ServerOpenActions()
        if let writer = file.lastWriter, writer != client { actions.recallFrom = writer }
        var counts = file.openers[client] ?? (0, 0)
        if writable { counts.writers += 1 } else { counts.readers += 1 }
        file.openers[client] = counts
        if file.openClientCount > 1 && file.writerCount > 0 && !file.cachingDisabled {
            file.cachingDisabled = true
            actions.disableCachingOn = file.openers.keys.sorted()
        }
        return actions
    }

    public func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions {
        if var counts = file.openers[client] {
            if writable { counts.writers -= 1 } else { counts.readers -= 1 }
            file.openers[client] = counts.readers + counts.writers > 0 ? counts : nil
        }
        if wrote && !file.cachingDisabled { file.lastWriter = client }
        var actions = ServerCloseActions()
        if file.cachingDisabled && (file.openClientCount <= 1 || file.writerCount == 0) {
            file.cachingDisabled = false
            actions.cachingEnabledAgain = true
        }
        return actions
    }
}
