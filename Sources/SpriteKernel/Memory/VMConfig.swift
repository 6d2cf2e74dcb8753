/// How a node's virtual memory is set up (`vm NODES …`). Defaults are Sprite's:
/// 4 KB pages, the clock, backing files in /swap that skip the client cache,
/// sticky code segments.
public struct VMConfig: Sendable, Equatable {
    public var pageSize: Int64 = 4096
    public var replacement: ReplacementKind = .clock
    public var backing: BackingKind = .files(directory: "/swap")
    /// Sprite's choice: backing-file pages skip the client's file cache (the server still caches them).
    public var bypass = true
    /// Code pages stay after the last process of their program exits.
    public var sticky = true
    /// CPU of a fault's trap; nil: the preset's local-cost (a trap costs a kernel message).
    public var faultCPU: SimTime?

    public init() {}
}

/// Where a node's data and stack pages go when they leave memory.
public enum BackingKind: Sendable, Equatable {
    /// Per-process files `DIRECTORY/NODE.PROCESS.data` and `.stack` on the file server of the directory (Sprite).
    case files(directory: String)
    /// A dedicated swap area on the node's own disk.
    case swap
}
