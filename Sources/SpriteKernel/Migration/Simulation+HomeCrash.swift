/// A migrated process's home is a residual dependency: its kernel keeps the process's location-dependent
/// state (its process id and family, signals, time of day), and it answers the calls forwarded to it. When
/// the home crashes that state is gone, and Sprite kills the processes it was home to: here each dies when
/// its next call home finds no answer (the RPC gives up), so a crash of the node a process merely left
/// (lazy copy's source) is judged by the pages it loses. Each kill is traced, reported and counted.
extension Simulation {
    /// A call `process` forwarded home failed: its home is gone (crashed, or cut off), and with it the
    /// process's location-dependent state, so the process dies where it runs.
    func homeCallFailed(_ process: Int32) {
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .forwarded else { return }
        let on = Int(s.table[process].node)
        let home = Int(migration.homes[process] ?? Int32(on))
        kill(process)
        migration.homeCrashKills.append(HomeCrashKill(process: ProcessID(process), home: home, node: on, time: now))
        migration.unreportedHomeCrashKills += 1
        record(.homeCrashKill(process: Int(process), home: home, on: on), at: on)
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
