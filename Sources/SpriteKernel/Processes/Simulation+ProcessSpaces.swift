/// A process's address space (Memory/ keeps spaces, segments and frames):
/// made when a process of a program with a space arrives, shared by its
/// threads, released when it ends.
extension Simulation {
    /// Gives `process` (just placed) its address space: its thread parent's (a shared fork), a copy of its
    /// parent's (a fork of a program with no space or the parent's space), or a new one from its program's.
    func attachProgramSpace(_ process: Int32) {
        let s = scheduler
        let vm = virtualMemory
        let parent = s.table[process].parent
        let parentSpace = parent >= 0 ? s.table[parent].space : -1
        let spec = s.programs[Int(s.table[process].program)].space
        let node = Int(s.table[process].node)
        let name = s.table.names[Int(process)]
        if parentSpace >= 0, vm.spaces[Int(parentSpace)].live, s.table[process].group == s.table[parent].group {
            let stack = vm.processes[Int(parent)].stack
            guard pageTablesFit(stack >= 0 ? Int64(vm.segments[Int(stack)].pages) : 0, name: name)
            else { return }
            joinSpace(process, space: parentSpace, parent: parent)
        } else if parentSpace >= 0, vm.spaces[Int(parentSpace)].live,
                  spec < 0 || spec == vm.spaces[Int(parentSpace)].spec, s.table[parent].node == Int32(node) {
            // A fork (UNIX): the child of the parent's own program or space copies its pages; a child declaring
            // another space starts afresh in it (fork then exec).
            let pages = pagesOfSpace(spec: vm.spaces[Int(parentSpace)].spec, node: node)
            guard pageTablesFit(pages, name: name) else { return }
            forkSpace(process, parent: parent)
        } else if spec >= 0 {
            guard defaultFramesFit(node: node, name: name) else { return }
            ensureVM(on: node)
            guard pageTablesFit(pagesOfSpace(spec: spec, node: node), name: name) else { return }
            let space = makeSpace(spec: spec, node: node, owner: process, ownerName: name)
            startPaging(process, space: space, stack: vm.spaces[Int(space)].stack)
        }
    }

    /// A thread joins its parent's space: code and data shared, a stack of its own ("data all or nothing").
    func joinSpace(_ process: Int32, space: Int32, parent: Int32) {
        let vm = virtualMemory
        vm.spaces[Int(space)].threads += 1
        let node = Int(vm.spaces[Int(space)].node)
        let parentStack = vm.processes[Int(parent)].stack
        let stackPages = parentStack >= 0 ? vm.segments[Int(parentStack)].pages : 0
        let stack = makeSegment(node: node, kind: .stack, pages: stackPages, owner: process,
                                ownerName: scheduler.table.names[Int(process)])
        startPaging(process, space: space, stack: stack)
        vm.processes[Int(process)].pattern = vm.processes[Int(parent)].pattern
    }

    /// The process's paging record: the space's pattern from its first reference, code page 0 first.
    func startPaging(_ process: Int32, space: Int32, stack: Int32) {
        let vm = virtualMemory
        while vm.processes.count <= Int(process) { vm.processes.append(ProcessPaging()) }
        let spec = vm.specs[Int(vm.spaces[Int(space)].spec)]
        let speed = nodes[Int(vm.spaces[Int(space)].node)].spec.speed
        vm.processes[Int(process)] = ProcessPaging(
            pattern: vm.specPatterns[Int(vm.spaces[Int(space)].spec)], stack: stack,
            touch: max(.ns(1), spec.touch.scaled(bySpeed: speed)), writeShare: spec.writeShare,
            codeStartPending: vm.spaces[Int(space)].code >= 0, loadPending: spec.code?.eager == true)
        scheduler.table[process].space = space
        scheduler.table[process].untilFault = .never
        scheduler.table[process].faultEntry = -1
    }

    /// The process ends: its stack goes; its space goes with its last thread, its code stays (sticky).
    func releaseSpace(of process: Int32) {
        let s = scheduler
        let vm = virtualMemory
        let space = Int(s.table[process].space)
        s.table[process].untilFault = .never
        s.table[process].faultEntry = -1
        // A frame kept for it, or a wake it did not use, goes to the next process waiting for a frame.
        if vm.processes[Int(process)].heldFrame >= 0 {
            releaseHeldFrame(process, node: Int(vm.spaces[space].node))
        }
        if vm.processes[Int(process)].frameWoken {
            vm.processes[Int(process)].frameWoken = false
            wakeFrameWaiter(Int(vm.spaces[space].node))
        }
        leaveSpace(Int32(space), stack: vm.processes[Int(process)].stack)
    }

    /// A program's `pattern` step: the process's later bursts touch pages another way.
    func followPattern(_ process: Int32, _ pattern: Int32) {
        guard scheduler.table[process].space >= 0, pattern >= 0 else { return }
        virtualMemory.processes[Int(process)].pattern = pattern
        virtualMemory.processes[Int(process)].position = 0
        scheduler.table[process].untilFault = .never
        scheduler.table[process].faultEntry = -1
    }

    /// Processes of `program` started from now on get a space of `space`.
    public func attachSpace(program: String, space: String) throws(KernelError) {
        guard let id = scheduler.programIndex[program] else { throw .unknownProgram(program) }
        guard let spec = virtualMemory.specIndex[space] else { throw .invalidValue("space \(space)") }
        scheduler.programs[Int(id)].space = spec
    }

    /// Writes each dirty resident page of the process's space once to its backing store (for migration: on its
    /// new node the process faults them from the same files). Returns the page-outs started.
    @discardableResult
    public func flushDirtyPages(of process: ProcessID) -> Int {
        let space = scheduler.table[process.index].space
        guard space >= 0 else { return 0 }
        return flushDirtyPages(space: space, stack: virtualMemory.processes[Int(process.index)].stack,
                               process: process.index)
    }
}
