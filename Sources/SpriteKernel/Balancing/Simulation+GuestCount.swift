/// Guest counts after a crash. A guest is counted on its host when the balancer moves it there and
/// uncounted when it finishes on a CPU there; a process killed by a crash never finishes on a CPU, so
/// without this the crashed host would count its dead guests for ever (and Sprite's rule, which lends a
/// node to one foreign process at most, would never offer it again). A crash recounts every node from
/// what is true then.
extension Simulation {
    /// `node` crashed, its processes are dead: each node counts the live processes the balancer placed on
    /// it and that are still there, and those on their way to it unless it is down (that move will fail).
    func balancingCrash(_ node: Int) {
        let b = balancing
        guard !b.transfers.isEmpty else { return }
        for index in b.guests.indices { b.guests[index] = 0 }
        var counted = Set<Int32>()
        // The latest transfer of each process decides where it counts.
        for id in b.transfers.reversed() where migration.migrations.indices.contains(id) {
            let report = migration.migrations[id].report
            let process = report.process.index
            guard counted.insert(process).inserted, scheduler.table[process].phase != .done,
                  b.guests.indices.contains(report.to) else { continue }
            switch report.state {
            case .waiting, .moving:
                if nodes[report.to].isUp { b.guests[report.to] += 1 }
            case .done:
                let host = Int(scheduler.table[process].node)
                if host == report.to, host != home(of: report.process) { b.guests[host] += 1 }
            case .failed:
                break
            }
        }
    }
}
