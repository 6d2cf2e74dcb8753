/// What process migration asks of VM: the figures a strategy plans with, a
/// flush whose end is signalled (the pager up-calls when the last of the
/// process's page-outs ends), and the space moved to another node. Sprite
/// backs VM with files on a server, so a space moves by its page tables
/// alone: its pages are on the server after the flush, and the target
/// demand-pages them from the same backing files.
extension Simulation {
    /// Resident and dirty bytes of the process's data and stack, its page size, and its backing-file server
    /// (-1 when no backing file is made yet).
    func spaceFigures(space: Int32, stack: Int32) -> (resident: Int64, dirty: Int64, pageSize: Int64, server: Int) {
        let vm = virtualMemory
        let space = Int(space)
        guard space >= 0, vm.spaces[space].live else { return (0, 0, 0, -1) }
        let node = Int(vm.spaces[space].node)
        let pageSize = vm.paging[node]?.config.pageSize ?? 4096
        var (resident, dirty): (Int64, Int64) = (0, 0)
        var server = -1
        for segment in ownSegments(space: Int32(space), stack: stack) {
            if server < 0, vm.segments[Int(segment)].file >= 0 {
                server = fs.files[Int(vm.segments[Int(segment)].file)].server
            }
            forEachEntry(of: segment) { entry in
                guard vm.entries[entry].isResident else { return }
                resident += pageSize
                if vm.entries[entry].flags & PageEntry.dirty != 0 { dirty += pageSize }
            }
        }
        return (resident, dirty, pageSize, server)
    }

    /// The server of the space's backing files, once the flush has made them; -1 otherwise.
    func backingServer(space: Int32, stack: Int32) -> Int { spaceFigures(space: space, stack: stack).server }

    /// Why the process's space cannot move to `target`, or nil.
    func spaceRelocationRefusal(space: Int32, to target: Int) -> String? {
        let vm = virtualMemory
        let space = Int(space)
        guard space >= 0 else { return nil }
        let node = Int(vm.spaces[space].node)
        if case .swap = vm.paging[node]?.config.backing { return "pages on its node's swap area" }
        let pageSize = vm.paging[node]?.config.pageSize ?? 4096
        if let other = vm.paging.indices.contains(target) ? vm.paging[target]?.config : nil,
           other.pageSize != pageSize { return "pages of \(pageSize) bytes (the target's are \(other.pageSize))" }
        return nil
    }

    /// Writes the process's dirty pages to their backing files; `awaited`: the pager signals their end
    /// (`processPageOutsEnded`). Returns the page-outs started (0: nothing to wait for).
    func startMigrationFlush(space: Int32, stack: Int32, process: Int32) -> Int {
        let started = flushDirtyPages(space: space, stack: stack, process: process)
        if started > 0 { virtualMemory.flushesAwaited[process, default: 0] += Int32(started) }
        return started
    }

    /// One of the process's page-outs ended (written, or failed): the last one awaited ends the flush.
    func pageOutEnded(_ process: Int32) {
        let vm = virtualMemory
        guard let left = vm.flushesAwaited[process] else { return }
        if left > 1 { vm.flushesAwaited[process] = left - 1; return }
        vm.flushesAwaited[process] = nil
        processPageOutsEnded(process)
    }

    /// Pre-copy: the process's dirty resident pages are being copied, so they count as clean for the next
    /// round from now on (a write dirties one again), though still newer than their backing copy. Returns
    /// their bytes.
    func takeDirtyPagesForCopy(space: Int32, stack: Int32) -> Int64 {
        let vm = virtualMemory
        let space = Int(space)
        guard space >= 0, vm.spaces[space].live else { return 0 }
        let pageSize = vm.paging[Int(vm.spaces[space].node)]?.config.pageSize ?? 4096
        var bytes: Int64 = 0
        for segment in ownSegments(space: Int32(space), stack: stack) {
            forEachEntry(of: segment) { entry in
                guard vm.entries[entry].isResident, vm.entries[entry].flags & PageEntry.dirty != 0 else { return }
                vm.entries[entry].flags = (vm.entries[entry].flags & ~PageEntry.dirty) | PageEntry.precopied
                bytes += pageSize
            }
        }
        return bytes
    }

    /// The process's data and stack segments (its own stack: a thread's differs from the space's).
    private func ownSegments(space: Int32, stack: Int32) -> [Int32] {
        [virtualMemory.spaces[Int(space)].data, stack].filter { $0 >= 0 }
    }

