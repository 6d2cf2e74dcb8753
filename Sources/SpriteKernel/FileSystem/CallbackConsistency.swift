/// Server-initiated invalidation (AFS-style callbacks): the server remembers
/// who caches a file and, when a writer closes it, tells the others their
/// copies are stale. Session semantics: changes are seen by later opens.
public struct CallbackConsistency: ConsistencyProtocol {
    public init() {}

    public func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool {
        !(entry?.callbackValid ?? false)
    }

    public func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool {
        entry.callbackValid || entry.dirty
    }

    public func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool {
        entry.version == serverVersion || entry.dirty
    }

    public let closeNeedsServer = true
    public let flushesOnClose = true

    public func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions {
        file.callbacks.insert(client)
        return ServerOpenActions()
    }

    public func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions {
        guard wrote else { return ServerCloseActions() }
        let others = file.callbacks.subtracting([client]).sorted()
        file.callbacks = [client]
        return ServerCloseActions(invalidate: others)
    }
}
