/// One file operation as the semantics checker sees it. Contents are named,
/// not stored: every write creates a new `ContentID`, and a read records the
/// content it returned, so judging a history compares integers.
public typealias ContentID = Int

/// What a file held before anything was written: the empty file.
public let emptyContent: ContentID = 0

/// The `basedOn` of a write that replaces the whole file: its new content
/// derives from no earlier version (only an append's does).
public let noContent: ContentID = -1

public enum FileEventKind: Sendable, Equatable {
    /// A session begins. `writable` for w, rw and append opens.
    case open(writable: Bool)
    /// The read returned `content`.
    case read(content: ContentID)
    /// The write produced `content` from `basedOn`: the version an append
    /// extended, or `noContent` for a write that replaced the whole file.
    case write(content: ContentID, basedOn: ContentID)
    /// The session ends.
    case close
}

/// A recorded file operation: who, which file, which session, when.
public struct FileEvent: Sendable, Equatable {
    public var id: Int
    public var kind: FileEventKind
    public var node: Int
    /// The open…close session the operation belongs to.
    public var session: Int
    public var file: Int
    /// When the program issued the operation and when it returned.
    public var start: SimTime
    public var end: SimTime
    /// The transaction (`begin` … `commit`) the session belongs to, -1 for none.
    public var transaction: Int
    /// A write's place in the order the file's versions were stored at its
    /// server (increasing over a run), where a version replaces the one
    /// before it: `notStored` while (or if) it never got there, `inWriteOrder`
    /// for a history that does not say (its writes are stored as they happen).
    /// A write superseded in a client cache is stored with the write that
    /// replaced it there, just before it.
    public var serverOrder: Int
    /// The process (declared or running a program) whose session it belongs to, -1 for the node itself.
    public var process: Int

    public static let notStored = -1
    public static let inWriteOrder = -2

    public init(id: Int, kind: FileEventKind, node: Int, session: Int, file: Int, start: SimTime, end: SimTime,
                transaction: Int = -1, serverOrder: Int = FileEvent.inWriteOrder, process: Int = -1) {
        self.id = id
        self.kind = kind
        self.node = node
        self.session = session
        self.file = file
        self.start = start
        self.end = end
        self.transaction = transaction
        self.serverOrder = serverOrder
        self.process = process
    }
}

/// The sharing models a read is judged under.
public enum SharingModel: String, Sendable, CaseIterable {
    /// A read returns the value of the last write anywhere.
    case unix
    /// A read sees what was closed before its session opened, plus its own writes.
    case session
    /// A file that is shared is never modified.
    case immutable
    /// Sessions behave as serializable transactions.
    case transaction
}

/// The judgement of one read under one model.
public enum Judgement: Sendable, Equatable {
    case fresh
    /// The read should have returned `expected`, written by event `byEvent`
    /// (nil when the expected content is the empty file).
    case stale(expected: ContentID, byEvent: Int?)
    /// Immutable files: the file was modified by `byEvent` while shared.
    case modifiedWhileShared(byEvent: Int)
    /// Transactions: the read's session is in a cycle of conflicting sessions.
    case notSerializable(withSession: Int)
}

/// Every verdict on one read.
public struct ReadVerdict: Sendable, Equatable {
    public var event: Int
    public var unix: Judgement
    public var session: Judgement
    public var immutable: Judgement
    public var transaction: Judgement

    public func judgement(_ model: SharingModel) -> Judgement {
        switch model {
        case .unix: unix
        case .session: session
        case .immutable: immutable
        case .transaction: transaction
        }
    }
}

/// A session whose committed version replaced, at the file's server, an
/// update another session committed, without having seen that update (the
/// "Jack and Jill" case; see `SemanticsChecker`).
public struct LostUpdate: Sendable, Equatable {
    /// The close of the session whose update was lost.
    public var lostEvent: Int
    /// The close of the session that overwrote it.
    public var overwrittenBy: Int
    public var file: Int
}

/// Whether a transaction (`begin` … `commit`) is serializable with the
/// others, sessions and operations outside transactions included.
public struct TransactionVerdict: Sendable, Equatable {
    public var transaction: Int
    public var serializable: Bool
    /// When not: the smallest other transaction id on its cycle, if any…
    public var withTransaction: Int?
    /// …and the smallest other session id (a transaction's is its smallest session's).
    public var withSession: Int?

    public init(transaction: Int, serializable: Bool, withTransaction: Int? = nil, withSession: Int? = nil) {
        self.transaction = transaction
        self.serializable = serializable
        self.withTransaction = withTransaction
        self.withSession = withSession
    }
}

/// The checker's whole answer for a history.
public struct SemanticsReport: Sendable, Equatable {
    /// One per read, in the order of the history.
    public var reads: [ReadVerdict]
    public var lostUpdates: [LostUpdate]
    /// One per transaction in the history, by id.
    public var transactions: [TransactionVerdict]

    public init(reads: [ReadVerdict] = [], lostUpdates: [LostUpdate] = [], transactions: [TransactionVerdict] = []) {
        self.reads = reads
        self.lostUpdates = lostUpdates
        self.transactions = transactions
    }
}
