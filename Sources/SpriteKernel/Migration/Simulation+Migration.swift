/// Why a process cannot be migrated now; the language words each one.
public enum MigrationRefusal: Sendable, Equatable {
    /// It finished or was killed.
    case ended
    /// A declared process or a node's shell: only processes running programs migrate.
    case notAProgram
    /// It is already on the target.
    case alreadyThere
    /// A migration of it has not finished.
    case alreadyMigrating
    case targetDown
    /// Its node is down.
    case sourceDown
    /// It holds node-local locks, is a thread of a parallel job, or shares an address space or open
    /// files with another process: those stay on its node.
    case tiedToNode(String)
}

/// Process migration's public face: ask for one, read them back.
extension Simulation {
    /// The costs each phase charges; a preset sets them all.
    public var migrationCosts: MigrationCosts {
        get { migration.costs }
        set {
            migration.costs = newValue
            migration.preset = MigrationPreset.allCases.first { $0.costs == newValue }
        }
    }

    public var migrationPreset: MigrationPreset? { migration.preset }

    public func setMigrationPreset(_ preset: MigrationPreset) { migrationCosts = preset.costs }

    /// The strategy a migration uses when it names none.
    public var migrationStrategy: MigrationStrategyKind {
        get { migration.strategy }
        set { migration.strategy = newValue }
    }

    /// Why `process` could not move to `target` now, or nil if it can.
    public func migrationRefusal(_ process: ProcessID, to target: Int) -> MigrationRefusal? {
        let s = scheduler
        let p = process.index
        guard p >= 0, Int(p) < s.table.count, s.table[p].kind == .program else { return .notAProgram }
        guard s.table[p].phase != .done else { return .ended }
        guard migration.active[p] == nil else { return .alreadyMigrating }
        guard s.table[p].node != Int32(target) else { return .alreadyThere }
        guard nodes[Int(s.table[p].node)].isUp else { return .sourceDown }
        guard nodes[target].isUp else { return .targetDown }
        if s.table[p].locksHeld > 0 { return .tiedToNode("holds a lock") }
        if s.table[p].gang >= 0 { return .tiedToNode("is a thread of a parallel job") }
        if s.table[p].space >= 0, let why = spaceRelocationRefusal(space: s.table[p].space, to: target) {
            return .tiedToNode("has \(why)")
        }
        let leadsLiveThreads = s.threadedGroups.contains(p) && (0..<Int32(s.table.count)).contains { other in
            other != p && s.table[other].group == p && s.table[other].phase != .done
        }
        if s.table[p].group != p || leadsLiveThreads { return .tiedToNode("shares its memory with a thread") }
        let node = Int(s.table[p].node)
        if openSessions(of: Int(p), on: node).contains(where: \.shared) {
            return .tiedToNode("shares open files with a forked process")
        }
        return nil
    }

    /// Moves `process` to `target`: host reserved, process frozen at its next safe point, state, open files
    /// and dirty data moved as `strategy` plans (each a series of real RPCs), unfrozen on `target`, host
    /// released. `execArgumentBytes`: an exec-time migration of a process that has not arrived yet.
    /// Returns the migration's number.
    @discardableResult
    public func migrate(_ process: ProcessID, to target: Int, strategy: MigrationStrategyKind? = nil,
                        execArgumentBytes: Int64? = nil) throws(KernelError) -> Int {
        guard nodes.indices.contains(target) else { throw .unknownNode("#\(target)") }
        if let refusal = migrationRefusal(process, to: target) { throw .invalidValue("migrate: \(refusal)") }
        let p = process.index
        let source = Int(scheduler.table[p].node)
        let home = Int(migration.homes[p] ?? Int32(source))
        migration.homes[p] = Int32(home)
        // A summarised migration's slot first (EndedProcessRecords.summary), else a new one.
        let id = migration.free.popLast() ?? migration.migrations.count
        // Room for select, state, the strategy's phases and release: one allocation, not one per doubling.
        var phases: [MigrationPhaseRecord] = []
        phases.reserveCapacity(6)
        let report = MigrationReport(id: id, process: process, from: source, to: target, home: home,
                                     strategy: strategy ?? migration.strategy, execTime: execArgumentBytes != nil,
                                     state: .waiting, requested: now, phases: phases, openFiles: 0)
        let started = MigrationRecord(report: report, execArgumentBytes: execArgumentBytes ?? 0)
        if id < migration.migrations.count {
            migration.migrations[id] = started
        } else {
            migration.migrations.append(started)
        }
        migration.active[p] = id
        if target >= migration.incoming.count {
            migration.incoming.append(contentsOf: repeatElement(0, count: target + 1 - migration.incoming.count))
        }
        migration.incoming[target] += 1
        // One that has not arrived yet must not start here: it is held from its arrival.
        if scheduler.table[p].phase == .new { scheduler.table[p].migrationPending = true }
        record(.migrationStarted(process: Int(p), from: source, to: target,
                                 strategy: report.strategy.rawValue, execTime: report.execTime), at: source)
        let costs = migration.costs
        runPhase(id, PlannedPhase(phase: .select, client: source, peer: target, requestBytes: 64, replyBytes: 64,
                                  service: costs.selectCPU, calls: 1))
        return id
    }

    /// Every migration asked for, in order (less those summarised with their ended process).
    public var migrationReports: [MigrationReport] { migration.migrations.filter { !$0.retired }.map(\.report) }

    /// The node whose kernel answers the process's location-dependent calls: where it was created.
    public func home(of process: ProcessID) -> Int {
        Int(migration.homes[process.index] ?? scheduler.table[process.index].node)
    }

    /// Processes the node has accepted and not yet taken in: they count toward its load from the moment
    /// it is selected and reserved, so a second probe does not find it free (the herd effect).
    public func incomingMigrations(to node: Int) -> Int {
        node >= 0 && node < migration.incoming.count ? Int(migration.incoming[node]) : 0
    }

    /// The reservation ends: the process is on the target's scheduler, or the migration gave up.
    func migrationArrivedOrGaveUp(_ id: Int) {
        let target = migration.migrations[id].report.to
        guard target >= 0, target < migration.incoming.count, migration.incoming[target] > 0 else { return }
        migration.incoming[target] -= 1
    }

    /// Migrations the process completed.
    public func migrationCount(of process: ProcessID) -> Int { migration.counts[process.index] ?? 0 }
}
