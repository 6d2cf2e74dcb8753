/// NFS: the server keeps no state; clients validate. A cached copy is
/// trusted while younger than its attribute timeout (3–30 s for files,
/// adaptive), then revalidated by comparing modification times. Dirty data
/// goes back on close.
public struct NFSConsistency: ConsistencyProtocol {
    public init() {}

    func fresh(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool {
        now - entry.validatedAt < config.attributeTimeout(now: now, modified: entry.modified, directory: false)
    }

    public func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool {
        guard let entry else { return true }
        return !fresh(entry, now: now, config: config)
    }

    public func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool {
        fresh(entry, now: now, config: config)
    }

    public func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool {
        entry.modified == serverModified || entry.dirty
    }

    public func closeNeedsServer(wrote: Bool) -> Bool { false }
    public let flushesOnClose = true

    public func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions {
        ServerOpenActions()
    }

    public func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions {
        ServerCloseActions()
    }
}
