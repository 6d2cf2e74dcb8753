/// Pages pinned by another user of VM's share (DSM copies, DSM/Simulation+DSMPinning.swift): when the ledger
/// says VM must give up one of its own pages for it, the least recently used unlocked frame leaves (a dirty
/// page written behind); its bytes stay VM's in the ledger, held now by the pinned page.
extension Simulation {
    /// Frees VM's least recently used unlocked frame on `node` for a pinned page; false when it has none.
    func vmGiveFrameToPinnedPage(node: Int) -> Bool {
        let vm = virtualMemory
        guard let paging = vm.state(of: node), let frame = paging.frames.oldestUnlocked() else { return false }
        let page = Int(paging.frames.frames[Int(frame)].entry)
        paging.policy.removed(frame, paging.frames)
        paging.frames.free(frame)
        vm.entries[page].frame = -1
        vm.segments[Int(vm.entries[page].segment)].resident -= 1
        vm.count(node) { $0.evictions += 1 }
        guard vm.entries[page].flags & PageEntry.unsaved != 0 else { return true }
        let io = vm.pager.take(PageIO(kind: .pageOut, node: Int32(node), entry: Int32(page), frame: -1))
        vm.entries[page].io = io
        vm.count(node) { $0.pageOuts += 1 }
        launchTransfer(io)
        return true
    }
}
