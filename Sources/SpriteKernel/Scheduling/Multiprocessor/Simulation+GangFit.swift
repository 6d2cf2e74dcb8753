/// Whether parallel jobs fit the gang matrices they are placed in: gang and space scheduling give every
/// thread of a job its own CPU at once, so a job with more threads on a node than the node has CPUs can
/// never run as one (space sharing would starve it, and everyone behind it, for ever).
extension Simulation {
    /// A parallel job with more unfinished threads on a node than the node has CPUs.
    public struct OversizedJob: Sendable, Equatable {
        public let job: String
        public let node: Int
        public let threads: Int
        public let cpus: Int
    }

    /// The threads of the parallel job `job` on `node` that have not finished (0 if there is no such job).
    public func unfinishedThreads(ofJob job: String, on node: Int) -> Int {
        guard let gang = scheduler.gangIndex[job] else { return 0 }
        return unfinishedThreads(of: gang, on: node)
    }

    /// The parallel job with the most unfinished threads on `node` (the first named on a tie), if any.
    public func widestJob(on node: Int) -> (job: String, threads: Int)? {
        var widest: (job: String, threads: Int)?
        for (name, gang) in scheduler.gangIndex.sorted(by: { $0.value < $1.value }) {
            let threads = unfinishedThreads(of: gang, on: node)
            if threads > 0, threads > widest?.threads ?? 0 { widest = (name, threads) }
        }
        return widest
    }

    /// Jobs found too wide for their node when they were to be placed, in the order found (each once).
    /// The checks of the script refuse them before; this is what is left if one slips through.
    public var oversizedJobs: [OversizedJob] { scheduler.oversizedJobs }

    private func unfinishedThreads(of gang: Int32, on node: Int) -> Int {
        let s = scheduler
        return s.gangs[Int(gang)].count { s.table[$0].node == Int32(node) && s.table[$0].phase != .done }
    }

    /// Records that `gang` has more threads on node slot `slot` than its CPUs, once.
    func noteOversizedJob(_ gang: Int32, slot: Int) {
        let s = scheduler
        guard gang >= 0, let name = s.gangIndex.first(where: { $0.value == gang })?.key,
              let node = s.nodeSlot.firstIndex(of: Int32(slot)) else { return }
        let found = OversizedJob(job: name, node: node, threads: unfinishedThreads(of: gang, on: node),
                                 cpus: Int(s.nodes[slot].cpuCount))
        if !s.oversizedJobs.contains(found) { s.oversizedJobs.append(found) }
    }
}