    /// Moves the process's space to `target`: a frame kept for it is let go and it leaves its node's frame
    /// waiters; its data and stack frames on the source are freed (clean after a flush) and their pages are
    /// no longer resident; the segments belong to `target`'s VM; its code is `target`'s (sticky code there,
    /// or a fresh segment). `arrival`: where the pages resident on the source are now (see `PageArrival`).
    /// Returns those pages (made resident on the target, or left at the source), and those copied that
    /// found no frame on the target and are written to their backing file from there.
    @discardableResult
    func relocateSpace(space: Int32, stack: Int32, process: Int32, to target: Int,
                       arrival: PageArrival = .backing) -> (moved: Int, written: Int) {
        let vm = virtualMemory
        let space = Int(space)
        guard space >= 0, vm.spaces[space].live else { return (0, 0) }
        let source = Int(vm.spaces[space].node)
        leaveFrameWaits(process, node: source)
        ensureVM(on: target)
        var copied: [Int32] = []
        for segment in ownSegments(space: Int32(space), stack: stack) {
            copied += releaseFrames(of: segment, node: source)
            vm.segments[Int(segment)].node = Int32(target)
        }
        let oldCode = vm.spaces[space].code
        vm.spaces[space].node = Int32(target)
        if let code = vm.specs[Int(vm.spaces[space].spec)].code {
            let page = vm.paging[target]?.config.pageSize ?? 4096
            vm.spaces[space].code = codeSegment(node: target, code, page: page)
        }
        if oldCode >= 0 { leaveCode(oldCode) }
        switch arrival {
        case .backing: return (0, 0)
        case .atSource:
            for entry in copied { vm.entries[Int(entry)].set(PageEntry.atSource, true) }
            return (copied.count, 0)
        case .resident: break
        }
        var (resident, written) = (0, 0)
        for entry in copied {
            // The target's copy is the only current one: a pre-copied page is as dirty there as it was here.
            if vm.entries[Int(entry)].has(PageEntry.precopied) {
                vm.entries[Int(entry)].flags = (vm.entries[Int(entry)].flags & ~PageEntry.precopied) | PageEntry.dirty
            }
            if takeCopiedFrame(entry, node: target) { resident += 1; continue }
            // No free frame for it: the target writes it to its backing file as it arrives, a page-out of the
            // process's. A clean one is not kept (its backing copy, or zeros, is what it holds).
            guard vm.entries[Int(entry)].has(PageEntry.dirty) else { continue }
            writeArrivedPage(entry, node: target, process: process)
            written += 1
        }
        return (resident, written)
    }

    /// A copied page with no frame on `node`: a page-out from there to its backing file (a fault on it
    /// meanwhile waits for the write, then pages it back in).
    private func writeArrivedPage(_ entry: Int32, node: Int, process: Int32) {
        let vm = virtualMemory
        vm.entries[Int(entry)].set(PageEntry.dirty, true)
        let io = vm.pager.take(PageIO(kind: .pageOut, node: Int32(node), entry: entry, frame: -1))
        vm.entries[Int(entry)].io = io
        vm.processes[Int(process)].pageOuts += 1
        vm.pager.slots[Int(io)].countedTo = process
        vm.count(node) { $0.pageOuts += 1 }
        launchTransfer(io)
    }

    /// A frame kept for the process, or a wake it did not use, goes to the next frame waiter; it leaves the FIFO.
    private func leaveFrameWaits(_ process: Int32, node: Int) {
        let vm = virtualMemory
        if vm.processes[Int(process)].heldFrame >= 0 { releaseHeldFrame(process, node: node) }
        if vm.processes[Int(process)].frameWoken {
            vm.processes[Int(process)].frameWoken = false
            wakeFrameWaiter(node)
        }
        guard let head = vm.paging.indices.contains(node) ? vm.paging[node]?.waitHead : nil, head >= 0 else { return }
        var previous: Int32 = -1
        var current = head
        while current >= 0 {
            let next = vm.processes[Int(current)].nextFrameWaiter
            if current == process {
                if previous < 0 { vm.paging[node]?.waitHead = next }
                else { vm.processes[Int(previous)].nextFrameWaiter = next }
                if vm.paging[node]?.waitTail == process { vm.paging[node]?.waitTail = previous }
                vm.processes[Int(process)].nextFrameWaiter = -1
                return
            }
            previous = current
            current = next
        }
    }

    /// Frees the segment's frames on `node`; returns the entries that were resident.
    private func releaseFrames(of segment: Int32, node: Int) -> [Int32] {
        let vm = virtualMemory
        var released: [Int32] = []
        guard let table = vm.frames(of: node), let policy = vm.paging[node]?.policy else { return released }
        forEachEntry(of: segment) { entry in
            let frame = vm.entries[entry].frame
            guard frame >= 0 else { return }
            policy.removed(frame, table)
            table.free(frame)
            releasePage(node: node, side: .vm)
            vm.entries[entry].frame = -1
            released.append(Int32(entry))
            wakeFrameWaiter(node)
        }
        vm.segments[Int(segment)].resident = 0
        return released
    }

    /// A copied page takes a free frame on `node`, resident there (dirty as it was); false when none is free.
    private func takeCopiedFrame(_ entry: Int32, node: Int) -> Bool {
        let vm = virtualMemory
        guard let paging = vm.paging[node], frameLedger.ledgers[node].freeBytes >= vmPageSize(node),
              claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil) == .free else { return false }
        guard let frame = paging.frames.takeFree(for: entry) else {
            releasePage(node: node, side: .vm)
            return false
        }
        vm.entries[Int(entry)].frame = frame
        vm.segments[Int(vm.entries[Int(entry)].segment)].resident += 1
        paging.frames.setFlag(FrameTable.code, false, of: frame)
        paging.policy.inserted(frame, paging.frames, now: now)
        return true
    }

    /// The space no longer uses `code` on its old node: the last user leaves it sticky (or frees it).
    private func leaveCode(_ code: Int32) {
        let vm = virtualMemory
        guard vm.segments[Int(code)].live else { return }
        vm.segments[Int(code)].users -= 1
        guard vm.segments[Int(code)].users == 0 else { return }
        let node = Int(vm.segments[Int(code)].node)
        let cached = vm.codePaths[code].map { vm.codeCache[CodeKey(node: Int32(node), path: $0)] == code } ?? false
        if vm.paging[node]?.config.sticky == true && cached {
            forEachEntry(of: code) { entry in
                if vm.entries[entry].isResident { vm.entries[entry].set(PageEntry.sticky, true) }
            }
        } else {
            freeSegment(code)
        }
    }
}

/// Where the pages a process had in memory on its old node are once its space moved.
enum PageArrival {
    /// On their backing files (flushed in the freeze): the target demand-pages them.
    case backing
    /// Copied: in the target's memory (a free frame each), else written to the backing file as they arrive.
    case resident
    /// Still on the old node (lazy copy): each fault on one fetches it from there, by RPC.
    case atSource
}
