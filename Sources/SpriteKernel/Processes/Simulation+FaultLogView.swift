/// The fault log as the language reads it (`show faults`): Memory/ keeps it by process index.
extension Simulation {
    /// The faults kept, by the time each began (then node, then the order they were served).
    public var faultLog: [FaultLogEntry] {
        virtualMemory.faultLog.entries.enumerated().sorted {
            ($0.element.time, $0.element.node, $0.offset) < ($1.element.time, $1.element.node, $1.offset)
        }.map { FaultLogEntry($0.element) }
    }
}

/// One fault, VM or DSM, as `show faults` lists it.
public struct FaultLogEntry: Sendable, Equatable {
    /// When the process faulted (its wait began).
    public var time: SimTime
    public var node: Int
    public var process: ProcessID
    /// code, data or stack; or the shared segment's name.
    public var segment: String
    public var page: Int64
    public var write: Bool
    public var kind: FaultKind
    /// The node that sent the page (a backing file's server, a DSM owner), or -1 (none: zero-fill, swap).
    public var from: Int
    /// The backing file a page-in read, or nil.
    public var path: String?
    public var wait: SimTime
    /// Messages until the fault was served (a remote page-in: request and reply; a DSM fault's requests,
    /// forwards, page or grant, invalidations and acknowledgements).
    public var messages: Int

    init(_ record: FaultRecord) {
        time = record.time
        node = record.node
        process = ProcessID(record.process)
        segment = record.segment
        page = record.page
        write = record.write
        kind = record.kind
        from = record.from
        path = record.path
        wait = record.wait
        messages = record.messages
    }
}
