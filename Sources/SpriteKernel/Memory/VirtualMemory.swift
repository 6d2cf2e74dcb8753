/// Virtual memory, per node: demand paging backed by ordinary files (Sprite).
///
/// Owns: each node's page frames and its replacement policy; address spaces,
/// page tables, sticky code and the pager join them as they are built
/// (docs/ARCHITECTURE.md). May reach: Cluster, Disk, Network, Frames, FileSystem.
final class VirtualMemory {
    /// One node's paging: its frames and the policy choosing its victims.
    struct NodePaging {
        let frames: FrameTable
        let policy: any ReplacementPolicy
    }

    /// By node position, grown only when VM is configured on a node: most nodes never
    /// page, and adding a node (thousands in a large cluster) should cost memory nothing.
    private(set) var paging: [NodePaging?] = []

    /// The node's frames, or nil when VM has not been configured on it.
    func frames(of node: Int) -> FrameTable? { node < paging.count ? paging[node]?.frames : nil }

    /// Gives `node` its paging state, replacing what it had.
    func configure(node: Int, _ state: NodePaging) {
        if paging.count <= node { paging.append(contentsOf: repeatElement(nil, count: node + 1 - paging.count)) }
        paging[node] = state
    }

    /// The records it keeps, for the memory limit: a frame is 24 bytes, eight make one record.
    var recordCount: Int { paging.reduce(0) { $0 + ($1?.frames.count ?? 0) / 8 } }
}
