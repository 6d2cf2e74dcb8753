/// Virtual memory's running totals, for the whole cluster or one node.
public struct MemoryStatistics: Sendable, Equatable {
    /// Every fault: a reference to a page not in the process's memory.
    public var pageFaults = 0
    /// Faults served without a transfer (a zero-fill, a page already in memory or on its way).
    public var minorFaults = 0
    /// Faults on a page already on its way in or out for another fault: they wait for that transfer.
    public var sharedFaults = 0
    public var zeroFills = 0
    public var pageIns = 0
    public var pageOuts = 0
    /// Page-ins of code pages.
    public var codeFaults = 0
    /// First uses of code pages an earlier run of the program left in memory.
    public var stickyHits = 0
    /// Pages replaced to make room.
    public var evictions = 0
    /// Pages VM gave to the file cache, and took from it, in the negotiation.
    public var vmToCache = 0
    public var cacheToVM = 0
    public var swapReads = 0
    public var swapWrites = 0
    /// Time processes spent blocked on faults.
    public var faultWait: SimTime = .zero

    public init() {}
}
