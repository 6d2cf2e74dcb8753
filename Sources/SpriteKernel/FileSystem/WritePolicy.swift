/// When a client's cached writes reach the server. One type per policy;
/// adding one is a new file and a case in `WritePolicyKind`.
public protocol WritePolicy: Sendable {
    /// Every write goes to the server before it returns.
    var writesThrough: Bool { get }
    /// Dirty data is written back when the file is closed.
    var flushesOnClose: Bool { get }
    /// A daemon writes back old dirty data periodically.
    var usesFlushDaemon: Bool { get }
}

public enum WritePolicyKind: String, Sendable, CaseIterable {
    case writeThrough = "write-through"
    case delayedWrite = "delayed-write"
    case writeOnClose = "write-on-close"

    public var policy: any WritePolicy {
        switch self {
        case .writeThrough: WriteThrough()
        case .delayedWrite: DelayedWrite()
        case .writeOnClose: WriteOnClose()
        }
    }
}
