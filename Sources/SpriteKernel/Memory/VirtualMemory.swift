/// Virtual memory, per node: demand paging backed by ordinary files (Sprite).
///
/// Owns: each node's page frames and its replacement policy; address spaces,
/// page tables, sticky code and the pager join them as they are built
/// (docs/ARCHITECTURE.md). May reach: Cluster, Disk, Network, Frames, FileSystem.
final class VirtualMemory {
    /// By node position: a node has no frames until VM is configured on it.
    var frameTables: [FrameTable] = []
    /// By node position: the policy choosing each node's victims.
    var policies: ContiguousArray<any ReplacementPolicy> = []

    /// The records it keeps, for the memory limit: a frame is 24 bytes, eight make one record.
    var recordCount: Int { frameTables.reduce(0) { $0 + $1.count / 8 } }
}
