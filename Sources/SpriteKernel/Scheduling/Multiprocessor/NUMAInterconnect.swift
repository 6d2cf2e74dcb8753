/// NUMA: the CPUs form `cells` equal cells, each with its own memory. A
/// process's memory is placed in the cell where it first ran; from a CPU of
/// another cell each memory access costs `remoteFactor` times a local one.
/// Contention for a cell's memory is not modelled: only where a process runs.
struct NUMAInterconnect: MemoryInterconnect {
    var cells: Int
    var remoteFactor: Double

    func contention(demands: ArraySlice<Double>) -> Double { 1 }

    func slowdown(contention: Double, remote: Bool) -> Double { remote ? remoteFactor : 1 }
}
