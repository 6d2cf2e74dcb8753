/// A DSM lock: acquired and released through its manager, who queues the acquirers.
struct DSMLock {
    var manager: Int
    /// The holding process, or -1.
    var holder: Int32 = -1
    /// The holder has released it and the release is on its way to the manager: the holder may acquire
    /// it again, and no longer releases it.
    var released = false
    var queue: [Int32] = []
    /// The vector time of the lock's last release (a snapshot in the interval log), or -1: what a grant
    /// carries (lazy release).
    var time: Int32 = -1
}

/// A DSM barrier: its manager counts arrivals and releases them all with the vector times they brought.
struct DSMBarrier {
    var manager: Int
    /// The parties the episode's first arrival named; a later arrival naming another count is an error.
    var parties: Int32 = 0
    var arrived: [Int32] = []
    /// The episode's vector time so far (the maximum of its arrivals'), a snapshot in the interval log, or -1.
    var time: Int32 = -1
}

/// DSM locks and barriers by their interned name. They belong to the first segment declared: its central
/// manager holds them, else its node (hash of the name) mod n.
struct DSMLockTable {
    var locks: [DSMLock] = []
    var lockIndex: [Int32: Int32] = [:]
    var barriers: [DSMBarrier] = []
    var barrierIndex: [Int32: Int32] = [:]
    /// The name of each lock and barrier, for reports.
    var lockNames: [String] = []
    var barrierNames: [String] = []
}
