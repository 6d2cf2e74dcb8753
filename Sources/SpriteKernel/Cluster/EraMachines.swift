/// The machines of a network preset's era: what a node, and the client
/// caches' policy, get for whatever the script does not declare. A preset
/// of no particular era (`modern`, `zero-overhead`) has the generic values.
/// See docs/COST-MODEL.md, "An era's machines".
public struct EraMachines: Sendable, Equatable {
    /// Memory of a workstation (and of a node of both roles), and of a file server.
    public var workstationMemory: Int64
    public var serverMemory: Int64
    /// The drive of a node that has a disk but names none.
    public var drive: DiskDrive
    /// Cache block size, and the delayed-write daemon's period and age.
    public var blockSize: Int64
    public var flushInterval: SimTime
    public var flushAge: SimTime

    public init(workstationMemory: Int64 = 16 << 20, serverMemory: Int64 = 16 << 20, drive: DiskDrive = .standard,
                blockSize: Int64 = 4096, flushInterval: SimTime = .s(30), flushAge: SimTime = .s(30)) {
        self.workstationMemory = workstationMemory
        self.serverMemory = serverMemory
        self.drive = drive
        self.blockSize = blockSize
        self.flushInterval = flushInterval
        self.flushAge = flushAge
    }

    /// A node's memory by its role: a node of both roles is a workstation with a disk.
    public func memory(for role: NodeRole) -> Int64 { role == .server ? serverMemory : workstationMemory }

    /// The values of no particular era, which are also the engine's defaults.
    public static let generic = EraMachines()
}

extension CostPreset {
    /// The era's machines, or nil for a preset of no era.
    public var era: EraMachines? {
        switch self {
        case .modern, .zero: nil
        // Diskless SUN workstations of 2 MB; the file server's disk and memory are not
        // established, so they keep the generic drive (the notes' 20 ms access) and 16 MB.
        case .v1983, .v1983Fast: EraMachines(workstationMemory: 2 << 20)
        // Sun-3 clients of 8 MB, a Sun-3/180 server of 16 MB with a Fujitsu Eagle, 4 KB
        // blocks, a daemon every 5 s writing back blocks dirty for 30 s (Nelson et al. 1988).
        case .sprite1988:
            EraMachines(workstationMemory: 8 << 20, serverMemory: 16 << 20, drive: .fujitsuEagle,
                        blockSize: 4096, flushInterval: .s(5), flushAge: .s(30))
        }
    }

    /// The era's machines, or the generic ones.
    public var machines: EraMachines { era ?? .generic }
}
