// The semantics checker's entry point and its judging pass: one walk over a
// history that judges every read under the four models and finds lost updates,
// then the transactions' precedence cycles. Its tables live in
// SemanticsCheckerState.swift, the graph algorithm in StronglyConnectedComponents.swift.

/// Judges a recorded file-operation history under the four sharing models and
/// finds lost updates.
///
/// The history is judged in (start, id) order, whatever order it arrives in:
/// "before" below always means "earlier in that order". Work is O(n log n) in
/// the number of events: one sort, then one pass over the events with
/// per-file and per-session tables, then a linear strongly-connected-components
/// pass over the sessions' precedence graph.
///
/// Session ids are global (a session may use several files); a negative id
/// means "outside any session". A session opens F at its first event on F
/// (normally its `.open`), and a close of F commits the session's latest write
/// of F if it wrote F since its previous close of F.
///
/// The models, for a read R of file F in session S:
///
/// - **unix**: R returns the content of the last write to F before R (the
///   empty file if there is none).
/// - **session**: if S wrote F before R, R returns S's latest such write;
///   otherwise the content committed (by its close) by the last session that
///   wrote F and closed before S opened F; otherwise the empty file. A write
///   outside any session (session -1) is a session of its own that commits at
///   once; a read outside any session is a session of its own opened at the read.
/// - **immutable**: F is shared from the first time `.open`s from two
///   different nodes have been seen on it. Every write to F from then on
///   modifies a shared file; a read after the first such write is judged
///   `.modifiedWhileShared` with that write.
/// - **transaction**: sessions are transactions; each operation outside a
///   session is a transaction of its own (autocommit). Transactions are
///   ordered by what they read: writes of a file in time order; a read after
///   the write of the content it returned, and before the write that replaced
///   that content (so a stale read orders its transaction before a write that
///   happened earlier in time); a read whose transaction lies on a
///   cycle of that order is `.notSerializable` with the smallest other session
///   id on the cycle's strongly connected component (session ids of real
///   sessions are preferred over the -1 of autocommit operations).
///
/// Lost updates, for a session S that wrote F and closed (its commit), and a
/// session T on another node that wrote F and closed before S closed, where S
/// never saw T's committed content (no read of S returned it and no write of S
/// was based on it):
///
/// 1. T closed after S opened F: S's commit overwrote an update S never saw.
///    Only the most recent such T per commit of S is reported (the update S's
///    commit overwrote directly); reporting every T in the window could be
///    quadratic in the number of sessions.
/// 2. T's commit is the one S should have seen at open under session semantics
///    (the last commit before S opened F), yet S read older content before
///    writing (the "Jack and Jill" case with a stale cache: Jill opens after
///    Jack closed but reads what was there before Jack's write). "Older" means
///    written before T closed, or not written before the read at all; a read
///    of content written after T closed (say, a concurrent writer's data seen
///    through write-sharing) does not count.
///
/// A write outside a session can be the lost T (its close is the write itself,
/// and `lostEvent` is the write's id) but never overwrites anything itself.
/// Lost updates come in the order of S's close, then T's close.
///
/// `SemanticsReport.reads` has one verdict per read, in (start, id) order, so a
/// report does not depend on the order of its input.
public enum SemanticsChecker {
    public static func judge(_ history: [FileEvent]) -> SemanticsReport {
        var pass = CheckerPass(history)
        return pass.run()
    }
}

// MARK: The pass

/// Where an event sits in the judging order.
private struct SortKey {
    var start: Int64
    var id: Int
    var index: Int32
}

private struct CheckerPass {
    let history: [FileEvent]

    /// Per file (dense): the commits, in the order of their closes.
    private var commits: [[Commit]] = []
    /// Per session (dense): its first file and that use's index in `uses`;
    /// further files of the same session go through `otherUses`, keyed by
    /// session << 32 | file.
    private var firstFile: [Int32] = []
    private var firstUse: [Int32] = []
    private var otherUses: [Int: Int32] = [:]
    private var uses: [SessionFile] = []

    init(_ history: [FileEvent]) {
        self.history = history
    }

