/// How much the engine records. Operation-level events are always needed to
/// tell a user what happened; message-level events are for looking closer.
public enum TraceLevel: String, Sendable, CaseIterable, Comparable {
    case off
    case operations
    /// Operations and page faults (virtual memory, DSM).
    case faults
    case messages

    private var rank: Int {
        switch self {
        case .off: 0
        case .operations: 1
        case .faults: 2
        case .messages: 3
        }
    }
    public static func < (lhs: TraceLevel, rhs: TraceLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Why a message never arrived.
public enum DropReason: Sendable, Equatable {
    case loss
    case partition
    case destinationDown
    case senderCrashed
}

/// A message as the trace reports it.
public struct MessageSummary: Sendable, Equatable {
    public var id: Int32
    public var kind: MessageKind
    public var source: Int
    public var destination: Int
    public var payloadBytes: Int64
    public var packets: Int64
    public var wireBytes: Int64
    public var attempt: Int
    /// The sending and receiving processes (ids in the process table), or -1 where the message is the
    /// kernel's own: a V message names both, a file-system call its caller at the caller's end.
    public var fromProcess: Int32 = -1
    public var toProcess: Int32 = -1
}

/// Something that happened, stamped with time and node by `TraceRecord`.
/// Every case carries typed values; the language layer turns them into words.
public enum TraceEvent: Sendable, Equatable {
    case messageSent(MessageSummary)
    case messageDelivered(MessageSummary)
    case messageDropped(MessageSummary, DropReason)
    case retransmitting(MessageSummary)

    /// A process sent a V message and is now blocked awaiting the reply.
    case vSent(operation: Int32, from: Int, to: Int, text: String?, bytes: Int64)
    /// A process received a message (after waiting `waited` for one).
    case vReceived(operation: Int32, process: Int, from: Int, text: String?, bytes: Int64, waited: SimTime)
    case vReplied(operation: Int32, process: Int, to: Int, text: String?, bytes: Int64)
    /// A sender's reply arrived: its Send completed after `elapsed`.
    case vUnblocked(operation: Int32, process: Int, text: String?, elapsed: SimTime, penalty: SimTime)
    case moveCompleted(operation: Int32, direction: MoveDirection, process: Int, peer: Int,
                       bytes: Int64, elapsed: SimTime, penalty: SimTime, packets: Int64)
    case computeCompleted(operation: Int32, process: Int, duration: SimTime)

    case rpcCompleted(operation: Int32, call: Int, calls: Int, client: Int, server: Int,
                      elapsed: SimTime, penalty: SimTime, packets: Int64)
    case rpcSeriesCompleted(operation: Int32, client: Int, server: Int, calls: Int,
                            elapsed: SimTime, mean: SimTime, penalty: SimTime, packets: Int64)

    case operationFailed(operation: Int32, failure: OperationFailure)

    // File system.
    case fileOpened(operation: Int32, path: String, session: Int, writable: Bool, readable: Bool, action: CacheAction,
                    version: Int)
    /// `block` is set for `read … block N`: the read returned that block of `content` alone.
    case fileRead(operation: Int32, path: String, event: Int, content: ContentID, block: Int64?, bytes: Int64,
                  place: ReadSource, unix: Judgement, session: Judgement, reason: StaleReason?)
    case fileWritten(operation: Int32, path: String, event: Int, bytes: Int64, toServer: Bool)
    /// `read PATH blocks A..B`: `hits` blocks came from the client (memory, held, disk), the rest in `calls`;
    /// `places` says which of the four places served each block.
    case blocksRead(operation: Int32, path: String, first: Int64, last: Int64, bytes: Int64, hits: Int, calls: Int,
                    places: PlaceCounts, unix: Judgement, session: Judgement, reason: StaleReason?)
    /// `write PATH blocks A..B`: `bytes` in `calls` write calls of up to `batch` blocks.
    case blocksWritten(operation: Int32, path: String, first: Int64, last: Int64, bytes: Int64, calls: Int)
    case fileClosed(operation: Int32, path: String, session: Int)
    case fileFlushed(path: String, bytes: Int64, writes: Int, why: FlushReason)
    case fileCreated(operation: Int32, path: String, bytes: Int64, directory: Bool)
    case fileDeleted(operation: Int32, path: String, neverWrittenBytes: Int64)
    case fileStat(operation: Int32, path: String, bytes: Int64, version: Int, modified: SimTime, directory: Bool)
    /// An ls returned `names`; `event` is its index in the directory history.
    case directoryListed(operation: Int32, path: String, names: [String], event: Int, verdict: ListingVerdict)
    case synced(operation: Int32, files: Int)
    /// At a server: dirty blocks recalled from the last writer before an open.
    case recalled(path: String, from: Int, bytes: Int64)
    case cachingDisabled(path: String, clients: [Int])
    case cachingEnabled(path: String)
    /// At a client: the server broke its callback; the cached copy is dropped.
    /// A callback break; `kept`: the copy stays for a session open here, void for the next open.
    case invalidated(path: String, by: Int, kept: Bool)
    /// Name resolution: a prefix-table hit, a broadcast, a learned or stale entry.
    case prefixHit(operation: Int32, path: String, prefix: String, server: Int)
    case broadcast(operation: Int32, path: String)
    case prefixLearned(prefix: String, server: Int)
    case stalePrefix(path: String, prefix: String, server: Int)
    /// A server met a remote link: `prefix` is a domain of another server.
    case remoteLink(path: String, prefix: String, server: Int)
    case resolved(operation: Int32, path: String, server: Int, handle: Int)
    case writesLost(node: Int, losses: [CrashLoss])
    case mounted(operation: Int32, server: Int, remote: String, point: String, automounted: Bool)

    /// A DSM fault was served: `from` sent the page (or the grant), -1 when only diffs came.
    case dsmFault(process: Int, segment: String, page: Int32, write: Bool, from: Int, messages: Int, waited: SimTime)
    /// A node's copy of a DSM page was invalidated, for a write by `by` (or a write notice of `by`).
    case dsmInvalidated(segment: String, page: Int32, by: Int)
    /// Virtual memory: a page fault served (`wait`: how long the process was blocked; zero for a minor one).
    case pageFault(process: Int, segment: SegmentKind, page: Int64, write: Bool, source: PageSource, wait: SimTime)
    /// What one node's paging did over a run (`trace operations` prints this instead of every fault).
    case pagingSummary(faults: Int, zeroFills: Int, pageIns: Int, pageOuts: Int, wait: SimTime)
    /// `sync NODES`: the node's dirty pages queued for writing out to their backing store.
    case pagesSynced(pages: Int)
    /// A page-in or page-out failed: the process waiting for it dies.
    case pagingFailed(process: Int, segment: SegmentKind, page: Int64, failure: OperationFailure)
    /// A node's disk served a request (messages level): when it asked, when the arm began and ended it.
    case diskRequest(DiskRequestSummary)

    // Process migration (Migration/): asked for, each phase (messages level), done, failed.
    case migrationStarted(process: Int, from: Int, to: Int, strategy: String, execTime: Bool)
    case migrationPhase(process: Int, phase: String, peer: Int, elapsed: SimTime, bytes: Int64, calls: Int)
    case migrationDone(process: Int, from: Int, to: Int, freeze: SimTime, total: SimTime, bytes: Int64,
                       openFiles: Int)
    case migrationFailed(process: Int, from: Int, to: Int, reason: MigrationFailure)
    /// A migrated process died on `on` because its home crashed (its location-dependent state was there).
    case homeCrashKill(process: Int, home: Int, on: Int)
    // Load balancing (Balancing/): a probe answered (messages level), a process placed, an eviction.
    case balanceProbe(from: Int, to: Int, queue: Int, accepted: Bool)
    case balanceTransfer(process: Int, from: Int, to: Int, policy: String, probes: Int)
    case evicting(node: Int, processes: Int, stayed: Int)
    // pmake (Pmake/): a job started as a process on the build's home; the build's last job ended.
    case pmakeJobStarted(build: String, job: String, process: Int)
    case pmakeEnded(build: String, makespan: SimTime, jobs: Int, failed: Int)
    case nodeCrashed(node: Int, lostMessages: Int)
    case nodeRestarted(node: Int)
    case partitioned(groups: [[Int]])
    case healed
}

public struct TraceRecord: Sendable, Equatable {
    public var time: SimTime
    /// The node where it happened.
    public var node: Int
    public var event: TraceEvent

    public init(time: SimTime, node: Int, event: TraceEvent) {
        self.time = time
        self.node = node
        self.event = event
    }
}

public enum MoveDirection: String, Sendable, Equatable {
    case moveTo = "moveto"
    case moveFrom = "movefrom"
}

/// Why a read returned something other than the latest write.
public enum StaleReason: Sendable, Equatable {
    /// NFS: the cached copy was younger than its attribute timeout, so it was not checked.
    case cachedWithinTimeout(version: Int, age: SimTime, timeout: SimTime)
    /// No consistency protocol: the cached copy is never checked.
    case cacheNeverChecked(version: Int)
    /// Callbacks: the server has not broken the callback (the writer has not closed).
    case callbackNotBroken(version: Int)
    /// Callbacks: the callback was broken, but the open session keeps the copy it opened.
    case sessionKeepsItsCopy(version: Int)
    /// The newest data sits dirty in the writer's cache, not yet at the server.
    case writerHoldsDirtyData(writer: Int, policy: WritePolicyKind)
    /// The cached copy was used as it stood.
    case cachedCopy(version: Int)
    /// Disconnected: the server did not answer, so the client's disk cache served the version it held.
    case disconnected(version: Int, serverVersion: Int)
}

/// Why dirty data went to the server.
public enum FlushReason: String, Sendable, Equatable {
    case daemon, close, recall, sync, writeThrough = "write-through", eviction, migration
}
