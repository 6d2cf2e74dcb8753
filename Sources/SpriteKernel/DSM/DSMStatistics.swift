/// Counts over every segment, for `show stats` and `expect stats.dsm-…`.
public struct DSMStatistics: Sendable, Equatable {
    public var faults: Int64 = 0
    public var readFaults: Int64 = 0
    public var writeFaults: Int64 = 0
    public var transfers: Int64 = 0
    public var invalidations: Int64 = 0
    public var pingPongs: Int64 = 0
    public var twins: Int64 = 0
    public var diffs: Int64 = 0
    public var diffBytes: Int64 = 0
    public var messages: Int64 = 0
    public var bytes: Int64 = 0
    /// Time processes spent blocked on faults.
    public var faultWait: SimTime = .zero

    public init() {}
}
