// The semantics checker's entry point and its judging pass: one walk over a
// history that judges every read under the four models and finds lost updates,
// then the transactions' precedence cycles. Its tables live in
// SemanticsCheckerState.swift, the graph algorithm in StronglyConnectedComponents.swift.

/// Judges a recorded file-operation history under the four sharing models and
/// finds lost updates.
///
/// The history is judged in (start, id) order, whatever order it arrives in:
/// "before" below always means "earlier in that order". Work is O(n log n) in
/// the number of events: one sort, a pass that puts each file's versions in
/// the order they reached the server (`ServerOrder`, a sort per file), one
/// pass over the events with per-file and per-session tables, then a linear
/// strongly-connected-components pass over the sessions' precedence graph.
///
/// Session ids are global (a session may use several files); a negative id
/// means "outside any session". A session opens F at its first event on F
/// (normally its `.open`), and a close of F commits the session's latest write
/// of F if it wrote F since its previous close of F.
///
/// The models, for a read R of file F in session S:
///
/// - **unix**: R returns the content of the last write to F before R (the
///   empty file if there is none), or that of a write to F concurrent with R:
///   one that began after R began and no later than R's end. A write completed
///   before R must be seen; one under way while R is may or may not be, so a
///   read returning a newer version than required is fresh, never stale.
/// - **session**: if S wrote F before R, R returns S's latest such write;
///   otherwise the content committed (by its close) by the last session that
///   wrote F and closed before S opened F; otherwise the empty file. A write
///   outside any session (session -1) is a session of its own that commits at
///   once; a read outside any session is a session of its own opened at the read.
/// - **immutable**: F is shared from the first time `.open`s from two
///   different nodes have been seen on it (the processes of one node, a
///   program's or a declared one, are that one node). Every write to F from then on
///   modifies a shared file; a read after the first such write is judged
///   `.modifiedWhileShared` with that write.
/// - **transaction**: sessions are transactions, except that the sessions of
///   one `FileEvent.transaction` (a node's `begin` … `commit`, over any
///   files) are one transaction together; each operation outside a
///   session is a transaction of its own (autocommit). Transactions are
///   ordered by what they read: writes of a file in the order their versions
///   reached the server (`FileEvent.serverOrder`; a version that never got
///   there is in no such order); a read after the write of the content it
///   returned, and before the write whose version replaced that content at
///   the server (so a stale read orders its transaction before a write that
///   happened earlier in time); a read whose transaction lies on a
///   cycle of that order is `.notSerializable` with the smallest other session
///   id on the cycle's strongly connected component (session ids of real
///   sessions are preferred over the -1 of autocommit operations; a
///   transaction counts as its smallest session). `SemanticsReport.transactions`
///   says the same per transaction.
///
/// Lost updates (the read–modify–write race, which no cache consistency
/// protocol prevents: consistency is not synchronization). Versions replace
/// each other at the file's server, in the order they get there (a write
/// through, a flush at close, a delayed write-back, a recall, a create),
/// which a client cache can make differ from the order of the write steps.
/// When session S commits F (closes after writing it), the commit it
/// replaces is L, the commit whose version S's committed version replaced at
/// the server (the last one stored before it). A version that never reached
/// the server (deleted, or lost in a crash) replaces nothing and is replaced
/// by nothing. L's update is lost when:
///
/// 1. L is another session's (any node's, S's own node too) or a write
///    outside any session;
/// 2. S's writes had a base: S saw some version of F it did not write itself
///    (a read returned it, or an append extended it). A blind overwrite
///    loses nothing (T then S is a serial order that explains it);
/// 3. S never saw L's version: no read of S returned L's content, no append
///    of S extended it, S saw no version stored after L's (whose writer,
///    not S, replaced L's), and S saw nothing written after L committed
///    (which could contain it). So S's base was older than L's update.
///
/// Then S replaced L's update with a version derived from an older one, and
/// L's content is not in the file any more. When L's version replaced S's
/// instead (L's got to the server last), S's update is the one overwritten,
/// by L's rules. Only the commit S replaced directly is reported (earlier
/// ones were replaced by L or its predecessors, and are reported against
/// those if lost), so the work per commit is O(log m) for the m versions S
/// saw. The transaction column agrees on the race: when S read a version V
/// before L wrote, S precedes the write whose version replaced V at the
/// server (L or an earlier one), which precedes S's write there, so S is not
/// serializable. The converse has one exception: an append of S that
/// extended L's version after S had read an older one is not serializable but
/// loses nothing (the file keeps L's update).
/// In a transaction, S's knowledge is the transaction's: what any of its
/// sessions saw of F, and its own writes are the transaction's.
/// Lost updates come in the order of S's close.
///
/// `SemanticsReport.reads` has one verdict per read, in (start, id) order, so a
/// report does not depend on the order of its input.
public enum SemanticsChecker {
    public static func judge(_ history: [FileEvent]) -> SemanticsReport {
        var pass = CheckerPass(history)
        return pass.run()
    }

