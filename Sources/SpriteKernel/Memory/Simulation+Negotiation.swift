/// Virtual memory's side of the VM / file-cache negotiation (Frames/).
extension Simulation {
    /// The last reference of the least recently used page in `node`'s VM; nil: it holds none.
    func vmOldestReference(node: Int) -> SimTime? {
        virtualMemory.frames(of: node)?.oldestStamp
    }

    /// Gives up VM's least recently used page on `node` to the file cache; false when it cannot. The ledger
    /// has moved the bytes already: the page only leaves its frame, a dirty one written behind (a fault on
    /// it waits for that write).
    func vmSurrenderPage(node: Int) -> Bool {
        let vm = virtualMemory
        guard let paging = vm.state(of: node), let frame = paging.frames.oldestUnlocked() else { return false }
        let page = Int(paging.frames.frames[Int(frame)].entry)
        paging.policy.removed(frame, paging.frames)
        paging.frames.free(frame)
        vm.entries[page].frame = -1
        vm.segments[Int(vm.entries[page].segment)].resident -= 1
        vm.count(node) {
            $0.evictions += 1
            $0.vmToCache += 1
        }
        guard vm.entries[page].flags & PageEntry.unsaved != 0 else { return true }
        let io = vm.pager.take(PageIO(kind: .pageOut, node: Int32(node), entry: Int32(page), frame: -1))
        vm.entries[page].io = io
        vm.count(node) { $0.pageOuts += 1 }
        // The page's process wrote it: the page-out is its own, as a replacement's would be.
        let owner = vm.segments[Int(vm.entries[page].segment)].owner
        if owner >= 0, Int(owner) < vm.processes.count {
            vm.processes[Int(owner)].pageOuts += 1
            vm.pager.slots[Int(io)].countedTo = owner
        }
        launchTransfer(io)
        return true
    }
}
