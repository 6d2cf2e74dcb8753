/// Guest counts. A guest is a process the balancer moved onto a node: it counts there from the moment the
/// balancer starts the move until it leaves that node, whoever moves it (the balancer again, an eviction,
/// the script's `migrate`), or finishes, or dies. Each guest remembers the one node it counts on, so every
/// way out takes it off that node's count, and only that node's (Sprite's rule lends a node to one foreign
/// process at most: a stale count would never offer the node again, a lost one would offer it twice).
extension Simulation {
    /// The balancer starts moving `process` to `node`: it counts there now, and nowhere else.
    func countGuest(_ process: Int32, on node: Int) {
        let b = balancing
        uncountGuest(process)
        b.guests[node] += 1
        b.guestHost[process] = Int32(node)
    }

    /// `process` is no longer a guest where it counted (if it counted anywhere).
    func uncountGuest(_ process: Int32) {
        let b = balancing
        guard !b.guestHost.isEmpty, let node = b.guestHost.removeValue(forKey: process) else { return }
        b.guests[Int(node)] = max(0, b.guests[Int(node)] - 1)
    }

    /// `process` leaves `node` (an eviction sends it home): it stops counting there.
    func uncountGuest(_ process: Int32, leaving node: Int) {
        if balancing.guestHost[process] == Int32(node) { uncountGuest(process) }
    }

    /// A migration ended. Done: the process left the node it came from, so it no longer counts there (a
    /// balancer's move counts on its target from the start, and stays). Failed: the process never got to the
    /// target, so it does not count there. An eviction waiting for it to land there has nothing left to wait for.
    func balancingMigrationEnded(_ id: Int) {
        let report = migration.migrations[id].report
        let process = report.process.index
        switch report.state {
        case .done:
            uncountGuest(process, leaving: report.from)
            evictIfOwnerReturned(process)
        case .failed:
            uncountGuest(process, leaving: report.to)
            balancing.evictOnArrival[process] = nil
        case .waiting, .moving:
            break
        }
    }

    /// `node` crashed: its processes are dead, and those on their way to it will stay where they are. A
    /// process killed by a crash never finishes on a CPU, so without this the crashed host would count its
    /// dead guests for ever; other nodes' guests that the crash killed elsewhere (none yet) go too.
    func balancingCrash(_ node: Int) {
        let b = balancing
        guard !b.guestHost.isEmpty else { return }
        let gone = b.guestHost.filter { process, host in
            Int(host) == node || scheduler.table[process].phase == .done
        }
        for process in gone.keys { uncountGuest(process) }
    }
}
