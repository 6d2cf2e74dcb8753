/// A program's compute steps while it follows a pattern over a shared segment: each step is taken again after
/// each batch of touches (DSM/Simulation+DSMPatterns.swift plans them); a batch that ends on a fault takes it
/// as an explicit `dsm read|write` step does: the trap on the CPU, then blocked(dsm) until the page or grant
/// is in, the same step going on after.
extension Simulation {
    /// A `pattern … over dsm` step: the later bursts touch the segment; a space's own pattern rests meanwhile.
    func followDSMPattern(_ process: Int32, _ pattern: Int32) {
        let d = sharedMemory
        d.ensureProcess(process)
        let compiled = d.patterns[Int(pattern)]
        let space = scheduler.table[process].space >= 0
        var cursor = DSMPatternCursor()
        cursor.pattern = pattern
        cursor.touch = compiled.touch ?? (space ? virtualMemory.processes[Int(process)].touch : .us(10))
        cursor.writeShare = compiled.writeShare ?? (space ? virtualMemory.processes[Int(process)].writeShare : 0)
        d.cursors[Int(process)] = cursor
        if space { restVMPattern(process) }
    }

    /// The compute step `duration` of a process following a DSM pattern, taken batch by batch (the step is
    /// taken again after each). nil: the step is done and the process goes on with the next one.
    func dsmComputeStep(_ process: Int32, duration: SimTime, share: Double, speed: Double) -> StepOutcome? {
        let d = sharedMemory
        let p = Int(process)
        let s = scheduler
        if d.cursors[p].burstLeft < .zero { d.cursors[p].burstLeft = duration.scaled(bySpeed: speed) }
        while true {
            if d.cursors[p].faultPage >= 0, let outcome = dsmPatternFault(process, speed: speed) { return outcome }
            let work = dsmPlanBatch(process, node: Int(s.table[process].node), speed: speed)
            if work > .zero {
                d.cursors[p].burstLeft = d.cursors[p].burstLeft - work
                s.table[process].remaining = work
                s.table[process].memoryShare = share
                s.table[process].kernelWork = false
                s.table[process].stepsPending = true
                return .compute
            }
            if d.cursors[p].faultPage >= 0 { continue }
            d.cursors[p].burstLeft = .ns(-1)
            s.table[process].pc += 1
            return nil
        }
    }

    /// The batch ended on its fault: the trap runs as a burst, then the request goes out and the process
    /// blocks. nil: the access is allowed after all (another process of the node brought the page) or was
    /// served at once; the step goes on.
    func dsmPatternFault(_ process: Int32, speed: Double) -> StepOutcome? {
        let d = sharedMemory
        let p = Int(process)
        let s = scheduler
        let segment = Int(d.patterns[Int(d.cursors[p].pattern)].segment)
        let page = d.cursors[p].faultPage
        let write = d.cursors[p].faultWrite
        let node = Int(s.table[process].node)
        let name = d.segments[segment].spec.name
        guard d.segments[segment].participantIndex(of: node) >= 0 else {
            d.cursors[p].burstLeft = .ns(-1)
            return dsmStepFailed(process, name, .notAmongNodes(node: node))
        }
        if dsmMayAccess(segment: segment, page: page, node: node, write: write) {
            dsmTouch(segment: segment, page: page, node: node, write: write, offset: 0, size: 8)
            d.trapPaid[p] = false
            d.cursors[p].faultPage = -1
            return nil
        }
        let lost = d.pages[Int(d.segments[segment].firstPage + page)].lostIn
        if lost >= 0 {
            d.cursors[p].burstLeft = .ns(-1)
            return dsmStepFailed(process, name, .pageLost(page: page, node: Int(lost)))
        }
        let trap = (d.segments[segment].spec.faultCPU ?? network.config.cost.localMessageCost).scaled(bySpeed: speed)
        if !d.trapPaid[p], trap > .zero {
            d.trapPaid[p] = true
            s.table[process].remaining = trap
            s.table[process].memoryShare = 0
            s.table[process].kernelWork = false
            s.table[process].stepsPending = true
            return .compute
        }
        let request = dsmStartFault(process: process, node: node, segment: segment, page: page, write: write,
                                    offset: 0, size: 8)
        guard d.waitingOn[p] == request else {
            d.cursors[p].faultPage = -1
            return nil
        }
        d.cursors[p].request = request
        block(process, .dsm, on: request)
        return .blocked
    }

    /// The fault a pattern's batch ended on was served: the process goes on with the same compute step.
    /// Returns false when `request` was not such a fault.
    func dsmPatternFaultServed(process: Int32, request: Int32) -> Bool {
        let d = sharedMemory
        let p = Int(process)
        guard p < d.cursors.count, d.cursors[p].request == request, request >= 0 else { return false }
        d.cursors[p].request = -1
        d.cursors[p].faultPage = -1
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .dsm,
              s.table[process].blockedOn == request else { return true }
        processWoke(process)
        return true
    }

    /// Whether the process is blocked on a DSM fault (not a DSM lock or barrier): its slice ends as a fault.
    func waitsOnDSMFault(_ process: Int32) -> Bool {
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .dsm else { return false }
        let r = Int(s.table[process].blockedOn)
        guard r >= 0, r < sharedMemory.table.requests.slotCount else { return false }
        let kind = sharedMemory.table.requests[r].kind
        return kind == .readFault || kind == .writeFault
    }

    /// A process whose bursts touch a shared segment touches none of its own pages meanwhile: its space's
    /// pattern rests until a `pattern` step names one again.
    func restVMPattern(_ process: Int32) {
        virtualMemory.processes[Int(process)].pattern = -1
        scheduler.table[process].untilFault = .never
        scheduler.table[process].faultEntry = -1
    }
}
