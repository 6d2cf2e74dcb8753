/// What an operation is.
public enum OperationKind: String, Sendable, Equatable {
    case send, receive, reply, moveTo = "moveto", moveFrom = "movefrom", compute, rpc
    case open, read, write, close, delete, stat, sync, create, mkdir, list = "ls", resolve, mount
}

/// Why an operation could not complete. The language layer words these.
public enum OperationFailure: Sendable, Equatable {
    /// The node that was to perform it is down.
    case nodeDown(node: Int)
    /// The peer crashed while this operation waited on it.
    case peerCrashed(node: Int)
    /// Every retransmission went unanswered.
    case noAnswer(node: Int, attempts: Int)
    /// V rule: reply, moveto and movefrom need a peer blocked awaiting our reply.
    case notAwaitingReply(process: Int, peer: Int)
    case segmentTooLarge(bytes: Int64, limit: Int64)
    case messageTooLarge(bytes: Int64, limit: Int64)
    /// No domain or mount covers the path.
    case noServer(path: String)
    case noSuchFile(path: String)
    /// A scheduled process's IPC step names no process that is still running.
    case noSuchProcess(name: String)
    /// A scheduled process's reply or move names a process not blocked awaiting its reply.
    case peerNotAwaitingReply(process: String, peer: String)
    /// read, write or close with no open file to act on.
    case notOpen(path: String?)
    case openReadOnly(path: String)
    /// A read of a file opened for writing only.
    case openWriteOnly(path: String)
    case notExported(path: String, server: Int)
    case isDirectory(path: String)
    /// A component of the path is a regular file, not a directory.
    case notADirectory(path: String)
    /// The root directory, or the root of a domain or an export, cannot be deleted.
    case rootDirectory(path: String)
    /// mkdir or create of a name that already exists.
    case fileExists(path: String)
    /// delete of a directory that still holds files.
    case directoryNotEmpty(path: String)
    /// The operation would end after `SimTime.horizon`, the end of simulated time.
    case endOfTime
    /// The write would take the file data the simulation keeps past its limit.
    case fileBytesLimit(bytes: Int64, limit: Int64)
    /// The write would take the text of file versions the simulation keeps past its limit.
    case textBytesLimit(bytes: Int64, limit: Int64)
    /// A page left at a node it migrated from (lazy copy) had its only copy in that node's memory, and the
    /// node crashed since: the page is gone, even once the node is back.
    case sourcePageLost(node: Int)
}

public enum OperationStatus: Sendable, Equatable {
    case queued
    case running
    case done
    case failed(OperationFailure)
}

/// Everything known about one operation: what a script can `expect` about.
public struct OperationRecord: Sendable, Equatable {
    public var id: Int32
    public var kind: OperationKind
    public var node: Int
    /// The V process performing it, if any.
    public var process: Int?
    public var peer: Int?
    /// The scheduled process performing it and its peer, by name (a program's IPC step).
    public var scheduledProcess: String?
    public var scheduledPeer: String?
    public var issuedAt: SimTime
    public var startedAt: SimTime?
    public var finishedAt: SimTime?
    public var status: OperationStatus = .queued
    /// Payload bytes the operation moved (both directions for rpc).
    public var bytes: Int64 = 0
    public var packets: Int64 = 0
    /// Network penalty for this operation's transfers.
    public var penalty: SimTime = .zero
    /// Text received (receive) or replied (send).
    public var text: String?
    /// The version a read returned: its bytes are kept once, in the content table, however many read it.
    public var content: ContentID?
    /// For `read … block N`: N; the read returned that block of `content` alone.
    public var block: Int64?
    /// The path a file-system step names, normalised, so a failure can say which file.
    public var path: String?
    /// Calls finished, for an rpc series.
    public var completedCalls: Int = 0

    public var elapsed: SimTime? {
        guard let start = startedAt, let end = finishedAt else { return nil }
        return end - start
    }
}
