/// What a node is for. A `both` node is a workstation that also serves files.
public enum NodeRole: String, Sendable, CaseIterable {
    case workstation
    case server
    case both
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
    public var disk: DiskDrive?

    public init(name: String, role: NodeRole, cpus: Int = 1, speed: Double = 1,
                memoryBytes: Int64 = 16 << 20, disk: DiskDrive? = nil) {
        self.name = name
        self.role = role
        self.cpus = cpus
        self.speed = speed
        self.memoryBytes = memoryBytes
        self.disk = disk
    }

    public var isDiskless: Bool { disk == nil }
}
