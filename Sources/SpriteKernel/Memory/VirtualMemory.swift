/// Virtual memory, per node: demand paging backed by ordinary files (Sprite).
///
/// The engine is single-threaded and never holds an access to one of these tables across a call that could
/// reach the same table, so the ones a fault or a batch touches skip the run-time exclusivity checks.
///
/// Owns: each node's page frames, replacement policy and configuration;
/// address spaces, segments and their page tables; sticky code; the pager's
/// transfers; statistics (docs/ARCHITECTURE.md). May reach: Cluster, Disk,
/// Network, Frames, FileSystem.
final class VirtualMemory {
    /// One node's paging: its frames, the policy choosing its victims, its configuration. A class, so that
    /// reading one field on a fault costs a reference, not a copy of every field (and a retain of each).
    final class NodePaging {
        let frames: FrameTable
        let policy: any ReplacementPolicy
        // Read on every fault: no run-time exclusivity checks (the engine is single-threaded).
        @exclusivity(unchecked) var config: VMConfig
        /// The next free page of its swap area.
        @exclusivity(unchecked) var swapTop: Int64 = 0
        /// Ends of its FIFO of processes waiting for a frame, chained through `ProcessPaging.nextFrameWaiter`.
        @exclusivity(unchecked) var waitHead: Int32 = -1
        @exclusivity(unchecked) var waitTail: Int32 = -1

        init(frames: FrameTable, policy: any ReplacementPolicy, config: VMConfig = VMConfig()) {
            self.frames = frames
            self.policy = policy
            self.config = config
        }
    }

    /// By node position, grown only when VM is configured on a node: most nodes never
    /// page, and adding a node (thousands in a large cluster) should cost memory nothing.
    @exclusivity(unchecked) var paging: [NodePaging?] = []

    /// Declared spaces and the patterns programs' steps name.
    var specs: [AddressSpaceSpec] = []
    var specIndex: [String: Int32] = [:]
    @exclusivity(unchecked) var patterns: [CompiledPattern] = []
    /// Each declared space's pattern, in `patterns`.
    var specPatterns: [Int32] = []
    let spaces = PlainArray<AddressSpace>(capacity: 16)
    let segments = PlainArray<Segment>(capacity: 16)
    let entries = PlainArray<PageEntry>(capacity: 256)
    /// By process index; only processes with a space have a meaningful record.
    let processes = PlainArray<ProcessPaging>(capacity: 16)
    let pager = PageIOTable()
    /// Each node's code segments by program file: every process of a program shares them, and they stay.
    var codeCache: [CodeKey: Int32] = [:]
    /// Each data and stack segment's process name (names its backing file).
    var segmentOwners: [Int32: String] = [:]
    /// Each code segment's program file.
    var codePaths: [Int32: String] = [:]
    /// The version of its program file a code segment's pages were read from: a newer one makes them stale.
    var codeVersions: [Int32: Int] = [:]
    @exclusivity(unchecked) var statistics = MemoryStatistics()
    /// The copy CPU of the fork being taken (its resident pages copied), for the forking process to charge.
    var forkCopyWork: SimTime = .zero
    /// Page-ins that failed, each killing the processes waiting for the page, in the order they happened.
    var failures: [PagingFailure] = []
    /// Faults served, VM and DSM, for `show faults` (Simulation+FaultLog.swift).
    let faultLog = FaultLog()
    /// A `vm` or a space was declared.
    var declared = false
    /// Page-outs still under way of each process whose flush is awaited (Simulation+MigrationSupport.swift).
    var flushesAwaited: [Int32: Int32] = [:]

    /// The node's frames, or nil when VM has not been configured on it.
    func frames(of node: Int) -> FrameTable? { node < paging.count ? paging[node]?.frames : nil }

    func isConfigured(_ node: Int) -> Bool { node < paging.count && paging[node] != nil }

    /// The node's paging state, or nil when VM has not been configured on it.
    func state(of node: Int) -> NodePaging? { node < paging.count ? paging[node] : nil }

    /// Gives `node` its paging state, replacing what it had.
    func configure(node: Int, _ state: NodePaging) {
        if paging.count <= node { paging.append(contentsOf: repeatElement(nil, count: node + 1 - paging.count)) }
        paging[node] = state
        let missing = paging.count - nodeStatistics.count
        if missing > 0 { nodeStatistics.append(contentsOf: repeatElement(MemoryStatistics(), count: missing)) }
    }

    /// Each node's counters, by node position, grown with `paging`.
    @exclusivity(unchecked) var nodeStatistics: [MemoryStatistics] = []

    /// Counts on the node's and the cluster's totals.
    @inline(__always) func count(_ node: Int, _ change: (inout MemoryStatistics) -> Void) {
        change(&statistics)
        change(&nodeStatistics[node])
    }

    /// The records it keeps, for the memory limit, at 128 bytes a record (as file text counts): the page
    /// entries the slab has allocated (16 bytes each), the frames (24 bytes), one per space and segment.
    var recordCount: Int {
        paging.reduce(0) { $0 + ($1?.frames.count ?? 0) * 24 / 128 } + entries.allocated / 8 + spaces.count
            + segments.count
    }
    /// The most records the engine may hold (the memory limit): a space whose page tables would take it past
    /// is refused before they are made.
    var recordLimit = Int.max
    /// The first space refused so, for the run to report.
    var refusedSpace: RefusedSpace?
}

/// A code segment's key: the node and the program's file.
struct CodeKey: Hashable {
    var node: Int32
    var path: String
}

/// A pattern as the planner walks it: a segment and a cyclic sequence of its pages.
struct CompiledPattern {
    var segment: SegmentKind
    var random: Bool
    /// A loop: `length` counts pages.
    var isLoop = false
    /// The cycle of a loop, in pages; the working set of sequential and random, in bytes; 0: the whole segment.
    var length: Int64
    /// The pages in order (trace); empty: page i is i.
    var trace: [Int32]
}
