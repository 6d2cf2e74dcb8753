/// What serving a fault asks of the faulting process.
enum FaultService {
    /// The page is in memory after all (another process brought it in): a plain reference.
    case hit
    /// Served at once (a zero-fill with a frame free or clean): `work` joins the burst.
    case minor(work: SimTime)
    /// The process waits for transfer `io`; `launch` (or -1) starts once it has blocked.
    case major(io: Int32, launch: Int32)
    /// Every frame VM may use is locked by a transfer: the process sleeps among the node's frame waiters
    /// (no CPU charged) and faults again when it next runs after a frame is unlocked.
    case waitForFrame
    /// VM on the node can never hold a frame (its share is less than one page): the process cannot run.
    case frameless
}

/// A page fault: a frame for the page (a free one, the file cache's, or a
/// victim written out first if dirty), then the page from where it lives: a
/// zero-fill on first touch, else its backing store (code from the program's
/// file). The frame is claimed and locked now; the transfer starts once the
/// faulting process has left its CPU.
extension Simulation {
    /// The trap's CPU on `node`: the configured fault-cpu, else the preset's local-cost.
    @inline(__always) func faultCPU(_ node: Int) -> SimTime {
        virtualMemory.paging[node]?.config.faultCPU ?? network.config.cost.localMessageCost
    }

    /// A zero-fill's CPU: a page copied at the local copy rate.
    @inline(__always) func zeroFillCPU(_ node: Int) -> SimTime {
        network.config.cost.localCopy(bytes: virtualMemory.paging[node]?.config.pageSize ?? 4096)
    }

    func takeFault(_ process: Int32, entry: Int32, write: Bool) -> FaultService {
        let vm = virtualMemory
        let page = Int(entry)
        let segment = Int(vm.entries[page].segment)
        let node = Int(vm.segments[segment].node)
        guard vm.segments[segment].live, vm.isConfigured(node) else { return .hit }
        if vm.entries[page].isResident {
            referenceResident(page, write: write)
            if vm.processes[Int(process)].frameWoken {
                vm.processes[Int(process)].frameWoken = false
                wakeFrameWaiter(node)
            }
            return .hit
        }
        let record = vm.processes.mutableAddress(Int(process))
        // Woken for a frame that was unlocked: if this fault takes no frame, the next waiter may.
        let woken = record.pointee.frameWoken
        record.pointee.frameWoken = false
        let loads = record.pointee.loadPending && vm.segments[segment].kind == .code
        record.pointee.loadPending = false
        if vm.entries[page].io >= 0 {
            // On its way in or out for another fault: this one waits for it, then looks again.
            record.pointee.faults += 1
            record.pointee.lastSource = .shared
            vm.count(node) {
                $0.pageFaults += 1
                $0.minorFaults += 1
                $0.sharedFaults += 1
            }
            let io = vm.entries[page].io
            vm.pager.wait(process, on: io, write: write)
            if woken { wakeFrameWaiter(node) }
            return .major(io: io, launch: -1)
        }
        if loads {
            if let service = startCodeLoad(process, entry: entry, node: node) { return service }
            record.pointee.loadPending = true
            return noFrame(node)
        }
        guard let (frame, pageOut) = obtainFrame(node, for: entry) else { return noFrame(node) }
        let kind = vm.segments[segment].kind
        let elsewhere = PageEntry.onBacking | PageEntry.inherited | PageEntry.atSource
        let fromBacking = kind == .code || vm.entries[page].flags & elsewhere != 0
        let io = vm.pager.take(PageIO(kind: fromBacking ? .pageIn : .zeroFill, node: Int32(node), entry: entry,
                                      frame: frame))
        vm.entries[page].io = io
        vm.pager.slots[Int(io)].countedTo = process
        if pageOut >= 0 { vm.pager.slots[Int(pageOut)].countedTo = process }
        record.pointee.faults += 1
        record.pointee.lastSource = vm.entries[page].flags & PageEntry.atSource != 0 ? .migrationSource
            : fromBacking ? .backing : .zeroFill
        if pageOut >= 0 { record.pointee.pageOuts += 1 }
        if fromBacking { record.pointee.pageIns += 1 } else { record.pointee.zeroFills += 1 }
        vm.count(node) {
            $0.pageFaults += 1
            if pageOut >= 0 { $0.pageOuts += 1 }
            if fromBacking { $0.pageIns += 1 } else { $0.zeroFills += 1 }
            if kind == .code { $0.codeFaults += 1 }
            if !fromBacking && pageOut < 0 { $0.minorFaults += 1 }
        }
        if !fromBacking && pageOut < 0 {
            fill(io, write: write)
            vm.pager.release(io)
            return .minor(work: faultCPU(node) + zeroFillCPU(node))
        }
        vm.pager.wait(process, on: io, write: write)
        if pageOut >= 0 {
            vm.pager.slots[Int(pageOut)].then = io
            return .major(io: io, launch: pageOut)
        }
        return .major(io: io, launch: io)
    }

