import Testing
@testable import SpriteKernel

/// A page larger than a file block moves one block call after another, as Sprite's Fs_PageRead and
/// Fs_PageWrite loop over a page's blocks.
///
/// n0 serves / (4 KB blocks); n1 has 2 frames of 8 KB, all VM's, backing files on n0. The process loops over
/// 3 data pages, writing each: every fault after the first two needs a frame, so a dirty victim is written
/// out (two 4 KB write calls) and, from the second lap on, the page comes back in (two 4 KB read calls).
@Suite("Memory: pages of several file blocks")
struct PageBlockCallsTests {
    @Test func anEightKilobytePageIsTwoBlockCalls() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
        try sim.addNode(NodeSpec(name: "n0", role: .server))
        try sim.addNode(NodeSpec(name: "n1", role: .workstation, memoryBytes: 2 * 8192))
        sim.setDomain("/", server: 0)
        var config = VMConfig()
        config.pageSize = 8192
        try sim.configureVM(node: 1, config)
        sim.setMemoryNegotiation(node: 1, .fixed(cacheBytes: 0))
        var space = AddressSpaceSpec(name: "s")
        space.dataBytes = 3 * 8192
        space.pattern = .loop(.data, pages: 3)
        space.touch = .ms(1)
        space.writeShare = 1
        try sim.defineAddressSpace(space)
        try sim.defineProgram("p", steps: [.compute(.ms(30))])
        try sim.attachSpace(program: "p", space: "s")
        let p = try sim.spawn(program: "p", name: "p", node: 1)
        sim.runToIdle()
        let m = try #require(sim.processMemory(p))
        #expect(m.zeroFills == 3 && m.pageIns > 0 && m.pageOuts > 0)
        let rpcs = sim.fileSystemStatistics.rpcs
        #expect(rpcs["read", default: 0] == 2 * m.pageIns)
        #expect(rpcs["write", default: 0] == 2 * m.pageOuts)
        #expect(sim.memoryStatistics(node: 1).pageIns == m.pageIns)
    }
}
