import Testing
import SpriteKernel

/// File steps in programs: the process asks its node's client, is blocked(file) until the operation
/// ends, and owns what it opens; the node's cache is shared by its processes.
@Suite("File system: programs' file steps")
struct ProgramFileTests {
    /// A server and one workstation (modern preset), /a of 4KB created and the run idle.
    private func nodeWithAFile() throws -> (Simulation, node: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        sim.runToIdle()
        return (sim, node)
    }

    private static let readA: [ProgramStep] = [.file(.open(path: "/a", writable: false, readable: true)),
                                               .file(.read(path: nil, block: nil)), .file(.close(path: nil))]

    // r1's read misses and fills ws1's cache; r2, starting 100 ms later (each process has its own
    // operation in flight, so at once it would miss too), opens its own session and its read is a hit:
    // one local kernel call (1 us) + 4096 B copied at 5 GB/s (819.2 ns) = 1.8192 us, on the modern preset.
    @Test func twoProgramsReadThroughTheNodesOneCache() throws {
        let (sim, node) = try nodeWithAFile()
        try sim.defineProgram("reader", steps: Self.readA)
        try sim.defineProgram("later", steps: [.sleep(.ms(100))] + Self.readA)
        let r1 = try sim.spawn(program: "reader", name: "r1", node: node)
        let r2 = try sim.spawn(program: "later", name: "r2", node: node)
        sim.runToIdle()
        #expect(try sim.metrics("r1").state == .done)
        #expect(try sim.metrics("r2").state == .done)
        let reads = sim.fileHistory.filter { if case .read = $0.kind { true } else { false } }
        #expect(reads.map(\.process) == [Int(r1.index), Int(r2.index)])
        #expect(reads[0].session != reads[1].session)
        let hit = reads[1].end - reads[1].start
        #expect(hit >= .ns(1_819) && hit <= .ns(1_820))
        #expect(reads[0].end - reads[0].start > hit * 10)
        // Each process's open and close are its own: three events each.
        #expect(sim.fileHistory.filter { $0.process == Int(r1.index) }.count == 3)
        #expect(sim.fileHistory.filter { $0.process == Int(r2.index) }.count == 3)
    }

    // While the open is at the server the process is blocked(file), off its CPU; its CPU time stays 0.
    @Test func aFileStepBlocksTheProcess() throws {
        let (sim, node) = try nodeWithAFile()
        try sim.defineProgram("reader", steps: Self.readA)
        try sim.spawn(program: "reader", name: "r1", node: node)
        _ = sim.run(until: sim.now + .ns(1))
        #expect(try sim.metrics("r1").state == .blocked(.file))
        sim.runToIdle()
        let r1 = try sim.metrics("r1")
        #expect(r1.state == .done)
        #expect(r1.cpuTime == .zero)
        #expect(r1.blockedTime == r1.turnaround)
    }

    // Open files are the process's: p2's read without a path does not use p1's session; it fails,
    // and p2 goes on to its compute and finishes.
    @Test func aPathlessReadUsesOnlyTheProcesssOwnFiles() throws {
        let (sim, node) = try nodeWithAFile()
        try sim.defineProgram("holder", steps: [.file(.open(path: "/a", writable: false, readable: true)),
                                                .sleep(.ms(50)), .file(.close(path: nil))])
        try sim.defineProgram("stray", steps: [.sleep(.ms(10)), .file(.read(path: nil, block: nil)),
                                               .compute(.ms(1))])
        let holder = try sim.spawn(program: "holder", name: "p1", node: node)
        let stray = try sim.spawn(program: "stray", name: "p2", node: node)
        sim.runToIdle()
        #expect(try sim.metrics("p2").state == .done)
        #expect(try sim.metrics("p2").cpuTime == .ms(1))
        #expect(sim.fileHistory.allSatisfy { $0.process != Int(stray.index) })
        #expect(sim.fileHistory.filter { $0.process == Int(holder.index) }.count == 2)
    }

    // A file step is a system call: under master-slave the process leaves its slave for the master to
    // take it (slice ends `moved`), blocks there on the operation, and computes again on a slave.
    @Test func masterSlaveTakesFileStepsOnTheMaster() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, cpus: 2, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        sim.runToIdle()
        try sim.setMultiprocessor(MultiprocessorOptions(organisation: .masterSlave), on: node)
        try sim.defineProgram("p", steps: [.compute(.ms(1)), .file(.stat(path: "/a")), .compute(.ms(1))])
        try sim.spawn(program: "p", name: "p1", node: node)
        sim.runToIdle()
        let slices = sim.timeline(node: node).map { "\($0.cpu) \($0.ending.rawValue)" }
        #expect(slices == ["1 moved", "0 blocked", "1 done"])
        #expect(try sim.metrics("p1").cpuTime == .ms(2))
    }

    // A process that exits with a file open closes it, as UNIX's exit does: its session ends (a close
    // event of its own after the exit) and the server no longer counts it as a writer.
    @Test func exitClosesTheFilesAProcessLeftOpen() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        _ = sim.createFile(on: node, path: "/b", size: 4096, directory: false)
        sim.runToIdle()
        try sim.defineProgram("w", steps: [.file(.open(path: "/a", writable: true, readable: true)),
                                           .file(.open(path: "/b", writable: false, readable: true)), .exit])
        let writer = try sim.spawn(program: "w", name: "w1", node: node)
        sim.runToIdle()
        let own = sim.fileHistory.filter { $0.process == Int(writer.index) }
        #expect(own.map(\.kind) == [.open(writable: true), .open(writable: false), .close, .close])
        #expect(Set(own.suffix(2).map(\.session)) == Set(own.prefix(2).map(\.session)))
    }
}