    /// The report and the lost-update search's work (versions ranked and
    /// entries compared), which the tests bound by O(n log n).
    static func judgeCountingWork(_ history: [FileEvent]) -> (report: SemanticsReport, work: Int) {
        var pass = CheckerPass(history)
        let report = pass.run()
        return (report, pass.work)
    }
}

// MARK: The pass

/// Graph ids from here up are transactions (dense numbers added).
private let transactionBase: Int32 = 1 << 30

/// Where an event sits in the judging order.
private struct SortKey {
    var start: Int64
    var id: Int
    var index: Int32
}

private struct CheckerPass {
    let history: [FileEvent]
    /// Event indices in judging order, and which version replaced which at the server.
    private var order: [Int32] = []
    private var server: ServerOrder?

    /// Per file (dense): the commits, in the order of their closes.
    private var commits: [[Commit]] = []
    /// Per session (dense): its first file and that use's index in `uses`;
    /// further files of the same session go through `otherUses`, keyed by
    /// session << 32 | file.
    private var firstFile: [Int32] = []
    private var firstUse: [Int32] = []
    private var otherUses: [Int: Int32] = [:]
    private var uses: [SessionFile] = []
    /// The lost-update search's steps (see `judgeCountingWork`).
    private(set) var work = 0

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

    /// Where the lost-update search keeps what was seen: the session's use of
    /// the file, or its transaction's (keyed -(transaction + 1) << 32 | file
    /// in `otherUses`), so a transaction that read a file in one session and
    /// wrote it in another wrote from what it read.
    @inline(__always)
    private mutating func knowledge(_ u: Int, _ transaction: Int32, _ file: Int32) -> Int {
        guard transaction >= 0 else { return u }
        let key = -(Int(transaction) + 1) << 32 | Int(file)
        if let known = otherUses[key] { return Int(known) }
        otherUses[key] = Int32(uses.count)
        uses.append(SessionFile(node: uses[u].node, commitsAtOpen: 0))
        return uses.count - 1
    }

    /// S's use `u` of a file commits at judging rank `rank`, with `close`:
    /// the close (or write outside a session) of the update it overwrites, if
    /// lost (see `SemanticsChecker`). O(log m) amortized for m versions seen.
    private mutating func overwritten(_ u: Int, by close: FileEvent, at rank: Int, tx: Int32,
                                      writerTxOf: [ContentID: Int32], writeRanks: WriteRanks) -> Int? {
        // The newest version seen that another wrote, over what was added since the last look.
        while uses[u].ranked < uses[u].seen.count {
            let content = uses[u].seen[uses[u].ranked]
            uses[u].ranked += 1
            work += 1
            if content != emptyContent, writerTxOf[content] == tx { continue }
            uses[u].based = true
            guard content != emptyContent else { continue }
            let written = writeRanks.rank(content)
            uses[u].newestSeen = max(uses[u].newestSeen, written)
            if written >= 0 {
                let key = ServerOrder.key(history[Int(order[Int(written)])], rank: written)
                uses[u].newestStored = max(uses[u].newestStored, key)
            }
        }
        // L: the commit whose version S's replaced at the server, if S's got there.
        guard uses[u].based, let server, server.replacedClose[rank] >= 0 else { return nil }
        let lCloseRank = server.replacedClose[rank], lWriteRank = server.replacedWrite[rank]
        let lClose = history[Int(order[Int(lCloseRank)])], lWrite = history[Int(order[Int(lWriteRank)])]
        guard !Self.sameTransaction(lClose, close), case .write(let lContent, _) = lWrite.kind else { return nil }
        // Seen directly, or a version that replaced it at the server (S's base
        // is newer: that version's writer replaced L's), or something written
        // after it committed (which may include it).
        if uses[u].newestStored > ServerOrder.key(lWrite, rank: lWriteRank) || uses[u].newestSeen > lCloseRank
            || uses[u].saw(lContent, work: &work) { return nil }
        return lClose.id
    }

