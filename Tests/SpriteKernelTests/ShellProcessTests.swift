import Testing
@testable import SpriteKernel

/// Each node's file steps wait in its implicit shell process: made at the node's first file step,
/// named as the node but not listed, not counted against the process limit.
@Suite("Processes: each node's shell")
struct ShellProcessTests {
    @Test func theShellIsMadeAtTheFirstFileStepAndNotListed() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        #expect(sim.scheduledProcessCount == 0)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        _ = sim.readFile(on: node, path: "/a")
        // One shell for ws1, whatever number of steps; the read waits in it behind the create.
        #expect(sim.scheduledProcessCount == 1)
        #expect(sim.queuedFileSteps(node).count == 1)
        #expect(sim.processName(0) == "ws1")
        #expect(sim.process(named: "ws1") == nil && sim.processID(named: "ws1") == nil)
        #expect(sim.processCount == 0 && sim.processMetrics().isEmpty)
        sim.runToIdle()
        #expect(sim.queuedFileSteps(node).isEmpty)
        // The shell does not count as one of the script's processes.
        sim.processLimit = 1
        try sim.defineProgram("p", steps: [.compute(.ms(1))])
        try sim.spawn(program: "p", name: "only", node: node)
        #expect(throws: KernelError.limitReached("processes")) { try sim.spawn(program: "p", name: "two", node: node) }
    }

    // A crash fails the steps waiting in the node's shell and leaves it idle: after the restart the
    // node's next step starts at once.
    @Test func aCrashEmptiesTheShell() throws {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        let first = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        let queued = sim.statFile(on: node, path: "/a")
        sim.crash(node)
        #expect(try sim.op(first).status == .failed(.nodeDown(node: node)))
        #expect(try sim.op(queued).status == .failed(.nodeDown(node: node)))
        #expect(sim.queuedFileSteps(node).isEmpty)
        sim.restart(node)
        let again = sim.createFile(on: node, path: "/b", size: 0, directory: false)
        #expect(try sim.op(again).status == .running)
        sim.runToIdle()
        #expect(try sim.op(again).status == .done)
    }
}
