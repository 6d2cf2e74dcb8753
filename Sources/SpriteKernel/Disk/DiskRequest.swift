/// What a disk request was for: the trace says it, so a picture can tell a client's read from the pager.
public enum DiskPurpose: String, Sendable, Equatable, CaseIterable {
    /// A file server reads blocks of a file for a client's open, read or block read.
    case fileRead = "file-read"
    /// A file server reads past a sequential read (`cache SERVER on read-ahead N`); nobody waits.
    case readAhead = "read-ahead"
    /// A page-in: blocks of a backing file or program read by its server, or a page from the node's swap area.
    case pageIn = "page-in"
    /// A dirty page written to the node's own swap area.
    case pageOut = "page-out"
    /// A client's disk cache serves a read.
    case cacheRead = "disk-cache-read"
    /// Data from the server written to a client's disk cache behind the read.
    case cacheFill = "disk-cache-fill"

    /// Whether the request writes the disk. (A server's own writes are not placed in time: docs/COST-MODEL.md,
    /// "Disks", Writes. So every write that occupies an arm is a page-out or a disk-cache fill.)
    public var writes: Bool { self == .pageOut || self == .cacheFill }
}

/// One request as the node's one arm served it (`TraceEvent.diskRequest`, message level). The arm serves
/// first come first served: a request asked for at `requested` starts when the arm is free, at `start`
/// (later than `requested` while earlier requests hold it), and ends at `end`, its positioning and transfers
/// done. A sequential request has no positioning.
public struct DiskRequestSummary: Sendable, Equatable {
    public var purpose: DiskPurpose
    /// The file read or written; nil for the node's swap area.
    public var path: String?
    /// The blocks firstBlock...lastBlock, `blocks` of them moved: cached blocks in a gap are passed over.
    public var firstBlock: Int64
    public var lastBlock: Int64
    public var blocks: Int64
    /// Bytes of the blocks moved.
    public var bytes: Int64
    public var requested: SimTime
    public var start: SimTime
    public var end: SimTime
    public var sequential: Bool

    public var writes: Bool { purpose.writes }
}
