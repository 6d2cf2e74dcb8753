/// Page-based distributed shared memory over messages (Li and Hudak's Ivy; Munin; TreadMarks).
///
/// Owns: shared segments, each page's owner and copy set, each participant's copy of each page, the
/// requests in progress (faults, DSM locks and barriers), the managers and consistency models.
/// May reach: Cluster, Network, Frames, Memory (docs/ARCHITECTURE.md).
/// Its stored properties skip the run-time exclusivity check: every fault reads several of them, the checks
/// were a quarter of a fault's instructions, and the engine is single-threaded with no overlapping access.
final class SharedMemory {
    @exclusivity(unchecked) var segments: [DSMSegmentState] = []
    @exclusivity(unchecked) var index: [String: Int32] = [:]
    /// Every segment's pages, a run per segment.
    let pages = PlainArray<DSMPage>()
    /// Each page's copies, one per participant: page-major, `participantCount` a page.
    let copies = PlainArray<DSMCopy>()
    /// Where each segment's copies start in `copies`.
    @exclusivity(unchecked) var firstCopy: [Int] = []
    let table = DSMRequestTable()
    @exclusivity(unchecked) var managers: [any PageManager] = []
    @exclusivity(unchecked) var models: [any DSMConsistencyModel] = []
    @exclusivity(unchecked) var locks = DSMLockTable()
    /// The waiters a barrier is releasing, kept between releases so a release allocates nothing.
    @exclusivity(unchecked) var releasing: [Int32] = []
    /// Lazy release's intervals and vector times; the pages of the interval being closed (reused).
    @exclusivity(unchecked) var intervals = DSMIntervalLog()
    @exclusivity(unchecked) var loggedPages: [Int32] = []
    /// The byte runs of twinned copies (multiple-writer models).
    @exclusivity(unchecked) var diffRuns = DSMDiffRunPool()
    @exclusivity(unchecked) var statistics = DSMStatistics()
    /// By process: the fault trap was paid, the request may go out; and the request it waits on, or -1.
    @exclusivity(unchecked) var trapPaid: [Bool] = []
    @exclusivity(unchecked) var waitingOn: [Int32] = []
    /// Patterns over shared segments the programs' steps name, and each process's place in its own.
    @exclusivity(unchecked) var patterns: [CompiledDSMPattern] = []
    @exclusivity(unchecked) var cursors: [DSMPatternCursor] = []
    /// By node: the bytes of the DSM copies it holds, and the ledger pages pinned for them.
    @exclusivity(unchecked) var heldBytes: [Int64] = []
    @exclusivity(unchecked) var pinnedPages: [Int64] = []
    /// Steps that could not be taken, for the language to report (the process ends there).
    @exclusivity(unchecked) var failures: [DSMFailureRecord] = []

    func copyIndex(segment: Int, page: Int32, participant: Int) -> Int {
        firstCopy[segment] + Int(page) * segments[segment].participantCount + participant
    }

    /// The node `node` believes owns `page` (dynamic manager): its hint, or the page's first owner.
    func probableOwner(page: Int32, at node: Int, _ s: Int) -> Int {
        let participant = segments[s].participantIndex(of: node)
        let hint = participant < 0 ? -1 : copies[copyIndex(segment: s, page: page, participant: participant)].probOwner
        return hint >= 0 ? Int(hint) : FixedDistributedManager.managerNode(of: page, segments[s])
    }

    func ensureNode(_ node: Int) {
        guard heldBytes.count <= node else { return }
        heldBytes.append(contentsOf: repeatElement(0, count: node + 1 - heldBytes.count))
        pinnedPages.append(contentsOf: repeatElement(0, count: node + 1 - pinnedPages.count))
    }

    func ensureProcess(_ process: Int32) {
        let needed = Int(process) + 1
        guard trapPaid.count < needed else { return }
        trapPaid.append(contentsOf: repeatElement(false, count: needed - trapPaid.count))
        waitingOn.append(contentsOf: repeatElement(-1, count: needed - waitingOn.count))
        cursors.append(contentsOf: repeatElement(DSMPatternCursor(), count: needed - cursors.count))
    }

    /// A page's state is 80 B and a copy's 24 B: eight pages or copies make one record. A logged write
    /// notice is a page number and a share of its interval: eight of them make one record too.
    var recordCount: Int { (pages.count + copies.count + intervals.noticeCount) / 8 + table.liveRequests }
}

/// Why a DSM step could not be taken.
public enum DSMFailureKind: Sendable, Equatable {
    /// The process's node is not among the segment's nodes.
    case notAmongNodes(node: Int)
    /// The page's owner crashed: the page is gone.
    case pageLost(page: Int32, node: Int)
    /// `dsm release L` by a process that does not hold L.
    case releaseNotHeld
    /// `dsm acquire L` by the process that holds L (DSM locks are not reentrant).
    case acquireHeld
    /// `dsm barrier B parties N` while the episode's waiters named another count.
    case partiesMismatch(waiting: Int32, arriving: Int32)
    /// The request's messages got no answer.
    case noAnswer(node: Int)
}

/// A DSM step that could not be taken (by process index); the process ends there and the run reports it.
struct DSMFailureRecord {
    var process: Int32
    var time: SimTime
    /// The segment, lock or barrier named by the step.
    var name: String
    var kind: DSMFailureKind
}
