/// The pager: page-ins and page-outs to the backing store, and their ends.
/// Backing files go through the file system as block transfers (Sprite);
/// a swap area is the node's own disk, its arm booked like any read.
extension Simulation {
    /// The node's swap area, as a file the disk arm knows: its pages lie one after another.
    static let swapArea = -2

    /// Starts transfer `io` (the faulting process has blocked already: a transfer that fails at once is safe).
    func launchTransfer(_ io: Int32) {
        let vm = virtualMemory
        let transfer = vm.pager.slots[Int(io)]
        let node = Int(transfer.node)
        let page = Int(transfer.entry)
        var segment = Int(vm.entries[page].segment)
        guard let config = vm.paging[node]?.config else { return }
        if transfer.kind == .load { return launchCodeLoad(io, segment: segment, node: node, config: config) }
        if vm.entries[page].flags & PageEntry.atSource != 0 { return pageAtSourceRequested(io) }
        var index = Int64(page - Int(vm.segments[segment].first))
        // A forked child's page never written by it comes from its parent's backing store.
        if transfer.kind == .pageIn, vm.entries[page].flags & PageEntry.inherited != 0,
           vm.entries[page].flags & PageEntry.onBacking == 0, vm.segments[segment].inheritedFrom >= 0 {
            segment = Int(vm.segments[segment].inheritedFrom)
        }
        let code = vm.segments[segment].kind == .code
        if case .swap = config.backing, !code {
            if vm.segments[segment].swapBase < 0 {
                vm.segments[segment].swapBase = vm.paging[node]?.swapTop ?? 0
                vm.paging[node]?.swapTop += Int64(vm.segments[segment].pages)
            }
            index += vm.segments[segment].swapBase
            swapTransfer(io, node: node, block: index, pageSize: config.pageSize)
            return
        }
        guard let file = backingFileIndex(segment: segment, node: node, config: config) else {
            return pageIODone(io, failure: .noServer(path: backingPath(segment: segment, config: config)))
        }
        let blockSize = max(1, fileSystemConfig.blockSize)
        startBlockTransfer(BlockTransfer(kind: transfer.kind == .pageOut ? .write : .read, client: node, file: file,
                                         block: index * config.pageSize / blockSize, bytes: config.pageSize,
                                         tag: io, bypassesClientCache: config.bypass, blockByBlock: true))
    }

    private func swapTransfer(_ io: Int32, node: Int, block: Int64, pageSize: Int64) {
        guard let drive = nodes[node].spec.disk else {
            return pageIODone(io, failure: .nodeDown(node: node))
        }
        var read = DiskRead(file: Self.swapArea, drive: drive, blockSize: pageSize)
        read.add(block)
        let writes = virtualMemory.pager.slots[Int(io)].kind == .pageOut
        let done = readDisk(read, on: node, after: now, for: writes ? .pageOut : .pageIn)
        virtualMemory.count(node) {
            if writes { $0.swapWrites += 1 } else { $0.swapReads += 1 }
        }
        schedule(.mem(.swapDone(io: io)), at: done)
    }

    /// The segment's backing file (a code segment's: its program's file), made at its first use.
    func backingFileIndex(segment: Int, node: Int, config: VMConfig) -> Int? {
        let vm = virtualMemory
        if vm.segments[segment].file >= 0 { return Int(vm.segments[segment].file) }
        let path = backingPath(segment: segment, config: config)
        let cut = path.lastIndex(of: "/") ?? path.startIndex
        let directory = cut == path.startIndex ? "/" : String(path[..<cut])
        let name = String(path[path.index(after: cut)...])
        guard let file = backingFile(directory: directory, name: name, client: node) else { return nil }
        vm.segments[segment].file = Int32(file)
        if vm.segments[segment].kind == .code { vm.codeVersions[Int32(segment)] = fs.files[file].version }
        return file
    }

    /// `DIR/NODE.PROCESS.data` (or `.stack`), seed 002's separate files; a code segment's program file.
    func backingPath(segment: Int, config: VMConfig) -> String {
        let vm = virtualMemory
        if vm.segments[segment].kind == .code { return vm.codePaths[Int32(segment)] ?? "/" }
        var directory = "/swap"
        if case .files(let named) = config.backing { directory = named }
        let process = vm.segmentOwners[Int32(segment)] ?? "?"
        let node = nodes[Int(vm.segments[segment].node)].spec.name
        return (directory.hasSuffix("/") ? directory : directory + "/") + node + "." + process + "."
            + vm.segments[segment].kind.rawValue
    }

