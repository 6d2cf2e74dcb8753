/// A migrated process's home is a residual dependency: its kernel keeps the process's location-dependent
/// state (its process id and family, signals, time of day), and it answers the calls forwarded to it. When
/// the home crashes that state is gone, so Sprite kills every process the node is home to that runs
/// elsewhere. Each is traced, kept for the run's report and counted.
extension Simulation {
    /// `node` crashed: the processes it is home to and that run on other nodes die there, in process order.
    func migrationHomeCrashed(_ node: Int) {
        let away = migration.homes.filter { $0.value == Int32(node) }.map(\.key).sorted()
        for process in away {
            let s = scheduler
            let on = Int(s.table[process].node)
            guard s.table[process].phase != .done, on != node else { continue }
            killAway(process)
            migration.homeCrashKills.append(HomeCrashKill(process: ProcessID(process), home: node, node: on,
                                                          time: now))
            migration.unreportedHomeCrashKills += 1
            record(.homeCrashKill(process: Int(process), home: node, on: on), at: on)
        }
    }

    /// Ends a live process on a node that stays up: off its CPU or run queue first.
    private func killAway(_ process: Int32) {
        let s = scheduler
        switch s.table[process].phase {
        case .running:
            let cpu = Int(s.table[process].cpu)
            settle(cpu)
            if s.table[process].inKernel { leaveKernel(process) }
            leaveCPU(cpu, .killed)
            chooseLater(cpu)
        case .ready:
            takeOffRunQueue(process)
        case .new, .blocked, .done:
            break
        }
        kill(process)
    }

    /// Processes killed because their home crashed, in the order they died.
    public var homeCrashKills: [HomeCrashKill] { migration.homeCrashKills }

    /// Those killed since the last call: each is reported once.
    public func takeHomeCrashKills() -> [HomeCrashKill] {
        let unreported = migration.unreportedHomeCrashKills
        migration.unreportedHomeCrashKills = 0
        return Array(migration.homeCrashKills.suffix(unreported))
    }
}

/// A migrated process killed because its home node crashed.
public struct HomeCrashKill: Sendable, Equatable {
    public var process: ProcessID
    public var home: Int
    /// Where it ran (and died).
    public var node: Int
    public var time: SimTime
}
