/// One location-dependent call a process made away from home, as the log keeps it.
struct ForwardedCallRecord {
    /// When the process asked (its wait began).
    var time: SimTime
    /// The node it ran on when it asked, and that node's CPU it last ran on (-1: not known).
    var node: Int32
    var cpu: Int32
    var process: Int32
    var home: Int32
    /// Until the home kernel's answer (or the call's failure) let it go on.
    var wait: SimTime
}

/// The forwarded calls of the run, in the order they ended; past `limit` only counted (as the fault log),
/// so a process that asks the time a million times costs the log nothing after its first entries.
final class ForwardedCallLog {
    // Written once per forwarded call: no run-time exclusivity checks (single-threaded engine, no access
    // held across a call).
    @exclusivity(unchecked) var entries: [ForwardedCallRecord] = []
    @exclusivity(unchecked) var limit = 100_000
    @exclusivity(unchecked) var dropped = 0
    /// The earliest call not kept: the log is complete before it.
    @exclusivity(unchecked) var droppedFrom = SimTime.never

    func append(_ entry: ForwardedCallRecord) {
        guard entries.count < limit else {
            dropped += 1
            droppedFrom = min(droppedFrom, entry.time)
            return
        }
        entries.append(entry)
    }
}
