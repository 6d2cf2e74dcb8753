/// Server-initiated invalidation (AFS-style callbacks): whole-file caching;
/// an open fetches the file with a callback promise unless the client holds a
/// copy whose callback is unbroken; a writer's close stores the file and the
/// server breaks every other holder's callback. Session semantics: a break
/// voids the copy for the next open, while an open session keeps what it opened.
/// Every copy a client trusts was promised by the server (`serverPromise`), and
/// a break names its epoch, so a promise that crossed a break is not trusted.
public struct CallbackConsistency: ConsistencyProtocol {
    public init() {}

    public func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool {
        !(entry?.callbackValid ?? false)
    }

    /// The cached copy is the one the session opened (or its own writes):
    /// reads use it even once the callback is broken.
    public func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool { true }

    public func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool {
        entry.version == serverVersion || entry.dirty
    }

    /// AFS stores only modified files at close: the server's callback bookkeeping changes
    /// only when a session wrote (it breaks the others' callbacks), so any other close is local.
    public func closeNeedsServer(wrote: Bool) -> Bool { wrote }
    public let flushesOnClose = true
    public let fetchesAtOpen = true
    /// Other clients see a change only once its session closes.
    public let holdsWritesUntilClose = true

    public func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions {
        ServerOpenActions()
    }

    public func serverPromise(_ file: inout ServerFile, client: Int) -> Int? {
        file.callbacks.insert(client)
        return file.callbackEpoch
    }

    public func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions {
        guard wrote else { return ServerCloseActions() }
        let others = file.callbacks.subtracting([client]).sorted()
        file.callbacks = [client]
        guard !others.isEmpty else { return ServerCloseActions() }
        file.callbackEpoch += 1
        return ServerCloseActions(invalidate: others, epoch: file.callbackEpoch)
    }
}
