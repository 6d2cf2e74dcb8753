#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hot path: a compute burst turns into page faults without an event per
/// reference. A batch of references is planned at once (at a burst's start,
/// after a fault, at a batch's end): `sequential`, `loop` and `trace` walk
/// their pages (an array lookup each, whole laps of hits skipped by
/// arithmetic); `random` draws the hits before the next fault from a
/// geometric law. The slice then runs to the planned fault (DESIGN §3): a
/// reference to a resident page makes no event and allocates nothing.
extension Simulation {
    /// The most references one batch takes.
    static let batchReferences: Int64 = 1 << 20

    /// Plans the process's next batch of references over `budget` work (what is left of its burst): the work
    /// before the fault or the batch's end, the faulting entry (-1: none) and whether it writes.
    func planBatch(process: Int32, space: Int32, budget: SimTime) -> BatchPlan {
        let vm = virtualMemory
        let budget = budget.nanoseconds
        let record = vm.processes.mutableAddress(Int(process))
        let space = Int(space)
        if record.pointee.codeStartPending {
            // A program's first dispatch touches its first code page before anything else.
            record.pointee.codeStartPending = false
            let code = vm.spaces[space].code
            if record.pointee.loadPending, let missing = firstMissingPage(of: code) {
                return BatchPlan(until: .zero, entry: missing, write: false)
            }
            record.pointee.loadPending = false
            if vm.segments[Int(code)].pages > 0 {
                let entry = vm.segments[Int(code)].first
                if !vm.entries[Int(entry)].isResident { return BatchPlan(until: .zero, entry: entry, write: false) }
                referenceResident(Int(entry), write: false)
            }
        }
        let lead = record.pointee.lead.nanoseconds
        let touch = record.pointee.touch.nanoseconds
        let segment = patternSegment(process, space: space)
        guard lead < budget, segment >= 0, vm.segments[Int(segment)].pages > 0 else {
            record.pointee.lead = .ns(max(0, lead - budget))
            return BatchPlan(until: .ns(budget), entry: -1, write: false)
        }
        let count = min((budget - lead - 1) / touch + 1, Self.batchReferences)
        let pattern = vm.patterns[Int(record.pointee.pattern)]
        let write = vm.segments[Int(segment)].kind == .code ? 0 : record.pointee.writeShare
        let fault = pattern.random
            ? randomFault(segment, pattern: pattern, count: count, writeShare: write)
            : cyclicFault(segment, pattern: pattern, count: count, writeShare: write, record: record)
        if let (index, entry, writes) = fault {
            record.pointee.lead = .ns(touch)
            return BatchPlan(until: .ns(lead + index * touch), entry: entry, write: writes)
        }
        let end = min(budget, lead + count * touch)
        record.pointee.lead = .ns(lead + count * touch - end)
        return BatchPlan(until: .ns(end), entry: -1, write: false)
    }

    /// The first page of `segment` not in memory, or nil.
    func firstMissingPage(of segment: Int32) -> Int32? {
        let vm = virtualMemory
        let first = Int(vm.segments[Int(segment)].first)
        for entry in first..<(first + Int(vm.segments[Int(segment)].pages)) where !vm.entries[entry].isResident {
            return Int32(entry)
        }
        return nil
    }

    /// The segment the process's pattern runs over, or -1.
    @inline(__always) func patternSegment(_ process: Int32, space: Int) -> Int32 {
        let vm = virtualMemory
        let pattern = vm.processes[Int(process)].pattern
        guard pattern >= 0 else { return -1 }
        switch vm.patterns[Int(pattern)].segment {
        case .code: return vm.spaces[space].code
        case .data: return vm.spaces[space].data
        case .stack: return vm.processes[Int(process)].stack
        }
    }

    /// A reference to a resident page: the policy hears of it; a write dirties it; a page an earlier run of
    /// the program left in memory counts its first use as a sticky hit.
    @inline(__always) func referenceResident(_ entry: Int, write: Bool) {
        let vm = virtualMemory
        let node = Int(vm.segments[Int(vm.entries[entry].segment)].node)
        guard let paging = vm.paging[node] else { return }
        referenceResident(entry, write: write, paging.frames, paging.policy, node: node)
    }

    /// The same with the node's table and policy in hand: a batch looks them up once, not per reference.
    @inline(__always) func referenceResident(_ entry: Int, write: Bool, _ frames: FrameTable,
                                             _ policy: any ReplacementPolicy, node: Int) {
        let vm = virtualMemory
        policy.referenced(vm.entries[entry].frame, frames, now: now)
        if write { vm.entries[entry].flags |= PageEntry.dirty }
        if vm.entries[entry].flags & PageEntry.sticky != 0 {
            vm.entries[entry].flags &= ~PageEntry.sticky
            vm.count(node) { $0.stickyHits += 1 }
        }
    }

