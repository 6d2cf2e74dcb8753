/// Directory listings judged like reads. A directory's contents change when an
/// operation adds or removes a name in it (create, mkdir, an open for writing
/// that makes the file, a directory made above a new file, delete); an `ls` is
/// a read of the directory. `ListingJudge` judges each listing against the
/// changes under UNIX and session semantics.

public enum DirectoryEventKind: Sendable, Equatable {
    /// A name appeared: a directory (mkdir, or made above a new file) or a file.
    case added(directory: Bool)
    /// A name went (delete).
    case removed
    /// An ls returned `names`, judged as `verdict`.
    case listed(names: [String], verdict: ListingVerdict)
}

/// A change to a directory or a listing of it.
public struct DirectoryEvent: Sendable, Equatable {
    /// Its index in the directory history.
    public var id: Int
    public var kind: DirectoryEventKind
    /// The node whose operation it was.
    public var node: Int
    /// The directory, named as at its server.
    public var directory: String
    /// The name added or removed ("" for a listing).
    public var name: String
    /// The operation that made it (-1: none).
    public var operation: Int32
    /// When the operation began.
    public var start: SimTime
    /// A change: when the server made it. A listing: when it returned.
    public var end: SimTime

    public init(id: Int, kind: DirectoryEventKind, node: Int, directory: String, name: String, operation: Int32,
                start: SimTime, end: SimTime) {
        self.id = id
        self.kind = kind
        self.node = node
        self.directory = directory
        self.name = name
        self.operation = operation
        self.start = start
        self.end = end
    }

    /// The full path of the name a change added or removed.
    public var path: String { directory == "/" ? "/" + name : directory + "/" + name }
}

/// The judgement of one listing under one model.
public enum ListingJudgement: Sendable, Equatable {
    case fresh
    /// The listing shows `count` names wrongly (a name missing that a change
    /// added, or one shown that a change removed); `missed` is the latest of
    /// those changes (its id in the directory history).
    case stale(missed: Int, count: Int)
}

/// Where a listing came from, to say why it is stale.
public enum ListingSource: Sendable, Equatable {
    case server
    /// A cached listing `age` old, trusted for `timeout` (nfs) or for ever (nil: consistency none).
    case cache(age: SimTime, timeout: SimTime?)
    /// A cached listing `age` old, trusted until the server breaks its callback.
    case callback(age: SimTime)
}

/// Every verdict on one listing.
public struct ListingVerdict: Sendable, Equatable {
    public var unix: ListingJudgement
    public var session: ListingJudgement
    public var source: ListingSource

    public init(unix: ListingJudgement, session: ListingJudgement, source: ListingSource) {
        self.unix = unix
        self.session = session
        self.source = source
    }

    /// The judgement under `model`; nil where listings are not judged (immutable files, transactions).
    public func judgement(_ model: SharingModel) -> ListingJudgement? {
        switch model {
        case .unix: unix
        case .session: session
        case .immutable, .transaction: nil
        }
    }
}
