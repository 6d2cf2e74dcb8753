/// The forwarded-call log (`show timeline` marks each call on the row where its process ran): every
/// location-dependent call answered by a home node other than the caller's, kept up to
/// `forwardedCallLogLimit`, later ones counted.
extension Simulation {
    /// How many calls the log keeps; later ones are counted in `forwardedCallsDropped`. Zero keeps none.
    public var forwardedCallLogLimit: Int {
        get { migration.callLog.limit }
        set { migration.callLog.limit = max(0, newValue) }
    }

    /// Calls not kept past the limit, and the time the log is complete until (`.never` if none was dropped).
    public var forwardedCallsDropped: Int { migration.callLog.dropped }
    public var forwardedCallLogCompleteUntil: SimTime { migration.callLog.droppedFrom }

    /// Every forwarded call kept, in the order the calls ended.
    public var forwardedCallLog: [ForwardedCall] {
        migration.callLog.entries.map { entry in
            ForwardedCall(time: entry.time, node: Int(entry.node), cpu: Int(entry.cpu),
                          process: ProcessID(entry.process), home: Int(entry.home), wait: entry.wait)
        }
    }

    /// `process`'s call, asked at `since` and answered now, joins the log (Simulation+HomeForwarding.swift).
    func logForwardedCall(_ process: Int32, since: SimTime) {
        let s = scheduler
        let node = s.table[process].node
        let last = s.table[process].lastCPU
        let known = last >= 0 && Int(last) < s.cpus.count && s.cpus[Int(last)].node == node
        let cpu = known ? s.cpus[Int(last)].local : -1
        let home = migration.homes[process] ?? node
        migration.callLog.append(ForwardedCallRecord(time: since, node: node, cpu: Int32(cpu), process: process,
                                                     home: home, wait: now - since))
    }
}

/// One call forwarded to a process's home node: when it was asked, where the process ran, how long it waited.
public struct ForwardedCall: Sendable, Equatable {
    public var time: SimTime
    public var node: Int
    /// The CPU of `node` the process last ran on, or -1.
    public var cpu: Int
    public var process: ProcessID
    public var home: Int
    public var wait: SimTime
}
