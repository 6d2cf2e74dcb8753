import SpriteKernel

/// The names a script has declared so far, as the checker sees them.
public struct SymbolTable: Sendable {
    public var nodes: [String: NodeRole] = [:]
    /// Process name → node name.
    public var processes: [String: String] = [:]
    /// The processes that run programs under a scheduler (spawn, jobs, workload), not V processes.
    var scheduled: Set<String> = []
    /// Parallel job name → its threads in the order they joined (`threads N` or `job J`), for `expect`'s hints.
    var jobs: [String: [String]] = [:]
    /// Program name → its steps, for fork, spawn and spawn's checks.
    var programs: [String: [ProgramStep]] = [:]
    /// Program name → the space its `space` clause names (none: not there), for fork's checks.
    var programSpaces: [String: String] = [:]
    /// Builds started by `pmake`, for `expect NAME.makespan` and its kin.
    var pmakes: Set<String> = []
    /// Sweeps by name, with their choices, for `show sweep` and `expect NAME[…]`.
    var sweeps: [String: SweepShape] = [:]
    /// Operation label → what the labelled operation is.
    public var labels: [String: OperationKind] = [:]
    /// Every prefix names resolve under (Sprite domains, mount points, exports,
    /// automount roots) → serving node.
    public var domains: [String: String] = [:]
    /// Sprite domains only: prefix → serving node.
    public var spriteDomains: [String: String] = [:]
    /// NFS naming, each declared once: "NODE POINT" → mount point of a node,
    /// "SERVER PATH" → exported path, node → automount root.
    public var mounts: Set<String> = []
    public var exports: Set<String> = []
    public var automounts: [String: String] = [:]
    /// DSM segments: name → pages and page size, for the steps' offsets.
    var dsmSegments: [String: DSMSymbol] = [:]
    /// Declared address spaces → their segments' pages, and the page size a `vm` set last (checks of patterns).
    var spaces: [String: SpacePages] = [:]
    var pageSize: Int64 = 4096
    /// Each node's memory where declared (else its era's), for `vm`'s checks.
    var nodeMemory: [String: Int64] = [:]
    /// The network preset in force: a later block's preset of another era warns.
    public var preset: CostPreset = .modern

    public init() {}

    /// The names a session has declared, read back from its state.
    init(simulation: Simulation, labels: [String: OperationKind]) {
        preset = simulation.networkConfig.preset
        for index in 0..<simulation.nodeCount {
            let spec = simulation.nodeSpec(index)
            nodes[spec.name] = spec.role
            nodeMemory[spec.name] = spec.memoryBytes
            for point in simulation.requestedMountPoints(of: index) { mounts.insert(spec.name + " " + point) }
            for path in simulation.exports(of: index) { exports.insert(spec.name + " " + path) }
            automounts[spec.name] = simulation.automountRoot(of: index)
        }
        for index in simulation.declaredProcesses {
            let info = simulation.processInfo(index)
            processes[info.name] = simulation.nodeName(info.node)
        }
        for job in simulation.gangNames {
            jobs[job] = (simulation.gangThreads(job) ?? []).map { simulation.processInfo(Int($0.index)).name }
        }
        self.labels = labels
        pmakes = Set(simulation.pmakeNames)
        for spec in simulation.dsmSegments {
            dsmSegments[spec.name] = DSMSymbol(pages: Int(spec.pages), pageSize: spec.pageSize)
        }
        for name in simulation.addressSpaceNames { spaces[name] = SpacePages() }
        for root in simulation.namespaceRoots { domains[root] = "" }
        for (prefix, server) in simulation.domains {
            domains[prefix] = simulation.nodeName(server)
            spriteDomains[prefix] = simulation.nodeName(server)
        }
    }

    /// Adds the names of `other` that this table does not have.
    mutating func merge(_ other: SymbolTable) {
        nodes.merge(other.nodes) { mine, _ in mine }
        processes.merge(other.processes) { mine, _ in mine }
        labels.merge(other.labels) { mine, _ in mine }
        programs.merge(other.programs) { mine, _ in mine }
        programSpaces.merge(other.programSpaces) { mine, _ in mine }
        spaces.merge(other.spaces) { mine, _ in mine }
        scheduled.formUnion(other.scheduled)
        pmakes.formUnion(other.pmakes)
        jobs.merge(other.jobs) { mine, _ in mine }
        domains.merge(other.domains) { mine, _ in mine }
        spriteDomains.merge(other.spriteDomains) { mine, _ in mine }
        mounts.formUnion(other.mounts)
        exports.formUnion(other.exports)
        automounts.merge(other.automounts) { mine, _ in mine }
        dsmSegments.merge(other.dsmSegments) { mine, _ in mine }
        nodeMemory.merge(other.nodeMemory) { mine, _ in mine }
    }

    func contains(_ name: String) -> Bool {
        nodes[name] != nil || processes[name] != nil || labels[name] != nil || pmakes.contains(name)
    }

    /// Every declared name, for completion.
    public var allNames: [String] {
        (Array(nodes.keys) + Array(processes.keys) + Array(labels.keys) + Array(pmakes)).sorted()
    }
}
