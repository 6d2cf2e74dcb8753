/// The byte runs a copy's interval changed, as a diff against its twin finds them (TreadMarks, Munin):
/// writing one word many times is one run of its bytes, and adjacent or overlapping writes merge. Each
/// twinned copy borrows a run list from a pool until its interval ends.
struct DSMDiffRunPool {
    /// Sorted, disjoint, non-adjacent runs as start and end pairs, by list.
    var lists: [[Int32]] = []
    var free: [Int32] = []

    mutating func borrow() -> Int32 {
        if let list = free.popLast() {
            lists[Int(list)].removeAll(keepingCapacity: true)
            return list
        }
        lists.append([])
        return Int32(lists.count - 1)
    }

    mutating func giveBack(_ list: Int32) {
        guard list >= 0 else { return }
        free.append(list)
    }

    /// Adds the bytes `start..<end`, merging every run it overlaps or touches; returns the runs and the
    /// bytes they cover.
    mutating func add(_ list: Int32, start: Int32, end: Int32) -> (runs: Int32, bytes: Int32) {
        guard end > start else { return totals(list) }
        var runs = lists[Int(list)]
        lists[Int(list)] = []
        var merged = (start, end)
        // The first run whose end reaches the new run's start (touching counts).
        var first = 0
        while first < runs.count && runs[first + 1] < start { first += 2 }
        var last = first
        while last < runs.count && runs[last] <= end {
            merged = (min(merged.0, runs[last]), max(merged.1, runs[last + 1]))
            last += 2
        }
        // In place, without a temporary array: a write step allocates nothing once the list is warm.
        if first == last {
            runs.insert(merged.1, at: first)
            runs.insert(merged.0, at: first)
        } else {
            runs[first] = merged.0
            runs[first + 1] = merged.1
            if last > first + 2 { runs.removeSubrange((first + 2)..<last) }
        }
        lists[Int(list)] = runs
        return totals(list)
    }

    func totals(_ list: Int32) -> (runs: Int32, bytes: Int32) {
        let runs = lists[Int(list)]
        var bytes: Int32 = 0
        for index in stride(from: 0, to: runs.count, by: 2) { bytes += runs[index + 1] - runs[index] }
        return (Int32(runs.count / 2), bytes)
    }
}

extension Simulation {
    /// A write of `size` bytes at `offset` in the copy's page joins its interval's diff.
    func dsmAddRun(copy c: Int, offset: Int32, size: Int32) {
        let d = sharedMemory
        if d.copies[c].runs < 0 { d.copies[c].runs = d.diffRuns.borrow() }
        let (runs, bytes) = d.diffRuns.add(d.copies[c].runs, start: offset, end: offset + size)
        d.copies[c].diffRuns = runs
        d.copies[c].diffBytes = bytes
    }

    /// The interval ended: the run list goes back to the pool; the counts stay for a later diff request.
    func dsmFreeRuns(copy c: Int) {
        let d = sharedMemory
        d.diffRuns.giveBack(d.copies[c].runs)
        d.copies[c].runs = -1
    }

    /// A diff's bytes: a header per run and the runs' bytes, never more than the whole page as one run.
    func dsmDiffBytes(copy c: Int, segment s: Int) -> Int64 {
        let d = sharedMemory
        let runs = Int64(d.copies[c].diffRuns) * Self.dsmRunHeaderBytes + Int64(d.copies[c].diffBytes)
        return min(runs, Self.dsmRunHeaderBytes + d.segments[s].spec.pageSize)
    }
}