    /// The use of file `file` (dense) by session `session` (dense), created
    /// (and so opened, for session semantics) now if new.
    @inline(__always)
    private mutating func use(_ session: Int32, _ file: Int32, node: Int) -> Int {
        let first = firstFile[Int(session)]
        if first == file { return Int(firstUse[Int(session)]) }
        if first < 0 {
            firstFile[Int(session)] = file
            firstUse[Int(session)] = Int32(uses.count)
        } else {
            let key = Int(session) << 32 | Int(file)
            if let known = otherUses[key] { return Int(known) }
            otherUses[key] = Int32(uses.count)
        }
        uses.append(SessionFile(node: node, commitsAtOpen: Int32(commits[Int(file)].count)))
        return uses.count - 1
    }

    /// Appends a commit to a file's list.
    @inline(__always)
    private mutating func commit(_ file: Int, _ entry: Commit) {
        var entry = entry
        let last = commits[file].count - 1
        if last < 0 {
            entry.previousOtherNode = -1
        } else {
            let previous = commits[file][last]
            entry.previousOtherNode = previous.node != entry.node ? Int32(last) : previous.previousOtherNode
        }
        commits[file].append(entry)
    }

    /// Event indices in (start, id) order.
    private func judgingOrder() -> [Int32] {
        var keys: [SortKey] = []
        keys.reserveCapacity(history.count)
        var sorted = true
        var previous: (Int64, Int) = (.min, .min)
        for (index, event) in history.enumerated() {
            let key = SortKey(start: event.start.nanoseconds, id: event.id, index: Int32(index))
            if sorted, (key.start, key.id) < previous { sorted = false }
            previous = (key.start, key.id)
            keys.append(key)
        }
        if !sorted {
            keys.sort { $0.start != $1.start ? $0.start < $1.start : $0.id < $1.id }
        }
        return keys.map(\.index)
    }

