/// A fork of a process with a space: the child gets a space of its own that
/// shares the code ("code always shared when possible", seed 002). Its data
/// and stack pages the parent has in memory are copied into free frames; the
/// others come from the parent's backing store when the child first touches
/// them (inherited, never zero-filled), or are zero-filled if the parent never
/// had them. A copy made while no frame is free is inherited too.
extension Simulation {
    func forkSpace(_ child: Int32, parent: Int32) {
        let vm = virtualMemory
        let parentSpace = Int(scheduler.table[parent].space)
        let node = Int(vm.spaces[parentSpace].node)
        let space = makeSpace(spec: vm.spaces[parentSpace].spec, node: node, owner: child,
                              ownerName: scheduler.table.names[Int(child)])
        startPaging(child, space: space, stack: vm.spaces[Int(space)].stack)
        vm.processes[Int(child)].pattern = vm.processes[Int(parent)].pattern
        let copied = inheritPages(vm.spaces[Int(space)].data, from: vm.spaces[parentSpace].data, node: node)
            + inheritPages(vm.spaces[Int(space)].stack, from: vm.processes[Int(parent)].stack, node: node)
        vm.forkCopyWork = zeroFillCPU(node) * Int64(copied)
    }

    /// The CPU the fork just taken by `process` owes for the pages it copied (each a page at the local copy
    /// rate), or nil when it copied none.
    func takeForkCopyWork(_ process: Int32) -> SimTime? {
        let work = virtualMemory.forkCopyWork
        virtualMemory.forkCopyWork = .zero
        return work > .zero ? work : nil
    }

    /// The parent copies the pages in the kernel, on its CPU, before its next step: kernel work, so no
    /// reference is planned over it. The fork step is behind it once the work is done.
    func copyForkedPages(_ process: Int32, work: SimTime) -> StepOutcome {
        scheduler.table[process].kernelWork = true
        scheduler.table[process].remaining = work
        scheduler.table[process].memoryShare = 0
        return .compute
    }
}
