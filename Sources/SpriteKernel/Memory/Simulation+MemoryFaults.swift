/// What a node's crash does to its virtual memory (Kernel/Simulation+Faults
/// fans out to it after the file system): its memory is lost, every frame
/// free, its spaces and sticky code gone; transfers under way end unheard.
/// Backing files live on their servers and stay.
extension Simulation {
    func memoryCrash(_ node: Int) {
        let vm = virtualMemory
        guard let paging = vm.state(of: node) else { return }
        paging.frames.clear()
        clearFrameWaiters(node)
        frameLedger.ledgers[node].vmBytes = 0
        for slot in vm.pager.slots.indices where vm.pager.slots[slot].node == Int32(node) {
            // Under way when memory was lost: it never completes, and leaves the counts.
            if !vm.pager.slots[slot].orphaned { uncount(Int32(slot)) }
            vm.pager.slots[slot].orphaned = true
        }
        for segment in vm.segments.indices where vm.segments[segment].node == Int32(node) {
            vm.segments[segment].live = false
            vm.segments[segment].resident = 0
            forEachEntry(of: Int32(segment)) { entry in
                vm.entries[entry].frame = -1
                vm.entries[entry].io = -1
            }
        }
        for space in vm.spaces.indices where vm.spaces[space].node == Int32(node) { vm.spaces[space].live = false }
        for (key, _) in vm.codeCache where key.node == Int32(node) { vm.codeCache[key] = nil }
    }
}
