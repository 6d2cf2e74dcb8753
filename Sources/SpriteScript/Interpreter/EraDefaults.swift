import SpriteKernel

/// What a network preset's era supplied (see `EraMachines`), so that `show nodes` and `show network`
/// can say so, and so that a `cache client policy` option the script declared is never replaced by the era's.
struct EraDefaults {
    /// The preset that the cluster block being run names (its last `network … preset`), wherever in
    /// the block: the block's nodes get that era's machines even when the network line comes after them.
    var blockPreset: CostPreset?
    /// Node name → the era that supplied some of its values, and which: "memory", "disk".
    var fromEra: [String: (CostPreset, [String])] = [:]
    /// The `cache client policy` options the script declared: flush, age, block.
    var declaredPolicy: Set<String> = []

    static let policyOptions = ["block", "flush", "age"]
}

extension Interpreter {
    /// A preset's era gives the client caches its block size and daemon timing, except what
    /// `cache client policy` declared, before or after the preset.
    func applyEraPolicy(_ preset: CostPreset) {
        let machines = preset.machines
        var config = simulation.fileSystemConfig
        let declared = era.declaredPolicy
        if !declared.contains("block") { config.blockSize = machines.blockSize }
        if !declared.contains("flush") { config.flushInterval = machines.flushInterval }
        if !declared.contains("age") { config.flushAge = machines.flushAge }
        simulation.configureFileSystem(config)
    }

    /// `show nodes`: which nodes' values their era supplied.
    var eraNodeNotes: [String] {
        var notes: [String] = []
        for preset in CostPreset.allCases {
            for field in ["memory", "disk"] {
                let names = (0..<simulation.nodeCount).map { simulation.nodeSpec($0).name }.filter { name in
                    guard let (era, fields) = era.fromEra[name] else { return false }
                    return era == preset && fields.contains(field)
                }
                guard !names.isEmpty else { continue }
                let shown = names.count > 8 ? names.prefix(8).joined(separator: ", ") + " and \(names.count - 8) more"
                    : names.joined(separator: ", ")
                notes.append("  \(field) from the era (\(preset.rawValue)): \(shown)")
            }
        }
        return notes
    }

    /// `show network`: the era's machines, and which cache settings came from it.
    var eraNetworkNotes: [String] {
        let preset = simulation.networkConfig.preset
        guard let machines = preset.era else { return [] }
        let fs = simulation.fileSystemConfig
        let fromEra = EraDefaults.policyOptions.filter { !era.declaredPolicy.contains($0) }
        let values = ["block": Quantity.formatBytes(fs.blockSize), "flush": "\(fs.flushInterval)",
                      "age": "\(fs.flushAge)"]
        let policy = fromEra.map { "\($0) \(values[$0] ?? "")" }.joined(separator: ", ")
        return ["  era \(preset.rawValue), for what the script does not declare: workstations "
                    + Quantity.formatBytes(machines.workstationMemory) + ", servers "
                    + Quantity.formatBytes(machines.serverMemory) + ", disk " + ShowStatement.shown(machines.drive)
                    + ", blocks " + Quantity.formatBytes(machines.blockSize) + ", a daemon every "
                    + "\(machines.flushInterval) for blocks dirty \(machines.flushAge)",
                "  cache policy from the era: " + (policy.isEmpty ? "none (all declared)" : policy)]
    }
}
