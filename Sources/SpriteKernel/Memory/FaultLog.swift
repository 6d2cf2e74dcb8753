/// How a fault was served, as the fault log names it.
public enum FaultKind: String, Sendable, Equatable, CaseIterable {
    /// A first touch of a data or stack page: a page of zeros.
    case zeroFill = "zero-fill"
    /// Read from a backing file (or the program's file for code), through the file system.
    case pageIn = "page-in"
    /// Read from the node's swap area.
    case swapIn = "swap-in"
    /// Another process's transfer of the same page, waited for.
    case shared
    /// A DSM read fault: a copy of the page fetched.
    case dsmRead = "dsm-read"
    /// A DSM write fault: the page (or a grant) fetched, the other copies invalidated.
    case dsmWrite = "dsm-write"
}

/// One fault, VM or DSM, as the log keeps it (Processes/Simulation+FaultLogView.swift shows it).
struct FaultRecord {
    /// When the process faulted (its wait began).
    var time: SimTime
    var node: Int
    var process: Int32
    /// code, data or stack; or the shared segment's name.
    var segment: String
    var page: Int64
    var write: Bool
    var kind: FaultKind
    /// The node that sent the page (a backing file's server, a DSM owner), or -1 (none: zero-fill, swap).
    var from: Int
    /// The backing file a page-in read, or nil.
    var path: String?
    var wait: SimTime
    /// Messages until the fault was served (a remote page-in: request and reply).
    var messages: Int
}

/// The faults of the run, in the order they were served; past `limit` only counted (as the timeline).
final class FaultLog {
    // Asked on every fault served: no run-time exclusivity checks (the engine is single-threaded and never
    // holds an access to the log across a call).
    @exclusivity(unchecked) var entries: [FaultRecord] = []
    @exclusivity(unchecked) var limit = 100_000
    @exclusivity(unchecked) var dropped = 0
    /// The earliest fault not kept: the log is complete before it.
    @exclusivity(unchecked) var droppedFrom = SimTime.never

    @inline(__always) var isFull: Bool { entries.count >= limit }

    func append(_ entry: FaultRecord) {
        guard !isFull else {
            dropped += 1
            droppedFrom = min(droppedFrom, entry.time)
            return
        }
        entries.append(entry)
    }
}
