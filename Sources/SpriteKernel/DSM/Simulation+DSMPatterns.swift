/// Patterns over a shared segment (`pattern … over dsm SEG`): kept for the programs' steps, and walked a
/// batch at a time (Processes/Simulation+DSMPatternSteps.swift splits the compute steps). The touches the
/// node's copies allow are taken when the batch is planned (no event each); the first one they do not allow
/// ends the batch with a DSM fault. A batch is short so that an invalidation arriving meanwhile is seen soon.
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

    /// Takes the touches of the next batch that need no fault; returns the work up to the batch's end or its
    /// fault (then `faultPage` is set). Zero: the burst is over, or the fault comes at once.
    func dsmPlanBatch(_ process: Int32, node: Int, speed: Double) -> SimTime {
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

}
