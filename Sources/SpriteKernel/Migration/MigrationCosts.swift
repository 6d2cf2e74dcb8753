/// The kernel work each migration phase costs, and the sizes of its RPCs.
/// A phase's time is what the mechanism really spends: its RPCs through the
/// network and the served CPU (scaled by the serving node's speed). The era
/// presets' CPU figures are chosen so those sums land on the published
/// measurements (docs/COST-MODEL.md, Process migration; seeds/migration-calibration).
public struct MigrationCosts: Sendable, Equatable {
    /// Asking the chosen host to accept a foreign process, and releasing it afterwards: one RPC each.
    public var selectCPU: SimTime
    /// Freezing the process and packing its state (registers, signals, process-table entry).
    public var stateCPU: SimTime
    public var stateBytes: Int64
    /// An exec-time migration's state (a remote exec): no address space, a fresh process-table entry, and
    /// its own CPU, less than a running process's (Douglis and Ousterhout 1991, Table 1: 81 − 46 ms).
    public var execStateCPU: SimTime
    public var execStateBytes: Int64
    /// One open file's stream, offset and consistency state moved: `fileRPCs` calls to its server.
    public var perFileCPU: SimTime
    public var fileRPCs: Int
    public var fileRPCBytes: Int64
    /// Kernel CPU per kilobyte written back: dirty file blocks, dirty (or copied) VM pages, exec arguments.
    public var fileFlushCPU: SimTime
    public var pageFlushCPU: SimTime
    public var execArgumentCPU: SimTime
    /// Pre-copy: at most this many rounds while the process runs, and none once this many pages or fewer
    /// are dirty; the freeze copies what is left.
    public var precopyRounds: Int
    public var precopyStopPages: Int64

    /// `execStateCPU` nil: a remote exec's state costs what a running process's does.
    public init(selectCPU: SimTime, stateCPU: SimTime, stateBytes: Int64, execStateCPU: SimTime? = nil,
                execStateBytes: Int64, perFileCPU: SimTime, fileRPCs: Int, fileRPCBytes: Int64,
                fileFlushCPU: SimTime, pageFlushCPU: SimTime, execArgumentCPU: SimTime, precopyRounds: Int = 4,
                precopyStopPages: Int64 = 4) {
        self.selectCPU = selectCPU
        self.stateCPU = stateCPU
        self.stateBytes = stateBytes
        self.execStateCPU = execStateCPU ?? stateCPU
        self.execStateBytes = execStateBytes
        self.perFileCPU = perFileCPU
        self.fileRPCs = fileRPCs
        self.fileRPCBytes = fileRPCBytes
        self.fileFlushCPU = fileFlushCPU
        self.pageFlushCPU = pageFlushCPU
        self.execArgumentCPU = execArgumentCPU
        self.precopyRounds = precopyRounds
        self.precopyStopPages = precopyStopPages
    }
}

/// Named migration cost sets.
public enum MigrationPreset: String, Sendable, Equatable, CaseIterable {
    /// A machine of today: kernel work of tens of microseconds.
    case modern
    /// Douglis and Ousterhout 1991, Table 1: Sprite on SPARCstation 1s, 10 Mbit/s Ethernet.
    case sparcstation1991 = "sparcstation-1991"
    /// Ousterhout et al. 1988: Sprite on Sun-3/75s (smallest migration 190 ms, 14 ms a file).
    case sprite1988 = "sprite-1988"

    public var costs: MigrationCosts {
        switch self {
        case .modern:
            // No published remote exec: its state CPU keeps the SPARCstation's share, 29.830 / 68.381 of 200 us.
            MigrationCosts(selectCPU: .us(50), stateCPU: .us(200), stateBytes: 4096, execStateCPU: .us(87),
                           execStateBytes: 2048, perFileCPU: .us(20), fileRPCs: 3, fileRPCBytes: 128,
                           fileFlushCPU: .us(1), pageFlushCPU: .us(1), execArgumentCPU: .us(1))
        case .sparcstation1991:
            // On the sprite-1988 wire a 64 B RPC is 2.872 ms, a 2 KB one 5.1705 ms, a 4 KB one 7.619 ms, three
            // 128 B ones 9.066 ms, and writing back or sending a KB 1.416 ms; a KB of dirty VM pages through the
            // pager's page-outs 0.897 ms: the CPU below tops each up to Table 1. A remote exec's state: 81 − 46 =
            // 35 ms (fork, exec and wait, with migration and without; host selection is its own row).
            MigrationCosts(selectCPU: .us(15_128), stateCPU: .us(68_381), stateBytes: 4096,
                           execStateCPU: .us(29_830), execStateBytes: 2048, perFileCPU: .us(111), fileRPCs: 3,
                           fileRPCBytes: 128, fileFlushCPU: .us(667), pageFlushCPU: .us(618),
                           execArgumentCPU: .us(683))
        case .sprite1988:
            // The same wire: 190 ms for the smallest migration (select, state, release), 14 ms a file, 585 KB/s.
            // A remote exec on Sun-3/75s (Douglis 1989): 188 − 86 = 102 ms with its 3 standard files at 14 ms
            // each, so 60 ms of state.
            MigrationCosts(selectCPU: .us(15_128), stateCPU: .us(146_381), stateBytes: 4096,
                           execStateCPU: .us(54_830), execStateBytes: 2048, perFileCPU: .us(1_645), fileRPCs: 3,
                           fileRPCBytes: 128, fileFlushCPU: .us(293), pageFlushCPU: .us(293),
                           execArgumentCPU: .us(683))
        }
    }
}

extension SimTime {
    /// This time per kilobyte, for `bytes` (rounded to the nanosecond).
    func perKilobyte(_ bytes: Int64) -> SimTime {
        let (product, overflow) = nanoseconds.multipliedReportingOverflow(by: max(0, bytes))
        return overflow ? .never : .ns(product / 1024)
    }
}
