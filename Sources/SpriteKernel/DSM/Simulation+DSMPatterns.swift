/// Compute bursts over a shared segment (`pattern … over dsm SEG`). A compute step is split into batches
/// of at most `dsmBatchTouches` touches: the touches the node's copies allow are taken when the batch is
/// planned (no event each), the first one they do not allow ends the batch with a DSM fault, taken as an
/// explicit `dsm read|write` step's: the trap on the CPU, then blocked(dsm) until the page or grant is in.
/// A batch is short so that an invalidation arriving meanwhile is seen soon after.
extension Simulation {
    /// The most touches one batch takes before the step is planned again.
    static let dsmBatchTouches: Int64 = 64

    /// Keeps a pattern for the programs' steps; returns its handle.
    func keepDSMPattern(_ pattern: DSMAccessPattern) throws(KernelError) -> Int32 {
        let d = sharedMemory
        guard let index = d.index[pattern.segment] else { throw .invalidValue("dsm segment \(pattern.segment)") }
        let spec = d.segments[Int(index)].spec
        let pages = Int64(spec.pages)
        var compiled = CompiledDSMPattern(segment: index, random: false, cycle: pages, trace: [],
                                          touch: pattern.touch, writeShare: pattern.writeShare)
        if let touch = pattern.touch, touch <= .zero { throw .invalidValue("dsm pattern touch") }
        if let share = pattern.writeShare, !(0...1).contains(share) { throw .invalidValue("dsm pattern writes") }
        if let bytes = pattern.workingSet {
            guard bytes > 0 else { throw .invalidValue("dsm pattern working set") }
            compiled.cycle = min(pages, (bytes + spec.pageSize - 1) / spec.pageSize)
        }
        switch pattern.order {
        case .random: compiled.random = true
        case .sequential: break
        case .loop(let count):
            guard count >= 1, Int64(count) <= pages else { throw .invalidValue("dsm pattern loop \(count)") }
            compiled.cycle = Int64(count)
        case .trace(let list):
            guard !list.isEmpty, list.allSatisfy({ $0 >= 0 && Int64($0) < pages }) else {
                throw .invalidValue("dsm pattern trace")
            }
            compiled.trace = list
            compiled.cycle = Int64(list.count)
        }
        d.patterns.append(compiled)
        return Int32(d.patterns.count - 1)
    }

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

    /// A `pattern` step over the process's own segments ends its pattern over a shared segment.
    func leaveDSMPattern(_ process: Int32) {
        let d = sharedMemory
        guard Int(process) < d.cursors.count else { return }
        d.cursors[Int(process)].pattern = -1
    }

    /// Whether the process's compute bursts follow a pattern over a shared segment.
    @inline(__always) func followsDSMPattern(_ process: Int32) -> Bool {
        let d = sharedMemory
        return Int(process) < d.cursors.count && d.cursors[Int(process)].pattern >= 0
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
            let work = dsmPlanBatch(process, speed: speed)
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

    /// Takes the touches of the next batch that need no fault; returns the work up to the batch's end or its
    /// fault (then `faultPage` is set). Zero: the burst is over, or the fault comes at once.
    func dsmPlanBatch(_ process: Int32, speed: Double) -> SimTime {
        let d = sharedMemory
        let p = Int(process)
        let left = d.cursors[p].burstLeft.nanoseconds
        let lead = d.cursors[p].lead.nanoseconds
        guard left > 0 else { return .zero }
        guard lead < left else {
            d.cursors[p].lead = .ns(lead - left)
            return .ns(left)
        }
        let touch = max(1, d.cursors[p].touch.scaled(bySpeed: speed).nanoseconds)
        let due = (left - lead - 1) / touch + 1
        let count = min(due, Self.dsmBatchTouches)
        let pattern = d.patterns[Int(d.cursors[p].pattern)]
        let segment = Int(pattern.segment)
        let node = Int(scheduler.table[process].node)
        guard d.segments[segment].participantIndex(of: node) >= 0 else {
            // Not among the segment's nodes: the first touch fails as a `dsm` step would.
            d.cursors[p].faultPage = 0
            return .ns(lead)
        }
        for index in 0..<count {
            let page = dsmNextPage(pattern, cursor: &d.cursors[p])
            let write = drawWrite(d.cursors[p].writeShare)
            if dsmMayAccess(segment: segment, page: page, node: node, write: write) {
                dsmTouch(segment: segment, page: page, node: node, write: write, offset: 0, size: 8)
                continue
            }
            d.cursors[p].faultPage = page
            d.cursors[p].faultWrite = write
            d.cursors[p].lead = .ns(touch)
            return .ns(lead + index * touch)
        }
        if count == due {
            d.cursors[p].lead = .ns(lead + count * touch - left)
            return .ns(left)
        }
        d.cursors[p].lead = .zero
        return .ns(lead + count * touch)
    }

    @inline(__always) func dsmNextPage(_ pattern: CompiledDSMPattern, cursor: inout DSMPatternCursor) -> Int32 {
        if pattern.random { return Int32(random.next() % UInt64(pattern.cycle)) }
        let position = cursor.position % pattern.cycle
        cursor.position = position + 1 == pattern.cycle ? 0 : position + 1
        return pattern.trace.isEmpty ? Int32(position) : pattern.trace[Int(position)]
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
}
