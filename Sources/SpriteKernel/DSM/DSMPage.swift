/// One shared page: its owner, who holds copies, and what happened to it.
struct DSMPage {
    /// The owning node (index). Under the multiple-writer models it stays the page's home.
    var owner: Int32
    /// Participants (bits by participant index) holding an image of the page.
    var copyset: UInt64 = 0
    /// The owner may write (sequential consistency: then it is the only holder).
    var writable = false
    /// A transfer is under way: later requests queue until it ends.
    var busy = false
    /// Requests waiting for the page (a list through `DSMRequest.next`), or -1.
    var queueHead: Int32 = -1
    var queueTail: Int32 = -1
    /// The node the page's previous page message left from, or -1: a transfer back there is a ping-pong.
    var lastSource: Int32 = -1
    /// The node whose crash lost the page, or -1.
    var lostIn: Int32 = -1
    var faults: Int32 = 0
    var readFaults: Int32 = 0
    var writeFaults: Int32 = 0
    var transfers: Int32 = 0
    var invalidations: Int32 = 0
    var pingPongs: Int32 = 0
    var diffs: Int32 = 0
    var messages: Int32 = 0
    var bytes: Int64 = 0
}

/// What a participant holds of one page.
struct DSMCopy {
    /// 0 none, 1 read, 2 write.
    var access: UInt8 = 0
    /// A twin was made at this interval's first write (multiple-writer models).
    var twin = false
    /// The probable owner's node (dynamic manager), or -1 for the page's initial owner.
    var probOwner: Int32 = -1
    /// Its diff so far: runs written and their bytes, and the run list it borrows while twinned, or -1.
    var runs: Int32 = -1
    var diffRuns: Int32 = 0
    var diffBytes: Int32 = 0
    /// Writers (participant bits) whose diffs it must fetch before its next access (lazy release).
    var pendingWriters: UInt64 = 0

    static let none: UInt8 = 0
    static let read: UInt8 = 1
    static let write: UInt8 = 2
}
