/// The owner comes back: input on a node sends every foreign process on it home, each by a migration
/// (Sprite evicts within seconds so the owner gets the workstation back). The eviction's time is from
/// the input to the last of those migrations' end.
extension Simulation {
    /// Keyboard or mouse activity on `node` now: it stops being idle for the idle time, and its foreign
    /// processes are migrated to their homes. Returns the eviction's number, or nil if none was hosted.
    @discardableResult
    public func userInput(on node: Int) throws(KernelError) -> Int? {
        guard nodes.indices.contains(node) else { throw .unknownNode("#\(node)") }
        let b = balancing
        b.ensure(node)
        b.lastInput[node] = now
        b.listens = true
        let foreign = schedulerSlot(node).map { slot in
            scheduler.nodes[slot].processes.filter { p in
                scheduler.table[p].phase != .done && scheduler.table[p].kind == .program
                    && home(of: ProcessID(p)) != node
            }
        } ?? []
        // Foreign processes still on their way here are sent home once they land.
        let arriving = migration.active.presentValues.filter { id in
            let report = migration.migrations[id].report
            return report.to == node && report.home != node
        }.sorted()
        guard !foreign.isEmpty || !arriving.isEmpty else { return nil }
        var migrations: [Int] = []
        var stayed: [ProcessID] = []
        for p in foreign {
            let id = ProcessID(p)
            if let moving = migration.active[p] {
                // Already moving away: the host is free when that move ends (one landing here is in `arriving`).
                if migration.migrations[moving].report.to != node { migrations.append(moving) }
            } else if let started = try? migrate(id, to: home(of: id)) {
                migrations.append(started)
            } else {
                stayed.append(id)
            }
        }
        for id in arriving { b.evictOnArrival[migration.migrations[id].report.process.index] = b.evictions.count }
        for id in migrations { uncountGuest(migration.migrations[id].report.process.index, leaving: node) }
        b.evictions.append(EvictionRecord(node: node, at: now, migrations: migrations, stayed: stayed))
        record(.evicting(node: node, processes: migrations.count, stayed: stayed.count), at: node)
        return b.evictions.count - 1
    }

    /// A migration ended: a process that landed on a host whose owner came back while it travelled goes
    /// home at once, as part of that eviction.
    func evictIfOwnerReturned(_ process: Int32) {
        let b = balancing
        guard let eviction = b.evictOnArrival.removeValue(forKey: process) else { return }
        let id = ProcessID(process)
        if let started = try? migrate(id, to: home(of: id)) {
            b.evictions[eviction].migrations.append(started)
            uncountGuest(process, leaving: b.evictions[eviction].node)
        } else {
            b.evictions[eviction].stayed.append(id)
        }
    }

    /// Every eviction, with its time once each of its migrations ended.
    public var evictionReports: [EvictionReport] {
        let reports = migrationReports
        return balancing.evictions.enumerated().map { index, e in
            let moves = e.migrations.compactMap { reports.indices.contains($0) ? reports[$0] : nil }
            let ended = moves.allSatisfy { $0.state == .done || $0.state == .failed }
                && !balancing.evictOnArrival.values.contains(where: { $0 == index })
            let last = moves.compactMap(\.finished).max()
            return EvictionReport(node: e.node, at: e.at, processes: moves.map(\.process),
                                  migrations: moves.map(\.id), stayed: e.stayed,
                                  failed: moves.filter { $0.state == .failed }.count,
                                  moved: moves.filter { $0.state == .done }.count,
                                  time: ended ? last.map { $0 - e.at } ?? .zero : nil)
        }
    }
}

/// One eviction as reported: the processes sent home and how long until the last was there.
public struct EvictionReport: Sendable, Equatable {
    public var node: Int
    public var at: SimTime
    public var processes: [ProcessID]
    /// Their migrations, by number, in the same order (see `migrationReports`): where each went.
    public var migrations: [Int]
    /// Processes that could not move (an address space, a lock held, already moving).
    public var stayed: [ProcessID]
    /// Migrations home that failed, and those that ended with the process gone from the host.
    public var failed: Int
    public var moved: Int
    /// Input to the last migration's end; nil while one is under way.
    public var time: SimTime?
}
