/// A batch marks its writes when it is planned (a burst's start, after a
/// fault), ahead of the work: a page written again later in the same batch is
/// not marked again. Pre-copy reads the dirty set while the process runs, so a
/// round would miss the pages a long burst re-dirtied since the last round.
/// The round settles them here, from the pattern's reference rate and write
/// share, at round boundaries only: nothing is added to the hot path.
extension Simulation {
    /// Marks dirty the resident pages of `space` the process's last `work` of references wrote: `work / touch`
    /// references, the most recent ones of a cyclic pattern (a whole lap at most), or as many draws as a
    /// batch marks (64 at most) of a random one. The pages' order for replacement is left as it is.
    func markWritesSinceRound(_ process: Int32, space: Int32, work: SimTime) {
        let vm = virtualMemory
        let space = Int(space)
        guard space >= 0, work > .zero else { return }
        let record = vm.processes[Int(process)]
        let segment = patternSegment(process, space: space)
        guard segment >= 0, vm.segments[Int(segment)].kind != .code, record.writeShare > 0 else { return }
        let pages = Int64(vm.segments[Int(segment)].pages)
        let references = min(work.nanoseconds / max(1, record.touch.nanoseconds), Self.batchReferences)
        guard pages > 0, references > 0 else { return }
        let first = Int(vm.segments[Int(segment)].first)
        let pattern = vm.patterns[Int(record.pattern)]
        if pattern.random {
            let width = UInt64(span(of: pattern, pages: pages, segment: segment))
            for _ in 0..<min(references, 64) {
                markWritten(first + Int(random.next() % width), share: record.writeShare)
            }
            return
        }
        let length = pattern.trace.isEmpty ? span(of: pattern, pages: pages, segment: segment)
            : Int64(pattern.trace.count)
        var position = record.position % length
        for _ in 0..<min(references, length) {
            position = position == 0 ? length - 1 : position - 1
            let page = pattern.trace.isEmpty ? position : Int64(pattern.trace[Int(position)])
            markWritten(first + Int(page % pages), share: record.writeShare)
        }
    }

    /// A write to a resident page dirties it (one not resident would have faulted: its write is its own).
    @inline(__always) private func markWritten(_ entry: Int, share: Double) {
        let vm = virtualMemory
        guard vm.entries[entry].isResident, drawWrite(share) else { return }
        vm.entries[entry].flags |= PageEntry.dirty
    }
}
