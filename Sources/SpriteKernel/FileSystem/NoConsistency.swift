/// No consistency at all: a cached copy is used for ever. Here to show what
/// goes wrong without a protocol.
public struct NoConsistency: ConsistencyProtocol {
    public init() {}

    public func openNeedsServer(_ entry: ClientFileEntry?, now: SimTime, config: FileSystemConfig) -> Bool {
        entry == nil
    }

    public func readMayUseCache(_ entry: ClientFileEntry, now: SimTime, config: FileSystemConfig) -> Bool { true }

    public func cacheIsCurrent(_ entry: ClientFileEntry, serverVersion: Int, serverModified: SimTime) -> Bool { true }

    public func closeNeedsServer(wrote: Bool) -> Bool { false }
    public let flushesOnClose = false

    public func serverOpen(_ file: inout ServerFile, client: Int, writable: Bool) -> ServerOpenActions {
        ServerOpenActions()
    }

    public func serverClose(_ file: inout ServerFile, client: Int, writable: Bool, wrote: Bool) -> ServerCloseActions {
        ServerCloseActions()
    }
}
