/// A process's accounting, read-only. Times not yet reached are `nil`.
///
/// Every process is, at each instant, waiting (ready, or being switched to),
/// running (CPU time, cache reloads and spinning included) or blocked; so for
/// a finished process turnaround = wait + CPU + blocked.
public struct ProcessMetrics: Sendable, Equatable {
    public var id: ProcessID
    public var name: String
    public var node: Int
    /// The program it runs; empty for a declared process.
    public var program: String
    public var state: ProcessRunState
    public var arrival: SimTime
    public var firstRun: SimTime?
    /// When it finished; nil until then, and for a process killed by a crash (see `killedAt`).
    public var finish: SimTime?
    public var cpuTime: SimTime
    public var waitTime: SimTime
    public var blockedTime: SimTime
    /// Part of `cpuTime` spent spinning on locks.
    public var spinTime: SimTime
    /// Times a CPU switched to this process from another one.
    public var contextSwitches: Int
    /// Times it lost the CPU before its burst ended (quantum or a preempting arrival).
    public var preemptions: Int
    /// Times it was put on a CPU.
    public var dispatches: Int
    /// Times it ran on a different CPU than the last and paid the cache reload.
    public var cacheReloads: Int
    /// Migrations it completed (Migration/).
    public var migrations: Int
    public var priority: Int
    public var tickets: Int
    public var parent: ProcessID?
    /// Processes in one sharing group share an address space (shared fork).
    public var sharingGroup: Int
    /// It died in a crash of its node (its state is `.killed`, its finish nil).
    public var killed: Bool
    /// When its node's crash killed it.
    public var killedAt: SimTime?

    /// First run − arrival.
    public var responseTime: SimTime? { firstRun.map { $0 - arrival } }
    /// Finish − arrival.
    public var turnaround: SimTime? { finish.map { $0 - arrival } }
}

extension ProcessTable {
    /// `syncNames` names lock and barrier handles, for a process blocked on one.
    func metrics(of id: ProcessID, programName: String, cpuWithinNode: Int, syncNames: [String]) -> ProcessMetrics {
        let p = self[id]
        let state: ProcessRunState
        switch p.phase {
        case .new: state = .new
        case .ready: state = .ready
        case .running: state = .running(cpu: cpuWithinNode)
        case .done: state = p.killed ? .killed : .done
        case .blocked where p.kind == .declared && p.blockKind == .none: state = .blocked(.idle)
        case .blocked: state = .blocked(blockReason(p, syncNames))
        }
        return ProcessMetrics(
            id: id, name: names[Int(id.index)], node: Int(p.node), program: programName, state: state,
            arrival: p.arrival, firstRun: p.firstRun == .never ? nil : p.firstRun,
            finish: p.finish == .never || p.killed ? nil : p.finish, cpuTime: p.cpuTime, waitTime: p.waitTime,
            blockedTime: p.blockedTime, spinTime: p.spinTime, contextSwitches: Int(p.contextSwitches),
            preemptions: Int(p.preemptions), dispatches: Int(p.dispatches), cacheReloads: Int(p.cacheReloads),
            migrations: 0, priority: Int(p.priority), tickets: Int(p.tickets),
            parent: p.parent >= 0 ? ProcessID(p.parent) : nil, sharingGroup: Int(p.group), killed: p.killed,
            killedAt: p.killed ? p.finish : nil)
    }

    private func blockReason(_ p: SimProcess, _ syncNames: [String]) -> BlockReason {
        let name = syncNames.indices.contains(Int(p.blockedOn)) ? syncNames[Int(p.blockedOn)] : "?"
        return switch p.blockKind {
        case .none, .timer: .timer
        case .io: .io
        case .lock: .lock(name: name)
        case .barrier: .barrier(name: name)
        case .message: .message
        case .file: .file
        case .dsm: .dsm
        case .pageFault: .pageFault
        case .migrating: .migrating
        case .forwarded: .forwarded
        }
    }
}
