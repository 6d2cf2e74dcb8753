// Transactions over several files: a node's `begin` … `commit`. Every
// session the node opens in between belongs to the transaction, and the
// semantics checker judges the transaction, not its sessions, for
// serializability and lost updates.

/// A transaction a node began.
public struct FileTransaction: Sendable, Equatable {
    public var id: Int
    public var node: Int
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
    /// Node → its open transaction.
    var active: [Int: Int] = [:]
    /// Open operation → the transaction it was issued in.
    var ofOpen: [Int32: Int] = [:]
    /// Session → its transaction (only sessions in one).
    var ofSession: [Int: Int] = [:]
}

extension Simulation {
    public var fileTransactions: [FileTransaction] { fs.transactions.all }

    /// The transaction `node` has begun and not committed, if any.
    public func activeTransaction(on node: Int) -> Int? { fs.transactions.active[node] }

    /// Begins a transaction on `node`; nil if one is already open there.
    public func beginTransaction(on node: Int) -> Int? {
        guard fs.transactions.active[node] == nil else { return nil }
        let id = fs.transactions.all.count
        fs.transactions.all.append(FileTransaction(id: id, node: node, begunAt: now))
        fs.transactions.active[node] = id
        return id
    }

    /// Commits `node`'s open transaction; nil if it has none.
    public func commitTransaction(on node: Int) -> FileTransaction? {
        guard let id = fs.transactions.active.removeValue(forKey: node) else { return nil }
        fs.transactions.all[id].committedAt = now
        return fs.transactions.all[id]
    }

    /// A crash ends the node's open transaction: never committed, judged as it stands.
    func endTransaction(crashed node: Int) {
        guard let id = fs.transactions.active.removeValue(forKey: node) else { return }
        fs.transactions.all[id].endedByCrashAt = now
    }

    /// An open issued now joins the node's open transaction, if any.
    func noteTransaction(ofOpen op: Int32, node: Int) {
        if let id = fs.transactions.active[node] { fs.transactions.ofOpen[op] = id }
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
