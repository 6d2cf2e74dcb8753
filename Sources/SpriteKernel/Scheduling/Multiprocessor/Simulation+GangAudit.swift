/// What must hold of gang placement between instants, whatever scheduler changes came before: a ready
/// thread on a gang node sits in a cell of its node's matrix (under space sharing it may instead wait for
/// CPUs), and no CPU idles while the thread of its column in the current row is ready. A thread outside
/// every matrix, or in a column whose CPU is never told, would wait for ever.
extension Simulation {
    /// Each broken rule, as a line naming the thread or CPU (empty when placement is sound). For tests:
    /// checked between instants, when every CPU that had to choose has chosen.
    func gangPlacementFaults() -> [String] {
        let s = scheduler
        var faults: [String] = []
        for process in 0..<Int32(s.table.count) where s.table[process].phase == .ready {
            let slot = Int(s.nodeSlot[Int(s.table[process].node)])
            guard s.nodes[slot].gangNode, let matrix = s.gangMatrices[slot] else { continue }
            let cell = Int(s.table[process].gangCell)
            let holding = Int(s.nodes[slot].firstQueue) + Int(s.nodes[slot].cpuCount)
            if cell >= 0 && matrix.occupant(cell: cell) == process { continue }
            if !matrix.rotates && Int(s.table[process].queue) == holding { continue }
            faults.append("process \(process) is ready with no cell (cell \(cell))")
        }
        for slot in 0..<s.nodes.count where s.nodes[slot].gangNode {
            guard let matrix = s.gangMatrices[slot] else { continue }
            let first = matrix.columns(of: slot).lowerBound
            for cpu in s.nodes[slot].cpus where s.cpus[cpu].current < 0 && !s.cpus[cpu].dispatchPending {
                let occupant = matrix.occupant(column: first + Int(s.cpus[cpu].local))
                if occupant >= 0 && s.table[occupant].phase == .ready {
                    faults.append("cpu \(cpu) is idle while its row's process \(occupant) is ready")
                }
            }
        }
        return faults
    }
}
