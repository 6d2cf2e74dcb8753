import SpriteKernel

/// At `trace operations` a run prints one line per node that faulted, from the counters' change over the
/// run; `trace faults` prints every fault instead.
extension Interpreter {
    func pagingSnapshot() -> [MemoryStatistics] {
        guard simulation.virtualMemoryDeclared else { return [] }
        return (0..<simulation.nodeCount).map { simulation.memoryStatistics(node: $0) }
    }

    func reportPaging(since before: [MemoryStatistics]) {
        guard !before.isEmpty, traceLevel == .operations else { return }
        for (node, old) in before.enumerated() {
            let new = simulation.memoryStatistics(node: node)
            guard new.pageFaults > old.pageFaults else { continue }
            emit(.trace(TraceRecord(time: simulation.now, node: node, event: .pagingSummary(
                faults: new.pageFaults - old.pageFaults, zeroFills: new.zeroFills - old.zeroFills,
                pageIns: new.pageIns - old.pageIns, pageOuts: new.pageOuts - old.pageOuts,
                wait: new.faultWait - old.faultWait))))
        }
    }
}