    @inline(__always) func drawWrite(_ share: Double) -> Bool {
        share <= 0 ? false : share >= 1 ? true : random.nextUnit() < share
    }

    /// Sequential, loop and trace: the references walked in order; the first page not resident is the fault.
    /// After a whole lap of hits every page of the cycle is resident, so whole laps are skipped, all but the
    /// last (walked, so the policy's order ends as the references do).
    func cyclicFault(_ segment: Int32, pattern: CompiledPattern, count: Int64, writeShare: Double,
                     record: UnsafeMutablePointer<ProcessPaging>) -> (Int64, Int32, Bool)? {
        let vm = virtualMemory
        let first = Int(vm.segments[Int(segment)].first)
        let pages = Int64(vm.segments[Int(segment)].pages)
        let length = pattern.trace.isEmpty ? span(of: pattern, pages: pages, segment: segment)
            : Int64(pattern.trace.count)
        var position = record.pointee.position % length
        var index: Int64 = 0
        defer { record.pointee.position = position }
        let node = Int(vm.segments[Int(segment)].node)
        guard let paging = vm.paging[node] else { return nil }
        let (frames, policy) = (paging.frames, paging.policy)
        while index < count {
            let page = pattern.trace.isEmpty ? position : Int64(pattern.trace[Int(position)])
            let entry = first + Int(page % pages)
            position = position + 1 == length ? 0 : position + 1
            let write = drawWrite(writeShare)
            guard vm.entries[entry].isResident else { return (index, Int32(entry), write) }
            referenceResident(entry, write: write, frames, policy, node: node)
            index += 1
            if index == length, count - index >= 2 * length {
                index += ((count - index) / length - 1) * length
            }
        }
        return nil
    }

    /// Random over a working set of W pages, R resident: the hits before the next fault follow a geometric
    /// law of p = 1 − R/W; the fault's page is drawn among the pages not resident. At most 64 hits are marked.
    func randomFault(_ segment: Int32, pattern: CompiledPattern, count: Int64,
                     writeShare: Double) -> (Int64, Int32, Bool)? {
        let vm = virtualMemory
        let first = Int(vm.segments[Int(segment)].first)
        let pages = Int64(vm.segments[Int(segment)].pages)
        let width = span(of: pattern, pages: pages, segment: segment)
        let resident = width == pages ? Int64(vm.segments[Int(segment)].resident)
            : residentCount(from: first, count: Int(width))
        var hits = count
        if resident < width {
            let hitChance = Double(resident) / Double(width)
            hits = resident == 0 ? 0 : Int64(min(Double(count), (log(1 - random.nextUnit()) / log(hitChance))))
        }
        let node = Int(vm.segments[Int(segment)].node)
        if hits > 0, let paging = vm.paging[node] {
            let (frames, policy) = (paging.frames, paging.policy)
            for _ in 0..<min(hits, 64) {
                let entry = first + Int(random.next() % UInt64(width))
                guard vm.entries[entry].isResident else { continue }
                referenceResident(entry, write: drawWrite(writeShare), frames, policy, node: node)
            }
        }
        guard hits < count else { return nil }
        var entry = first + Int(random.next() % UInt64(width))
        var tries = 0
        while vm.entries[entry].isResident {
            tries += 1
            entry = tries < 64 ? first + Int(random.next() % UInt64(width)) : first + (entry - first + 1) % Int(width)
        }
        return (hits, Int32(entry), drawWrite(writeShare))
    }

    func residentCount(from first: Int, count: Int) -> Int64 {
        var resident: Int64 = 0
        for entry in first..<(first + count) where virtualMemory.entries[entry].isResident { resident += 1 }
        return resident
    }

    /// The pages a pattern goes round: a loop's count, a working set's pages (its bytes over the node's page),
    /// or the whole segment; never past the segment.
    @inline(__always) func span(of pattern: CompiledPattern, pages: Int64, segment: Int32) -> Int64 {
        guard pattern.length > 0 else { return pages }
        if !pattern.random && pattern.isLoop { return min(pattern.length, pages) }
        let node = Int(virtualMemory.segments[Int(segment)].node)
        let page = virtualMemory.paging[node]?.config.pageSize ?? 4096
        return max(1, min(pages, (pattern.length + page - 1) / page))
    }
}

/// A batch of references planned: the work before its fault or its end.
struct BatchPlan {
    var until: SimTime
    /// The faulting page entry, or -1 (the batch ends without a fault).
    var entry: Int32
    var write: Bool
}
