/// A write notice: `writer` wrote `page` (global index) in an interval now released.
struct DSMNotice {
    var page: Int32
    var writer: Int32
}

/// A DSM lock: acquired and released through its manager, who queues the acquirers.
struct DSMLock {
    var manager: Int
    /// The holding process, or -1.
    var holder: Int32 = -1
    var queue: [Int32] = []
    /// Every notice released under the lock; `seen[node]` is how many of them the node has had.
    var notices: [DSMNotice] = []
    var seen: [Int32: Int] = [:]
}

/// A DSM barrier: its manager counts arrivals and releases them all with the notices they brought.
struct DSMBarrier {
    var manager: Int
    var parties: Int32 = 0
    var arrived: [Int32] = []
    /// Notices brought by this episode's arrivals, and those the last release handed out.
    var notices: [DSMNotice] = []
    var released: [DSMNotice] = []

    /// The episode's notices become the ones its release hands out; the old list is reused for the next.
    mutating func handOutNotices() {
        swap(&released, &notices)
        notices.removeAll(keepingCapacity: true)
    }
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
