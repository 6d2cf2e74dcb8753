/// A forked child's data and stack (Processes/Simulation+ForkSpace.swift):
/// pages its parent has in memory are copied into free frames; the others
/// come from the parent's backing store at the child's first touch
/// (inherited, never zero-filled), or are zero-filled if the parent never had
/// them. A copy that finds no frame free is inherited too.
extension Simulation {
    /// Returns the pages copied.
    @discardableResult
    func inheritPages(_ segment: Int32, from source: Int32, node: Int) -> Int {
        let vm = virtualMemory
        guard segment >= 0, source >= 0, let paging = vm.paging[node] else { return 0 }
        var copied = 0
        vm.segments[Int(segment)].inheritedFrom = source
        let pages = min(vm.segments[Int(segment)].pages, vm.segments[Int(source)].pages)
        let first = Int(vm.segments[Int(segment)].first)
        let sourceFirst = Int(vm.segments[Int(source)].first)
        for page in 0..<Int(pages) {
            let original = vm.entries[sourceFirst + page]
            let entry = first + page
            if original.isResident, claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil) == .free {
                if let frame = paging.frames.takeFree(for: Int32(entry)) {
                    vm.entries[entry].frame = frame
                    vm.entries[entry].flags |= PageEntry.dirty
                    vm.segments[Int(segment)].resident += 1
                    paging.policy.inserted(frame, paging.frames, now: now)
                    copied += 1
                    continue
                }
                releasePage(node: node, side: .vm)
            }
            if original.isResident || original.flags & PageEntry.onBacking != 0 {
                vm.entries[entry].flags |= PageEntry.inherited
            }
        }
        return copied
    }
}
