/// What a node is for. A `both` node is a workstation that also serves files.
public enum NodeRole: String, Sendable, CaseIterable {
    case workstation
    case server
    case both
}

/// A node's disk: time to reach a block and the rate at which it streams.
public struct DiskSpec: Sendable, Equatable {
    public var accessLatency: SimTime
    public var bytesPerSecond: Int64

    public init(accessLatency: SimTime, bytesPerSecond: Int64) {
        self.accessLatency = accessLatency
        self.bytesPerSecond = bytesPerSecond
    }

    /// Time to read or write `bytes` in one access.
    public func accessTime(bytes: Int64) -> SimTime {
        accessLatency + Transmission.time(bytes: bytes, bytesPerSecond: bytesPerSecond)
    }
}

/// A node as declared: everything `show nodes` prints and `restart` restores.
public struct NodeSpec: Sendable, Equatable {
    public var name: String
    public var role: NodeRole
    public var cpus: Int
    /// Relative CPU speed: work of duration d takes d / speed.
    public var speed: Double
    public var memoryBytes: Int64
    /// `nil` for a diskless node.
    public var disk: DiskSpec?

    public init(name: String, role: NodeRole, cpus: Int = 1, speed: Double = 1,
                memoryBytes: Int64 = 16 << 20, disk: DiskSpec? = nil) {
        self.name = name
        self.role = role
        self.cpus = cpus
        self.speed = speed
        self.memoryBytes = memoryBytes
        self.disk = disk
    }

    public var isDiskless: Bool { disk == nil }
}
