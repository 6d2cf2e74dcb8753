/// A process meets its planned page fault or the end of its batch of
/// references (Memory/Simulation+References.swift plans them). A minor fault
/// costs CPU only and the slice goes on; a major one blocks the process until
/// the pager serves it.
extension Simulation {
    /// The slice on `cpu` reached the process's planned fault or batch end (hook in `sliceEnded`). Returns
    /// false when the process keeps its CPU only if its quantum lasts: `sliceEnded` goes on to decide.
    func pageFaultReached(_ process: Int32, cpu: Int) -> Bool {
        let s = scheduler
        let entry = s.table[process].faultEntry
        s.table[process].untilFault = .never
        if entry >= 0 {
            let woken = virtualMemory.processes[Int(process)].frameWoken
            switch takeFault(process, entry: entry, write: s.table[process].faultWrite) {
            case .hit:
                s.table[process].faultEntry = -1
            case .minor(let work):
                s.table[process].faultEntry = -1
                s.table[process].remaining += work
                virtualMemory.processes[Int(process)].lead += work
                traceFault(process, entry: entry, write: s.table[process].faultWrite, wait: .zero)
            case .waitForFrame, .frameless:
                virtualMemory.processes[Int(process)].waitingSince = now
                block(process, .pageFault, on: Self.frameWait)
                leaveCPU(cpu, .fault)
                chooseLater(cpu)
                awaitFrame(process, woken: woken)
                return true
            case .major(let io, let launch):
                virtualMemory.processes[Int(process)].waitingSince = now
                block(process, .pageFault, on: io)
                leaveCPU(cpu, .fault)
                chooseLater(cpu)
                if launch >= 0 { launchTransfer(launch) }
                return true
            }
        }
        guard now < s.cpus[cpu].quantumEnd else { return false }
        scheduleSliceEnd(cpu)
        return true
    }

    /// `blockedOn` of a process asleep among its node's frame waiters.
    static let frameWait: Int32 = -2

    /// The transfer `process` waited on ended: it is ready, its burst longer by the trap (and `extra`, a
    /// zero-fill's copy). A page it waited to see written out it faults on again at once. Returns whether it
    /// was made ready with its page in memory.
    @discardableResult
    func pageFaultServed(_ process: Int32, extra: SimTime) -> Bool {
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .pageFault else { return false }
        let entry = s.table[process].faultEntry
        let node = Int(s.table[process].node)
        var work = faultCPU(node) + extra
        if entry >= 0, !virtualMemory.entries[Int(entry)].isResident {
            switch takeFault(process, entry: entry, write: s.table[process].faultWrite) {
            case .major(let io, let launch):
                s.table[process].blockedOn = io
                if launch >= 0 { launchTransfer(launch) }
                return false
            case .minor(let trapAndFill): work = trapAndFill + extra
            case .waitForFrame, .frameless:
                s.table[process].blockedOn = Self.frameWait
                awaitFrame(process, woken: false)
                return false
            case .hit: break
            }
        }
        let wait = now - virtualMemory.processes[Int(process)].waitingSince
        virtualMemory.processes[Int(process)].faultWait += wait
        virtualMemory.processes[Int(process)].lead += work
        virtualMemory.count(node) { $0.faultWait += wait }
        if entry >= 0 { traceFault(process, entry: entry, write: s.table[process].faultWrite, wait: wait) }
        s.table[process].faultEntry = -1
        s.table[process].remaining += work
        s.table[process].blockedTime += now - s.table[process].since
        s.table[process].blockKind = .none
        s.table[process].blockedOn = -1
        // The end of a page-in is a safe point, as the end of any call: a migration waiting freezes it here.
        if !freezeAfterPageIn(process) { makeReady(process, why: .woke) }
        return entry < 0 || virtualMemory.entries[Int(entry)].isResident
    }

    /// `process`, blocked on its fault with no frame to be had: it sleeps among its node's frame waiters, or
    /// dies if VM there can never hold a frame. It faults again when it next runs after its wake.
    func awaitFrame(_ process: Int32, woken: Bool) {
        let node = Int(scheduler.table[process].node)
        scheduler.table[process].untilFault = .zero
        guard vmCanHoldFrame(node) else {
            let entry = Int(scheduler.table[process].faultEntry)
            let segment = Int(virtualMemory.entries[entry].segment)
            let page = Int64(entry - Int(virtualMemory.segments[segment].first))
            virtualMemory.failures.append(PagingFailure(
                process: ProcessID(process), node: node, time: now, segment: virtualMemory.segments[segment].kind,
                page: page, failure: nil, vmShare: vmShare(node), pageSize: vmPageSize(node)))
            kill(process)
            return
        }
        enqueueFrameWaiter(process, node: node, front: woken)
    }

    /// A frame can be had: `process`, still asleep for one, is ready and faults again when it runs. Its wait
    /// counts as fault wait; no CPU is charged. False when it no longer waits (killed).
    func frameWaitEnded(_ process: Int32) -> Bool {
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .pageFault,
              s.table[process].blockedOn == Self.frameWait else { return false }
        let node = Int(s.table[process].node)
        let wait = now - virtualMemory.processes[Int(process)].waitingSince
        virtualMemory.processes[Int(process)].faultWait += wait
        virtualMemory.processes[Int(process)].waitingSince = now
        virtualMemory.processes[Int(process)].frameWoken = true
        virtualMemory.count(node) { $0.faultWait += wait }
        s.table[process].untilFault = .zero
        s.table[process].blockedTime += now - s.table[process].since
        s.table[process].blockKind = .none
        s.table[process].blockedOn = -1
        makeReady(process, why: .woke)
        return true
    }

    /// The page `process` waited for could not be had: it dies, the failure in the trace.
    func pageFaultFailed(_ process: Int32, node: Int, segment: SegmentKind, page: Int64,
                         failure: OperationFailure) {
        record(.pagingFailed(process: Int(process), segment: segment, page: page, failure: failure), at: node)
        virtualMemory.failures.append(PagingFailure(process: ProcessID(process), node: node, time: now,
                                                    segment: segment, page: page, failure: failure))
        kill(process)
    }

    /// Page-ins that failed since the last call (each killed the processes waiting), in the order they
    /// happened; each is reported once.
    public func takePagingFailures() -> [PagingFailure] {
        defer { virtualMemory.failures.removeAll() }
        return virtualMemory.failures
    }
}

/// A page a process needed could not be had; the process was killed, and the run reports it.
public struct PagingFailure: Sendable, Equatable {
    public var process: ProcessID
    public var node: Int
    public var time: SimTime
    public var segment: SegmentKind
    public var page: Int64
    /// Why its transfer failed; nil: VM on the node can never hold a frame (`vmShare` < `pageSize`).
    public var failure: OperationFailure?
    /// VM's share of the node's memory and its page, in bytes.
    public var vmShare: Int64 = 0
    public var pageSize: Int64 = 0
}