    mutating func run() -> SemanticsReport {
        let count = history.count
        precondition(count < Int(Int32.max), "SemanticsChecker: history too long")
        let order = judgingOrder()

        // Ranges of the identifiers, to size the numbering tables.
        var minFile = Int.max, maxFile = Int.min
        var minSession = Int.max, maxSession = Int.min
        var minContent = Int.max, maxContent = Int.min
        var readCount = 0
        for event in history {
            minFile = min(minFile, event.file)
            maxFile = max(maxFile, event.file)
            if event.session >= 0 {
                minSession = min(minSession, event.session)
                maxSession = max(maxSession, event.session)
            }
            switch event.kind {
            case .read: readCount += 1
            case .write(let content, _):
                minContent = min(minContent, content)
                maxContent = max(maxContent, content)
            default: break
            }
        }
        let budget = 2 * count + 1024
        var files = DenseNumbering(minimum: minFile, maximum: maxFile, budget: budget)
        var sessions = DenseNumbering(minimum: minSession, maximum: maxSession, budget: budget)
        var writeRanks = WriteRanks(minimum: minContent, maximum: maxContent, budget: budget)

        // Per file (dense).
        var unixContent: [ContentID] = []
        var unixWriter: [Int] = []
        var firstOpenNode: [Int] = []
        var hasOpen: [Bool] = []
        var shared: [Bool] = []
        var firstSharedWrite: [Int] = []
        var lastWriterTx: [Int32] = []
        // Transactions are ordered by what they actually read (read-from),
        // not by when: a read of content C follows C's writer and precedes
        // the write that replaced C, even when that write came earlier in
        // time (a stale read). Content ids are unique per write, except the
        // empty file, which is tracked per file.
        var writerTxOf: [ContentID: Int32] = [:]
        var successorTxOf: [ContentID: Int32] = [:]
        var readersOf: [ContentID: [Int32]] = [:]
        var emptySuccessorTx: [Int32] = []
        var emptyReaders: [[Int32]] = []

        // Precedence graph: nodes are dense sessions; autocommit operations
        // are -(k + 1) until the session count is known.
        var edgeFrom: [Int32] = []
        var edgeTo: [Int32] = []
        var autocommitCount: Int32 = 0

        var reads: [ReadVerdict] = []
        reads.reserveCapacity(readCount)
        var readTx: [Int32] = []
        readTx.reserveCapacity(readCount)
        var lostUpdates: [LostUpdate] = []

        for rank in 0..<count {
            let event = history[Int(order[rank])]
            let file = files.number(event.file)
            let f = Int(file)
            if f == unixContent.count {
                unixContent.append(emptyContent)
                unixWriter.append(-1)
                firstOpenNode.append(0)
                hasOpen.append(false)
                shared.append(false)
                firstSharedWrite.append(-1)
                lastWriterTx.append(Int32.min)
                emptySuccessorTx.append(Int32.min)
                emptyReaders.append([])
                commits.append([])
            }
            var session: Int32 = -1
            if event.session >= 0 {
                session = sessions.number(event.session)
                if Int(session) == firstFile.count {
                    firstFile.append(-1)
                    firstUse.append(-1)
                }
            }

            switch event.kind {
            case .open:
                if !hasOpen[f] {
                    hasOpen[f] = true
                    firstOpenNode[f] = event.node
                } else if firstOpenNode[f] != event.node {
                    shared[f] = true
                }
                if session >= 0 { _ = use(session, file, node: event.node) }

            case .read(let content):
                // unix
                let unixExpected = unixContent[f]
                let unix: Judgement = content == unixExpected ? .fresh
                    : .stale(expected: unixExpected, byEvent: unixExpected == emptyContent ? nil : unixWriter[f])
                // immutable
                let immutable: Judgement = firstSharedWrite[f] >= 0
                    ? .modifiedWhileShared(byEvent: firstSharedWrite[f]) : .fresh
                // session
                var expected = emptyContent
                var byEvent = -1
                var tx: Int32
                if session >= 0 {
                    let u = use(session, file, node: event.node)
                    let atOpen = Int(uses[u].commitsAtOpen)
                    if uses[u].ownWrite >= 0 {
                        expected = uses[u].ownContent
                        byEvent = uses[u].ownWrite
                    } else if atOpen > 0 {
                        let seen = commits[f][atOpen - 1]
                        expected = seen.content
                        byEvent = seen.writeEvent
                        if content != expected, !uses[u].readOlderThanOpenCommit {
                            if writeRanks.rank(content) < seen.closeRank { uses[u].readOlderThanOpenCommit = true }
                        }
                    }
                    uses[u].see(content)
                    tx = session
                } else {
                    if let last = commits[f].last {
                        expected = last.content
                        byEvent = last.writeEvent
                    }
                    autocommitCount += 1
                    tx = -autocommitCount
                }
                let sessionJudgement: Judgement = content == expected ? .fresh
                    : .stale(expected: expected, byEvent: expected == emptyContent ? nil : byEvent)
                // transaction: the writer of what was read -> the reader -> the
                // transaction that replaced it (now, or when it comes).
                let writer = content == emptyContent ? Int32.min : writerTxOf[content] ?? Int32.min
                if writer != Int32.min, writer != tx {
                    edgeFrom.append(writer)
                    edgeTo.append(tx)
                }
                let successor = content == emptyContent ? emptySuccessorTx[f] : successorTxOf[content] ?? Int32.min
                if successor != Int32.min {
                    if successor != tx {
                        edgeFrom.append(tx)
                        edgeTo.append(successor)
                    }
                } else if content == emptyContent {
                    if emptyReaders[f].last != tx { emptyReaders[f].append(tx) }
                } else if readersOf[content]?.last != tx {
                    readersOf[content, default: []].append(tx)
                }
                reads.append(ReadVerdict(event: event.id, unix: unix, session: sessionJudgement,
                                         immutable: immutable, transaction: .fresh))
                readTx.append(tx)

            case .write(let content, let basedOn):
                let replaced = unixContent[f]
                unixContent[f] = content
                unixWriter[f] = event.id
                if shared[f], firstSharedWrite[f] < 0 { firstSharedWrite[f] = event.id }
                writeRanks.written(content, at: Int32(rank))
                var tx: Int32
                if session >= 0 {
                    let u = use(session, file, node: event.node)
                    uses[u].ownWrite = event.id
                    uses[u].ownContent = content
                    uses[u].see(basedOn)
                    tx = session
                } else {
                    commit(f, Commit(node: event.node, closeEvent: event.id, closeRank: Int32(rank),
                                     writeEvent: event.id, content: content, previousOtherNode: -1))
                    autocommitCount += 1
                    tx = -autocommitCount
                }
                // transaction: readers of the replaced content -> this write;
                // the previous writer -> this write.
                let readers: [Int32]
                if replaced == emptyContent {
                    readers = emptyReaders[f]
                    emptyReaders[f] = []
                    if emptySuccessorTx[f] == Int32.min { emptySuccessorTx[f] = tx }
                } else {
                    readers = readersOf.removeValue(forKey: replaced) ?? []
                    if successorTxOf[replaced] == nil { successorTxOf[replaced] = tx }
                }
                for reader in readers where reader != tx {
                    edgeFrom.append(reader)
                    edgeTo.append(tx)
                }
                writerTxOf[content] = tx
                let writer = lastWriterTx[f]
                if writer != Int32.min, writer != tx {
                    edgeFrom.append(writer)
                    edgeTo.append(tx)
                }
                lastWriterTx[f] = tx

            case .close:
                guard session >= 0 else { break }
                let u = use(session, file, node: event.node)
                let write = uses[u].ownWrite
                guard write >= 0, write != uses[u].committedWrite else { break }
                let node = event.node
                let atOpen = Int(uses[u].commitsAtOpen)
                // Rule 2: the commit S should have seen at open, missed.
                if uses[u].readOlderThanOpenCommit {
                    let missed = commits[f][atOpen - 1]
                    if missed.node != node, !uses[u].saw(missed.content) {
                        lostUpdates.append(LostUpdate(lostEvent: missed.closeEvent, overwrittenBy: event.id,
                                                      file: event.file))
                    }
                }
                // Rule 1: the latest commit from another node since S opened, unseen.
                var index = commits[f].count - 1
                while index >= atOpen {
                    let candidate = commits[f][index]
                    if candidate.node == node {
                        index = Int(candidate.previousOtherNode)
                    } else if uses[u].saw(candidate.content) {
                        index -= 1
                    } else {
                        lostUpdates.append(LostUpdate(lostEvent: candidate.closeEvent, overwrittenBy: event.id,
                                                      file: event.file))
                        break
                    }
                }
                uses[u].committedWrite = write
                commit(f, Commit(node: node, closeEvent: event.id, closeRank: Int32(rank), writeEvent: write,
                                 content: uses[u].ownContent, previousOtherNode: -1))
            }
        }

        // Transactions: strongly connected components of the precedence graph.
        let sessionCount = Int(sessions.count)
        let nodeCount = sessionCount + Int(autocommitCount)
        @inline(__always)
        func graphNode(_ tx: Int32) -> Int { tx >= 0 ? Int(tx) : sessionCount + Int(-tx) - 1 }
        // Session id of each graph node (-1 for autocommit operations).
        var label = [Int](repeating: -1, count: nodeCount)
        for event in history where event.session >= 0 {
            label[Int(sessions.number(event.session))] = event.session
        }
        let component = Components.strong(nodeCount: nodeCount, from: edgeFrom, to: edgeTo, map: graphNode)
        // Per component: size and the two smallest session ids.
        var size = [Int32](repeating: 0, count: component.count)
        var smallest = [Int](repeating: .max, count: component.count)
        var second = [Int](repeating: .max, count: component.count)
        for node in 0..<nodeCount {
            let c = Int(component.of[node])
            size[c] += 1
            let id = label[node]
            guard id >= 0 else { continue }
            if id < smallest[c] {
                second[c] = smallest[c]
                smallest[c] = id
            } else if id < second[c], id != smallest[c] {
                second[c] = id
            }
        }
        for index in 0..<reads.count {
            let node = graphNode(readTx[index])
            let c = Int(component.of[node])
            guard size[c] > 1 else { continue }
            let own = label[node]
            var other = smallest[c] != own ? smallest[c] : second[c]
            if other == .max { other = -1 } // only autocommit operations besides it
            reads[index].transaction = .notSerializable(withSession: other)
        }

        return SemanticsReport(reads: reads, lostUpdates: lostUpdates)
    }
}
