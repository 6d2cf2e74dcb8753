/// How files are cached and kept consistent, as the script declared it.
public struct FileSystemConfig: Sendable {
    /// Files move and are cached in blocks of this size.
    public var blockSize: Int64 = 4096
    public var consistency: ConsistencyKind = .sprite
    /// Write policy of client caches (`cache client policy …`).
    public var writePolicy: WritePolicyKind = .delayedWrite
    /// The delayed-write daemon wakes this often…
    public var flushInterval: SimTime = .s(30)
    /// …and writes back blocks dirty for at least this long.
    public var flushAge: SimTime = .s(30)
    /// NFS attribute-cache timeouts: files, then directories (min and max;
    /// the timeout grows with the time since the file last changed).
    public var fileTimeoutMin: SimTime = .s(3)
    public var fileTimeoutMax: SimTime = .s(30)
    public var directoryTimeoutMin: SimTime = .s(30)
    public var directoryTimeoutMax: SimTime = .s(60)
    /// Client read-ahead: a block range read starts calls for the next N blocks at once (V prefetches).
    public var readAhead: Int64 = 0
    /// Blocks a block range write sends in one call (V batches writes).
    public var batch: Int64 = 1

    public init() {}

    /// NFS-style adaptive timeout: a tenth of the file's age, kept within
    /// [min, max] (like acregmin/acregmax).
    public func attributeTimeout(now: SimTime, modified: SimTime, directory: Bool) -> SimTime {
        let low = directory ? directoryTimeoutMin : fileTimeoutMin
        let high = directory ? directoryTimeoutMax : fileTimeoutMax
        let tenth = SimTime(nanoseconds: max(0, (now - modified).nanoseconds / 10))
        return min(max(tenth, low), high)
    }

    public func blocks(_ bytes: Int64) -> Int64 { bytes <= 0 ? 0 : (bytes + blockSize - 1) / blockSize }
}
