/// One page of a segment: where it is (a frame, the backing store, or
/// nowhere yet) and whether it changed since it was last written out.
/// Plain data: a segment's page table is a run of the `entries` slab.
struct PageEntry {
    /// The frame holding it on its segment's node, or -1.
    var frame: Int32 = -1
    /// The segment it belongs to.
    var segment: Int32
    /// The page-in or page-out under way for it, or -1: a fault on it waits for that.
    var io: Int32 = -1
    var flags: UInt8 = 0

    /// Entry flags.
    static let dirty: UInt8 = 1
    /// A copy is on the backing store (else a first touch is a zero-fill).
    static let onBacking: UInt8 = 2
    /// Left in memory by a process of the program that has exited: the next one's first use is a sticky hit.
    static let sticky: UInt8 = 4
    /// A forked child's page not copied: it comes from the parent's backing store, never zero-filled.
    static let inherited: UInt8 = 8
    /// Left on the node it migrated from (lazy copy): a fault fetches it from there.
    static let atSource: UInt8 = 16
    /// Sent to a migration's target by a pre-copy round while its process ran: clean for the next round,
    /// but its backing copy (if any) is older, so leaving memory it is written out as a dirty page is.
    static let precopied: UInt8 = 32
    /// Differs from its backing copy: written out when it leaves memory.
    static let unsaved: UInt8 = dirty | precopied

    init(segment: Int32, flags: UInt8 = 0) {
        self.segment = segment
        self.flags = flags
    }

    var isResident: Bool { frame >= 0 }
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
    mutating func set(_ flag: UInt8, _ on: Bool) { if on { flags |= flag } else { flags &= ~flag } }
}

/// A run of page entries: one segment of one space, or a program's code shared on a node.
struct Segment {
    var node: Int32
    var kind: SegmentKind
    /// Its first entry and page count.
    var first: Int32
    var pages: Int32
    /// Pages in memory now.
    var resident: Int32 = 0
    /// Spaces using it (a code segment is shared): at zero a data or stack segment goes, a code one stays (sticky).
    var users: Int32 = 1
    /// Its backing file once made, or -1 (a code segment: its program's file).
    var file: Int32 = -1
    /// Its first page in the node's swap area (backing swap), or -1.
    var swapBase: Int64 = -1
    /// The segment a forked child's pages not copied come from, or -1.
    var inheritedFrom: Int32 = -1
    /// The process it was made for (names its backing files), or -1 for shared code.
    var owner: Int32 = -1
    var live = true
}

/// One address space: a process's, shared by its threads (a shared fork).
struct AddressSpace {
    var node: Int32
    /// The declared space it was made from.
    var spec: Int32
    var code: Int32 = -1
    var data: Int32 = -1
    var stack: Int32 = -1
    /// Processes using it: threads share it; at zero it goes.
    var threads: Int32 = 1
    /// The process it was made for (names its backing files).
    var owner: Int32
    var live = true
}

/// A process's place in its pattern and its paging counts, by process.
struct ProcessPaging {
    /// The pattern its bursts follow (the space's, or a `pattern` step's).
    var pattern: Int32 = -1
    /// Its own stack segment (a thread has one of its own).
    var stack: Int32 = -1
    /// Work between two references on its node, and the share of them that write.
    var touch: SimTime = .us(10)
    var writeShare: Double = 0
    /// Its first burst faults code page 0 before anything else.
    var codeStartPending = false
    /// Its start reads the whole code file at once (eager loading) rather than page 0 alone.
    var loadPending = false
    /// The next reference's index in the pattern's sequence.
    var position: Int64 = 0
    /// Work before its next reference (a fault's trap and what is left of a touch).
    var lead: SimTime = .zero
    var faults: Int32 = 0
    var zeroFills: Int32 = 0
    var pageIns: Int32 = 0
    var pageOuts: Int32 = 0
    /// Time spent blocked on page faults, and when the current wait began.
    var faultWait: SimTime = .zero
    var waitingSince: SimTime = .zero
    /// How its last fault was served (for the trace).
    var lastSource: FaultSourceKind = .zeroFill
    /// The next process in its node's FIFO of frame waiters, or -1.
    var nextFrameWaiter: Int32 = -1
    /// Woken because a frame was unlocked, and not yet faulted again: a fault that takes no frame passes it on.
    var frameWoken = false
    /// The frame a page-in just filled for it, kept from the replacement policy until it runs, or -1.
    var heldFrame: Int32 = -1
}