    /// Whether two events with sessions belong to one transaction (or one session outside any).
    private static func sameTransaction(_ a: FileEvent, _ b: FileEvent) -> Bool {
        guard a.session >= 0, b.session >= 0 else { return false }
        return a.transaction >= 0 || b.transaction >= 0 ? a.transaction == b.transaction : a.session == b.session
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
        precondition(count < Int(transactionBase), "SemanticsChecker: history too long")
        order = judgingOrder()

        // Ranges of the identifiers, to size the numbering tables.
        var minFile = Int.max, maxFile = Int.min
        var minSession = Int.max, maxSession = Int.min
        var minTransaction = Int.max, maxTransaction = Int.min
        var minContent = Int.max, maxContent = Int.min
        var readCount = 0
        for event in history {
            minFile = min(minFile, event.file)
            maxFile = max(maxFile, event.file)
            if event.session >= 0 {
                minSession = min(minSession, event.session)
                maxSession = max(maxSession, event.session)
                if event.transaction >= 0 {
                    minTransaction = min(minTransaction, event.transaction)
                    maxTransaction = max(maxTransaction, event.transaction)
                }
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
        let server = ServerOrder(history, order: order, files: &files, sessions: &sessions)
        self.server = server
        var transactions = DenseNumbering(minimum: minTransaction, maximum: maxTransaction, budget: budget)
        // Each transaction's id and its smallest session id, by dense number.
        var transactionIDs: [Int] = []
        var transactionSessions: [Int] = []
        var writeRanks = WriteRanks(minimum: minContent, maximum: maxContent, budget: budget)
        let writers = ContentWriters(history, minimum: minContent, maximum: maxContent, budget: budget)

        // Per file (dense).
        var unixContent: [ContentID] = []
        var unixWriter: [Int] = []
        // The node that opened the file first: the node is the sharer, so its processes are one.
        var firstOpenNode: [Int] = []
        var hasOpen: [Bool] = []
        var shared: [Bool] = []
        var firstSharedWrite: [Int] = []
        // Transactions are ordered by what they actually read (read-from),
        // not by when: a read of content C follows C's writer and precedes
        // the write whose version replaced C at the server, even when that
        // write came earlier in time (a stale read). Writes of a file are
        // ordered as their versions were stored. Content ids are unique per
        // write, except the empty file, which is tracked per file.
        var writerTxOf: [ContentID: Int32] = [:]
        // Per judging rank of a write: its transaction, for the edges drawn
        // once every write's is known; and what each read returned.
        var txOfWrite = [Int32](repeating: Int32.min, count: count)
        var readOf: [(file: Int32, content: ContentID)] = []
        readOf.reserveCapacity(readCount)

        // Precedence graph: nodes are dense sessions, transactions from
        // `transactionBase` up, and autocommit operations -(k + 1), until the
        // counts are known.
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
                commits.append([])
            }
            var session: Int32 = -1
            // What the transaction model judges: the session, or its transaction.
            var sessionTx: Int32 = -1
            var inTransaction: Int32 = -1
            if event.session >= 0 {
                session = sessions.number(event.session)
                if Int(session) == firstFile.count {
                    firstFile.append(-1)
                    firstUse.append(-1)
                }
                sessionTx = session
                if event.transaction >= 0 {
                    inTransaction = transactions.number(event.transaction)
                    if Int(inTransaction) == transactionIDs.count {
                        transactionIDs.append(event.transaction)
                        transactionSessions.append(event.session)
                    }
                    transactionSessions[Int(inTransaction)] = min(transactionSessions[Int(inTransaction)],
                                                                  event.session)
                    sessionTx = transactionBase + inTransaction
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
                let unix: Judgement = content == unixExpected || writers.concurrent(content, with: event, in: history)
                    ? .fresh
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
                    }
                    uses[knowledge(u, inTransaction, file)].see(content)
                    tx = sessionTx
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
                readOf.append((file, content))
                reads.append(ReadVerdict(event: event.id, unix: unix, session: sessionJudgement,
                                         immutable: immutable, transaction: .fresh))
                readTx.append(tx)

            case .write(let content, let basedOn):
                unixContent[f] = content
                unixWriter[f] = event.id
                if shared[f], firstSharedWrite[f] < 0 { firstSharedWrite[f] = event.id }
                writeRanks.written(content, at: Int32(rank))
                var tx: Int32
                if session >= 0 {
                    let u = use(session, file, node: event.node)
                    uses[u].ownWrite = event.id
                    uses[u].ownContent = content
                    uses[knowledge(u, inTransaction, file)].see(basedOn)
                    tx = sessionTx
                } else {
                    autocommitCount += 1
                    tx = -autocommitCount
                    commits[f].append(Commit(writeEvent: event.id, content: content))
                }
                writerTxOf[content] = tx
                txOfWrite[rank] = tx

            case .close:
                guard session >= 0 else { break }
                let u = use(session, file, node: event.node)
                let write = uses[u].ownWrite
                guard write >= 0, write != uses[u].committedWrite else { break }
                let k = knowledge(u, inTransaction, file)
                if let lost = overwritten(k, by: event, at: rank, tx: sessionTx, writerTxOf: writerTxOf,
                                          writeRanks: writeRanks) {
                    lostUpdates.append(LostUpdate(lostEvent: lost, overwrittenBy: event.id, file: event.file))
                }
                uses[u].committedWrite = write
                commits[f].append(Commit(writeEvent: write, content: uses[u].ownContent))
            }
        }

        // transaction: each stored write -> the write whose version replaced
        // it; each read -> the write that replaced what it read.
        for rank in 0..<count where txOfWrite[rank] != Int32.min {
            let next = server.replacedBy[rank]
            guard next >= 0, txOfWrite[Int(next)] != txOfWrite[rank] else { continue }
            edgeFrom.append(txOfWrite[rank])
            edgeTo.append(txOfWrite[Int(next)])
        }
        for (index, read) in readOf.enumerated() {
            let written = read.content == emptyContent ? -1 : writeRanks.rank(read.content)
            let successor = read.content == emptyContent ? server.first[Int(read.file)]
                : written >= 0 ? server.replacedBy[Int(written)] : -1
            guard successor >= 0, txOfWrite[Int(successor)] != readTx[index] else { continue }
            edgeFrom.append(readTx[index])
            edgeTo.append(txOfWrite[Int(successor)])
        }

        // Transactions: strongly connected components of the precedence graph.
        let sessionCount = Int(sessions.count)
        let transactionCount = Int(transactions.count)
        let nodeCount = sessionCount + transactionCount + Int(autocommitCount)
        @inline(__always)
        func graphNode(_ tx: Int32) -> Int {
            if tx >= transactionBase { return sessionCount + Int(tx - transactionBase) }
            return tx >= 0 ? Int(tx) : sessionCount + transactionCount + Int(-tx) - 1
        }
        // Session id of each graph node (a transaction's smallest; -1 for
        // autocommit operations).
        var label = [Int](repeating: -1, count: nodeCount)
        for event in history where event.session >= 0 {
            label[Int(sessions.number(event.session))] = event.session
        }
        for t in 0..<transactionCount { label[sessionCount + t] = transactionSessions[t] }
        let component = Components.strong(nodeCount: nodeCount, from: edgeFrom, to: edgeTo, map: graphNode)
        var size = [Int32](repeating: 0, count: component.count)
        for node in 0..<nodeCount { size[Int(component.of[node])] += 1 }
        // Per component: the two smallest session ids, and transaction ids.
        let sessionLabels = SmallestTwo(component: component, nodes: 0..<nodeCount) { label[$0] }
        let transactionNodes = sessionCount..<sessionCount + transactionCount
        let transactionLabels = SmallestTwo(component: component, nodes: transactionNodes) {
            transactionIDs[$0 - sessionCount]
        }
        for index in 0..<reads.count {
            let node = graphNode(readTx[index])
            guard size[Int(component.of[node])] > 1 else { continue }
            // -1: only autocommit operations besides it.
            let other = sessionLabels.other(than: label[node], in: Int(component.of[node])) ?? -1
            reads[index].transaction = .notSerializable(withSession: other)
        }
        var verdicts: [TransactionVerdict] = []
        for t in 0..<transactionCount {
            let node = sessionCount + t
            let c = Int(component.of[node])
            var verdict = TransactionVerdict(transaction: transactionIDs[t], serializable: size[c] <= 1)
            if size[c] > 1 {
                verdict.withTransaction = transactionLabels.other(than: transactionIDs[t], in: c)
                verdict.withSession = sessionLabels.other(than: label[node], in: c)
            }
            verdicts.append(verdict)
        }
        verdicts.sort { $0.transaction < $1.transaction }

        return SemanticsReport(reads: reads, lostUpdates: lostUpdates, transactions: verdicts)
    }
}

/// The two smallest non-negative labels of each component's nodes, to name
/// another member of a cycle.
private struct SmallestTwo {
    var smallest: [Int]
    var second: [Int]

    init(component: Components.Result, nodes: Range<Int>, label: (Int) -> Int) {
        smallest = [Int](repeating: .max, count: component.count)
        second = smallest
        for node in nodes {
            let c = Int(component.of[node])
            let id = label(node)
            guard id >= 0 else { continue }
            if id < smallest[c] {
                second[c] = smallest[c]
                smallest[c] = id
            } else if id < second[c], id != smallest[c] {
                second[c] = id
            }
        }
    }

    /// The smallest label in component `c` other than `own`, if any.
    func other(than own: Int, in c: Int) -> Int? {
        let other = smallest[c] != own ? smallest[c] : second[c]
        return other == .max ? nil : other
    }
}
