/// Processes of one node each waiting for a lock the next one holds, the
/// last for one the first holds: none can go on (Coffman's circular wait).
/// Found when the process that closes the cycle starts to wait.
public struct Deadlock: Sendable, Equatable {
    public var time: SimTime
    public var node: Int
    /// The cycle from the process that closed it: `processes[i]` waits for
    /// `locks[i]`, which `processes[i + 1]` holds (the last's, the first).
    public var processes: [ProcessID]
    public var locks: [String]
}

/// The wait-for graph over locks: an edge from a waiting process (blocked on
/// a lock, or spinning for one) to the lock's holder. Every process waits for
/// at most one lock, so the walk from a process is a single path: it closes a
/// cycle only if it comes back to that process.
extension Simulation {
    /// Deadlocks found so far, in the order they closed.
    public var deadlocks: [Deadlock] { scheduler.deadlocks }

    /// The lock `process` waits for (blocked or spinning), if any.
    func lockWaitedFor(by process: Int32) -> Int? {
        let s = scheduler
        if s.table[process].spinningOn >= 0 { return Int(s.table[process].spinningOn) }
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .lock else { return nil }
        return s.locks.existing(node: s.table[process].node, name: s.table[process].blockedOn)
    }

    /// `process` has just started to wait for lock `id`: if the holders'
    /// chain leads back to it, the cycle is recorded. The walk takes at most
    /// one step per lock, and allocates only when it finds a cycle.
    func checkForDeadlock(_ process: Int32, waitingFor id: Int) {
        let s = scheduler
        var lock = id
        var closed = false
        for _ in 0..<s.locks.locks.count {
            let holder = s.locks.locks[lock].holder
            if holder < 0 { return }
            if holder == process {
                closed = true
                break
            }
            guard let next = lockWaitedFor(by: holder) else { return }
            lock = next
        }
        guard closed else { return }
        var processes = [ProcessID(process)]
        var locks = [s.syncNames[Int(s.locks.locks[id].name)]]
        lock = id
        while s.locks.locks[lock].holder != process {
            let holder = s.locks.locks[lock].holder
            guard let next = lockWaitedFor(by: holder) else { return }
            processes.append(ProcessID(holder))
            locks.append(s.syncNames[Int(s.locks.locks[next].name)])
            lock = next
        }
        s.deadlocks.append(Deadlock(time: now, node: Int(s.table[process].node), processes: processes, locks: locks))
    }
}
