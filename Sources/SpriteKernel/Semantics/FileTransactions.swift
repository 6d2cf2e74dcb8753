// Transactions over several files: a node's `begin` … `commit`. Every
// session the node opens in between belongs to the transaction, and the
// semantics checker judges the transaction, not its sessions, for
// serializability and lost updates.

/// A transaction a node, or a V process on it, began.
public struct FileTransaction: Sendable, Equatable {
    public var id: Int
    public var node: Int
    /// The V process that began it; nil for the node itself.
    public var process: Int?
    /// When `begin` and `commit` were issued (nil: never committed).
    public var begunAt: SimTime
    public var committedAt: SimTime?
    /// When a crash of its node ended it uncommitted.
    public var endedByCrashAt: SimTime?
}

/// The kernel's record of transactions. Membership is fixed when an open is
/// issued, so it follows the node's queue of file steps, not their timing.
struct TransactionState {
    var all: [FileTransaction] = []
    /// Issuer → its open transaction.
    var active: [TransactionIssuer: Int] = [:]
    /// Open operation → the transaction it was issued in.
    var ofOpen: [Int32: Int] = [:]
    /// Session → its transaction (only sessions in one).
    var ofSession: [Int: Int] = [:]
}

/// Who begins and commits a transaction: a node, or one of its V processes. Each has its own.
struct TransactionIssuer: Hashable {
    var node: Int
    /// -1 for the node itself.
    var process: Int

    init(node: Int, process: Int?) {
        self.node = node
        self.process = process ?? -1
    }
}

extension Simulation {
    public var fileTransactions: [FileTransaction] { fs.transactions.all }

    /// The transaction `node` (or its V process `process`) has begun and not committed, if any.
    public func activeTransaction(on node: Int, process: Int? = nil) -> Int? {
        fs.transactions.active[TransactionIssuer(node: node, process: process)]
    }

    /// Begins a transaction on `node` for `process` (nil: the node itself); nil if one is already open.
    public func beginTransaction(on node: Int, process: Int? = nil) -> Int? {
        let issuer = TransactionIssuer(node: node, process: process)
        guard fs.transactions.active[issuer] == nil else { return nil }
        let id = fs.transactions.all.count
        fs.transactions.all.append(FileTransaction(id: id, node: node, process: process, begunAt: now))
        fs.transactions.active[issuer] = id
        return id
    }

    /// Commits the open transaction of `node` (or its V process `process`); nil if it has none.
    public func commitTransaction(on node: Int, process: Int? = nil) -> FileTransaction? {
        guard let id = fs.transactions.active.removeValue(forKey: TransactionIssuer(node: node, process: process))
        else { return nil }
        fs.transactions.all[id].committedAt = now
        return fs.transactions.all[id]
    }

    /// A crash ends the open transactions of the node and its processes: never committed, judged as they stand.
    func endTransaction(crashed node: Int) {
        let ended = fs.transactions.active.filter { $0.key.node == node }
        for (issuer, id) in ended.sorted(by: { $0.value < $1.value }) {
            fs.transactions.active[issuer] = nil
            fs.transactions.all[id].endedByCrashAt = now
        }
    }

    /// An open issued now joins its issuer's open transaction, if any.
    func noteTransaction(ofOpen op: Int32, node: Int) {
        guard !fs.transactions.active.isEmpty else { return }
        let issuer = TransactionIssuer(node: node, process: operations[Int(op)].process)
        if let id = fs.transactions.active[issuer] { fs.transactions.ofOpen[op] = id }
    }

    /// The session opened by `op` joins that open's transaction.
    func noteTransaction(ofSession session: Int, openedBy op: Int32) {
        if let id = fs.transactions.ofOpen.removeValue(forKey: op) { fs.transactions.ofSession[session] = id }
    }

    /// The transaction of a session's events, -1 for none.
    @inline(__always)
    func transaction(ofSession session: Int) -> Int {
        fs.transactions.ofSession.isEmpty ? -1 : fs.transactions.ofSession[session] ?? -1
    }
}