    /// No frame now: wait for one, unless VM on `node` can never hold one.
    private func noFrame(_ node: Int) -> FaultService {
        vmCanHoldFrame(node) ? .waitForFrame : .frameless
    }

    /// A frame for `entry` on `node`, locked; and the page-out its dirty victim needs first (or -1).
    /// Nil when every frame in use is locked.
    func obtainFrame(_ node: Int, for entry: Int32) -> (Int32, Int32)? {
        let vm = virtualMemory
        guard let paging = vm.paging[node] else { return nil }
        let table = paging.frames
        let claim: FrameClaim
        if case .fixed = frameLedger.ledgers[node].policy {
            claim = claimPage(node: node, for: .vm, ownOldest: nil, otherOldest: nil)
        } else {
            claim = claimPage(node: node, for: .vm, ownOldest: table.oldestStamp,
                              otherOldest: fileCacheOldestReference(node: node))
        }
        if claim == .takeOther {
            _ = fileCacheSurrenderPage(node: node)
            vm.count(node) { $0.cacheToVM += 1 }
        }
        if claim == .free || claim == .takeOther {
            if let frame = table.takeFree(for: entry) {
                table.setFlag(FrameTable.locked, true, of: frame)
                return (frame, -1)
            }
            releasePage(node: node, side: .vm)
        }
        guard let victim = paging.policy.victim(table) else { return nil }
        let old = Int(table.frames[Int(victim)].entry)
        paging.policy.removed(victim, table)
        table.reuse(victim, for: entry)
        table.setFlag(FrameTable.locked, true, of: victim)
        vm.entries[old].frame = -1
        vm.segments[Int(vm.entries[old].segment)].resident -= 1
        vm.count(node) { $0.evictions += 1 }
        guard vm.entries[old].flags & PageEntry.unsaved != 0 else { return (victim, -1) }
        let pageOut = vm.pager.take(PageIO(kind: .pageOut, node: Int32(node), entry: Int32(old), frame: victim))
        vm.entries[old].io = pageOut
        return (victim, pageOut)
    }

    /// The page of transfer `io` is in its frame: resident, unlocked, in the policy's order.
    func fill(_ io: Int32, write: Bool) {
        let vm = virtualMemory
        let transfer = vm.pager.slots[Int(io)]
        let page = Int(transfer.entry)
        let node = Int(transfer.node)
        let segment = Int(vm.entries[page].segment)
        guard let paging = vm.paging[node] else { return }
        vm.entries[page].io = -1
        guard vm.segments[segment].live else {
            paging.frames.free(transfer.frame)
            releasePage(node: node, side: .vm)
            return
        }
        vm.entries[page].frame = transfer.frame
        vm.segments[segment].resident += 1
        let code = vm.segments[segment].kind == .code
        if write && !code { vm.entries[page].flags |= PageEntry.dirty }
        paging.frames.setFlag(FrameTable.locked, false, of: transfer.frame)
        paging.frames.setFlag(FrameTable.code, code, of: transfer.frame)
        paging.policy.inserted(transfer.frame, paging.frames, now: now)
    }
}
