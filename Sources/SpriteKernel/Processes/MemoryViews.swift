/// What `show memory NODE` prints: the node's memory and each process's resident set.
public struct NodeMemoryView: Sendable, Equatable {
    public var node: Int
    public var config: VMConfig
    public var memoryBytes: Int64
    public var frames: Int
    public var codePages: Int
    public var dataPages: Int
    public var stackPages: Int
    /// Code pages of programs with no process on the node now.
    public var stickyPages: Int
    public var cacheBytes: Int64
    /// Resident backing pages also held in the node's client cache (bypass off): memory used twice.
    public var doubleCachedPages: Int
    public var freePages: Int
    public var processes: [ProcessMemoryView]
    public var statistics: MemoryStatistics
}

/// One process's memory.
public struct ProcessMemoryView: Sendable, Equatable {
    public var process: ProcessID
    public var space: String
    public var residentCode: Int
    public var residentData: Int
    public var residentStack: Int
    public var faults: Int
    public var zeroFills: Int
    public var pageIns: Int
    public var pageOuts: Int
    public var faultWait: SimTime

    public var resident: Int { residentCode + residentData + residentStack }
}
