import DequeModule

/// A node-local lock: who holds it and who waits (spinning or blocked), in
/// the order they asked.
struct SimLock {
    /// Interned name, for a process blocked on it.
    var name: Int32
    var node: Int32
    var holder: Int32 = -1
    var waiters = Deque<Int32>()
    /// Times a process found it held.
    var contended = 0
    var acquisitions = 0
    /// Time waiters spent spinning with test-and-set (a bus write per try).
    var testAndSetSpin: SimTime = .zero
    /// Every spinning waiter's time, whatever its kind.
    var spinTime: SimTime = .zero
    /// Bus transactions counted one by one: an acquisition's test-and-set,
    /// and each test-and-test-and-set spinner's miss when the lock is released.
    var transactions = 0
    /// Times a waiter gave up its CPU and slept.
    var blocks = 0
}

/// Every lock, created on first use, keyed by node and interned name.
struct LockTable {
    private var index: [Int64: Int32] = [:]
    var locks: [SimLock] = []

    /// The lock `name` of `node`, created free if new.
    mutating func lock(node: Int32, name: Int32) -> Int {
        let key = Int64(node) << 32 | Int64(name)
        if let id = index[key] { return Int(id) }
        index[key] = Int32(locks.count)
        locks.append(SimLock(name: name, node: node))
        return locks.count - 1
    }

    /// The lock `name` of `node` if it has been used.
    func existing(node: Int32, name: Int32) -> Int? {
        index[Int64(node) << 32 | Int64(name)].map(Int.init)
    }

    /// The node crashed: its locks are free and nobody waits on them.
    mutating func forgetNode(_ node: Int32) {
        for id in locks.indices where locks[id].node == node {
            locks[id].holder = -1
            locks[id].waiters.removeAll()
        }
    }
}