    /// A transfer ended (`failure` nil) or failed.
    func pageIODone(_ io: Int32, failure: OperationFailure?) {
        let vm = virtualMemory
        let transfer = vm.pager.slots[Int(io)]
        if transfer.orphaned { return vm.pager.release(io) }
        if let failure { return pagingFailed(io, failure) }
        let waiters = transfer.waiter
        if transfer.kind == .pageOut {
            let page = Int(transfer.entry)
            if vm.entries[page].io == io { vm.entries[page].io = -1 }
            vm.entries[page].flags = (vm.entries[page].flags | PageEntry.onBacking) & ~PageEntry.unsaved
            let then = transfer.then
            vm.pager.release(io)
            if transfer.countedTo >= 0, !vm.flushesAwaited.isEmpty { pageOutEnded(transfer.countedTo) }
            _ = wakeWaiters(waiters, extra: .zero)
            guard then >= 0 else { return }
            if vm.pager.slots[Int(then)].kind == .zeroFill {
                let filled = vm.pager.slots[Int(then)]
                let node = Int(filled.node)
                fill(then, write: anyWriter(filled.waiter))
                vm.pager.release(then)
                let holder = wakeWaiters(filled.waiter, extra: zeroFillCPU(node))
                settleFilledFrame(filled.frame, node: node, holder: holder)
            } else {
                launchTransfer(then)
            }
            return
        }
        if transfer.kind == .load {
            let loaded = fillLoad(io)
            vm.pager.release(io)
            _ = wakeWaiters(waiters, extra: .zero)
            for _ in 0..<loaded { wakeFrameWaiter(Int(transfer.node)) }
            return
        }
        fill(io, write: anyWriter(waiters))
        vm.pager.release(io)
        settleFilledFrame(transfer.frame, node: Int(transfer.node), holder: wakeWaiters(waiters, extra: .zero))
    }

    /// Whether a process waiting on a transfer faulted to write.
    private func anyWriter(_ first: Int32) -> Bool {
        var process = first
        while process >= 0 {
            if virtualMemory.pager.writes(process) { return true }
            process = virtualMemory.pager.nextWaiter[Int(process)]
        }
        return false
    }

    /// Wakes the processes waiting on a transfer; returns the first one made ready with its page in memory
    /// (the one the page is kept for until it runs), or -1.
    private func wakeWaiters(_ first: Int32, extra: SimTime) -> Int32 {
        var process = first
        var holder: Int32 = -1
        while process >= 0 {
            let next = virtualMemory.pager.nextWaiter[Int(process)]
            virtualMemory.pager.nextWaiter[Int(process)] = -1
            if pageFaultServed(process, extra: extra), holder < 0 { holder = process }
            process = next
        }
        return holder
    }

    /// A transfer failed (its server did not answer, it has no server): the page it brought is lost to every
    /// process waiting on it, which dies; a page-out's page stays as it was (not on the backing store).
    private func pagingFailed(_ io: Int32, _ failure: OperationFailure) {
        let vm = virtualMemory
        let transfer = vm.pager.slots[Int(io)]
        let node = Int(transfer.node)
        var doomed: [Int32] = []
        var current = io
        while current >= 0 {
            let slot = vm.pager.slots[Int(current)]
            let page = Int(slot.entry)
            if slot.kind == .load { abandonLoad(current, node: node) }
            if vm.entries[page].io == current { vm.entries[page].io = -1 }
            if slot.kind != .pageOut, slot.kind != .load, let paging = vm.paging[node] {
                paging.frames.free(slot.frame)
                releasePage(node: node, side: .vm)
            }
            if slot.kind != .pageOut, slot.kind != .load { wakeFrameWaiter(node) }
            var process = slot.waiter
            while process >= 0 {
                doomed.append(process)
                process = vm.pager.nextWaiter[Int(process)]
            }
            let next = slot.kind == .pageOut ? slot.then : -1
            if slot.kind == .pageOut, slot.countedTo >= 0, !vm.flushesAwaited.isEmpty { pageOutEnded(slot.countedTo) }
            uncount(current)
            vm.pager.release(current)
            current = next
        }
        let segment = Int(vm.entries[Int(transfer.entry)].segment)
        let page = Int64(Int(transfer.entry) - Int(vm.segments[segment].first))
        for process in doomed {
            vm.pager.nextWaiter[Int(process)] = -1
            pageFaultFailed(process, node: node, segment: vm.segments[segment].kind, page: page, failure: failure)
        }
    }

    /// Transfer `io` never completed: it leaves the counts of its node and of the process it was counted to.
    func uncount(_ io: Int32) {
        let vm = virtualMemory
        let slot = vm.pager.slots[Int(io)]
        guard slot.kind != .load, slot.node >= 0, vm.isConfigured(Int(slot.node)) else { return }
        let kind = slot.kind
        vm.count(Int(slot.node)) {
            switch kind {
            case .pageOut: $0.pageOuts -= 1
            case .pageIn: $0.pageIns -= 1
            case .zeroFill: $0.zeroFills -= 1
            case .load: break
            }
        }
        let process = Int(slot.countedTo)
        guard process >= 0, process < vm.processes.count else { return }
        switch kind {
        case .pageOut: vm.processes[process].pageOuts -= 1
        case .pageIn: vm.processes[process].pageIns -= 1
        case .zeroFill: vm.processes[process].zeroFills -= 1
        case .load: break
        }
    }
}
