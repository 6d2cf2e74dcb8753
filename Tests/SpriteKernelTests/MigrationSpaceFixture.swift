@testable import SpriteKernel

/// What the address-space migration tests share: the given costs, / served by n0 (the backing files), VM
/// with no file cache on n1 and n2, and program p over a data space s of `pages` pages written in a loop,
/// one touch a millisecond, every reference a write. Returns p, spawned on n1 and not yet run.
func spawnPageWriter(_ sim: Simulation, steps: [ProgramStep], pages: Int64 = 16,
                     costs: MigrationCosts = MigrationTests.costs) throws -> ProcessID {
    sim.migrationCosts = costs
    sim.setDomain("/", server: 0)
    for node in 1...2 {
        try sim.configureVM(node: node, VMConfig())
        sim.setMemoryNegotiation(node: node, .fixed(cacheBytes: 0))
    }
    var space = AddressSpaceSpec(name: "s")
    space.dataBytes = pages * 4096
    space.pattern = .loop(.data, pages: pages)
    space.touch = .ms(1)
    space.writeShare = 1
    try sim.defineAddressSpace(space)
    try sim.defineProgram("p", steps: steps)
    try sim.attachSpace(program: "p", space: "s")
    return try sim.spawn(program: "p", name: "p", node: 1)
}
