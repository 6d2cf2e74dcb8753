/// Page tables are made whole when a space is made, one 16-byte entry per
/// page: a `data 1TB` space is 268 million of them. They are counted against
/// the memory limit before they are made, and a space that would pass it is
/// refused (its process runs without one until the run stops at the limit).
extension Simulation {
    /// Whether `pages` more page entries fit under the memory limit; if not, the refusal is kept for the run
    /// to report, naming the process `name`.
    func pageTablesFit(_ pages: Int64, name: String) -> Bool {
        let vm = virtualMemory
        // Entries are numbered by Int32: past that no limit could hold them anyway.
        let tooMany = pages > Int64(Int32.max) - Int64(vm.entries.count)
        if !tooMany && vm.recordLimit == .max { return true }
        var allocated = Int64(vm.entries.allocated)
        while allocated < Int64(vm.entries.count) + pages { allocated *= 2 }
        let added = Int((allocated - Int64(vm.entries.allocated)) / 8) + 4
        guard tooMany || recordCount + added > vm.recordLimit else { return true }
        if vm.refusedSpace == nil {
            vm.refusedSpace = RefusedSpace(name: name, pages: pages,
                                           records: recordCount + added)
        }
        return false
    }

    /// Whether the default VM a space brings to `node` (one 24-byte frame per 4KB page of its memory) fits
    /// under the memory limit; if not, the refusal is kept, naming the process `name`.
    func defaultFramesFit(node: Int, name: String) -> Bool {
        let vm = virtualMemory
        guard !vm.isConfigured(node), vm.recordLimit != .max else { return true }
        let frames = nodes[node].spec.memoryBytes / VMConfig().pageSize
        let added = Int(frames * 24 / 128)
        guard recordCount + added > vm.recordLimit else { return true }
        if vm.refusedSpace == nil {
            vm.refusedSpace = RefusedSpace(name: name, pages: frames,
                                           records: recordCount + added, frames: true)
        }
        return false
    }

    /// The pages of a new space of `spec` on `node`: its data and stack, and its code unless the node has it.
    func pagesOfSpace(spec: Int32, node: Int) -> Int64 {
        let vm = virtualMemory
        let declared = vm.specs[Int(spec)]
        let page = vm.paging[node]?.config.pageSize ?? 4096
        var total = pageCount(declared.dataBytes, page) + pageCount(declared.stackBytes, page)
        if let code = declared.code, vm.codeCache[CodeKey(node: Int32(node), path: code.path)] == nil {
            total += pageCount(code.bytes, page)
        }
        return total
    }

    private func pageCount(_ bytes: Int64, _ page: Int64) -> Int64 { bytes <= 0 ? 0 : (bytes + page - 1) / page }

    /// The most records the engine may hold: spaces past it are refused.
    public var recordLimit: Int {
        get { virtualMemory.recordLimit }
        set { virtualMemory.recordLimit = newValue }
    }

    /// The first space refused for its page tables since the last call, if any.
    public func takeRefusedSpace() -> RefusedSpace? {
        defer { virtualMemory.refusedSpace = nil }
        return virtualMemory.refusedSpace
    }
}

/// A space not made: its page tables would have taken the engine past the memory limit.
public struct RefusedSpace: Sendable, Equatable {
    /// The process it was for.
    public var name: String
    public var pages: Int64
    /// The records the engine would have held.
    public var records: Int
    /// What would not fit: the node's frames (VM set up with its defaults), not the space's page tables.
    public var frames = false
}
