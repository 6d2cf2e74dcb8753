/// Waiting for a frame, as Sprite does: a fault that finds every frame VM
/// may use locked by a transfer puts its process to sleep in the node's FIFO
/// of frame waiters, charging nothing. Each frame that becomes usable again
/// (a transfer ends, a frame is freed) wakes one waiter, which faults again
/// when it next runs. A page brought in for a blocked process stays locked
/// until that process runs: a waiter woken meanwhile cannot take it, so two
/// processes sharing one frame each get their page in turn instead of
/// stealing it from each other forever. The FIFO is chained through the
/// processes' paging records: waiting allocates nothing.
extension Simulation {
    /// Whether VM on `node` may ever hold a frame: its share of memory is one page or more.
    func vmCanHoldFrame(_ node: Int) -> Bool {
        guard let frames = virtualMemory.frames(of: node), frames.count > 0 else { return false }
        let ledger = frameLedger.ledgers[node]
        return ledger.cap(for: .vm) >= ledger.pageSize
    }

    /// The most of `node`'s memory VM may hold, and its page, in bytes.
    func vmShare(_ node: Int) -> Int64 { frameLedger.ledgers[node].cap(for: .vm) }
    func vmPageSize(_ node: Int) -> Int64 { frameLedger.ledgers[node].pageSize }

    /// Puts `process` at the back of `node`'s frame waiters (at the front when it was woken for a frame that
    /// another fault took first: it has waited longest).
    func enqueueFrameWaiter(_ process: Int32, node: Int, front: Bool) {
        let vm = virtualMemory
        guard vm.isConfigured(node) else { return }
        vm.processes[Int(process)].nextFrameWaiter = -1
        guard let tail = vm.paging[node]?.waitTail, tail >= 0 else {
            vm.paging[node]?.waitHead = process
            vm.paging[node]?.waitTail = process
            return
        }
        if front {
            vm.processes[Int(process)].nextFrameWaiter = vm.paging[node]?.waitHead ?? -1
            vm.paging[node]?.waitHead = process
        } else {
            vm.processes[Int(process)].nextFrameWaiter = -1
            vm.processes[Int(tail)].nextFrameWaiter = process
            vm.paging[node]?.waitTail = process
        }
    }

    /// A frame on `node` can be had again: the longest waiter still waiting (killed ones are skipped) wakes.
    func wakeFrameWaiter(_ node: Int) {
        let vm = virtualMemory
        guard vm.isConfigured(node) else { return }
        while let head = vm.paging[node]?.waitHead, head >= 0 {
            let next = vm.processes[Int(head)].nextFrameWaiter
            vm.processes[Int(head)].nextFrameWaiter = -1
            vm.paging[node]?.waitHead = next
            if next < 0 { vm.paging[node]?.waitTail = -1 }
            if frameWaitEnded(head) { return }
        }
    }

    /// The node's frame waiters are forgotten (its crash killed them).
    func clearFrameWaiters(_ node: Int) {
        virtualMemory.paging[node]?.waitHead = -1
        virtualMemory.paging[node]?.waitTail = -1
    }

    /// The page-in into `frame` on `node` ended and `holder` (or -1) is the process it was for, made ready: the
    /// frame stays locked until `holder` runs; with no such process it can be had now.
    func settleFilledFrame(_ frame: Int32, node: Int, holder: Int32) {
        let vm = virtualMemory
        guard let frames = vm.frames(of: node) else { return }
        let entry = Int(frames.frames[Int(frame)].entry)
        if holder >= 0, entry >= 0, vm.entries[entry].frame == frame {
            frames.setFlag(FrameTable.locked, true, of: frame)
            vm.processes[Int(holder)].heldFrame = frame
        } else {
            wakeFrameWaiter(node)
        }
    }

    /// `process` runs (or ends) on `node`: the frame filled for it is the policy's to choose again.
    func releaseHeldFrame(_ process: Int32, node: Int) {
        let vm = virtualMemory
        let frame = vm.processes[Int(process)].heldFrame
        vm.processes[Int(process)].heldFrame = -1
        guard frame >= 0, let frames = vm.frames(of: node), frames.isLocked(frame) else { return }
        let entry = Int(frames.frames[Int(frame)].entry)
        // A locked frame holding a resident page is held (a transfer's frame holds no resident page yet).
        guard entry >= 0, vm.entries[entry].frame == frame else { return }
        frames.setFlag(FrameTable.locked, false, of: frame)
        wakeFrameWaiter(node)
    }
}
