/// The deterministic multi-node kernel engine: nodes, network, V processes
/// and Sprite RPC over one event queue. It performs no I/O; results come
/// back as operation records, statistics and a trace of typed events.
///
/// This is the composition root: it declares the event core's state (the
/// clock, the queue, the generator, operation records and the trace) and
/// holds each subsystem's state. The run loop lives in Core/, each
/// subsystem's behaviour in its own folder.
///
/// The engine is single-threaded and never holds an access to one of its
/// tables across a call that could reach the same table, so the state touched
/// on every event is marked `@exclusivity(unchecked)`: the run-time
/// exclusivity checks on those properties cost about a third of the event loop.
public final class Simulation {
    @exclusivity(unchecked) public internal(set) var now: SimTime = .zero
    public internal(set) var seed: UInt64
    @exclusivity(unchecked) public var traceLevel: TraceLevel = .operations
    /// The most bytes of file data (the sizes of every file version kept) a
    /// write may bring the simulation to; past it the write fails.
    public var fileBytesLimit: Int64 = .max
    /// The most bytes of text (file versions written with real contents) the
    /// simulation may hold; past it the write fails. The memory limit sets it.
    public var textBytesLimit: Int64 = .max
    @exclusivity(unchecked) public internal(set) var statistics = Statistics()

    @exclusivity(unchecked) var queue = EventQueue()
    @exclusivity(unchecked) var random: SeededGenerator
    @exclusivity(unchecked) var operations = OperationTable()
    @exclusivity(unchecked) var pendingTrace: [TraceRecord] = []
    var nextTimer: Int32 = 0

    // Each subsystem's state, in its folder; a layer's code reaches only the layers below it.
    let cluster = Cluster()
    let networkLayer: NetworkLayer
    let rpcLayer = RPCLayer()
    let fileSystem = FileSystem()
    /// Each node's memory split between VM and the file cache (Frames/).
    let frameLedger = FrameLedger()
    let virtualMemory = VirtualMemory()
    /// Shared segments over messages (DSM/).
    let sharedMemory = SharedMemory()
    /// Scheduled processes and each node's CPU scheduler (Scheduling/, Processes/).
    let scheduler = ProcessScheduler()
    /// Migrations and each migrated process's home (Migration/).
    let migrationLayer = MigrationLayer()
    /// Load averages, idle hosts, the balancer and its probes (Balancing/).
    let loadBalancing = LoadBalancing()
    /// Builds: job graphs run on idle hosts (Pmake/).
    let pmakeLayer = PmakeLayer()

    public init(seed: UInt64 = 1, network: NetworkConfig = NetworkConfig()) {
        self.seed = seed
        self.random = SeededGenerator(seed: seed)
        self.networkLayer = NetworkLayer(config: network)
    }
}
