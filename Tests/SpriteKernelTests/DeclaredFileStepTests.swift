import Testing
import SpriteKernel

/// A declared process's file steps (`on PROCESS { }`) are its own steps: they wait in its one step queue
/// behind its IPC and compute steps, block it (blocked(file)), and under a declared scheduler are taken
/// only while it holds a CPU, as a program's are.
@Suite("Declared processes: file steps in the process's own order")
struct DeclaredFileStepTests {
    /// A server, a workstation with one CPU, and /a of 4KB created with the run idle (modern preset).
    private func workstationWithAFile() throws -> (Simulation, server: Int, node: Int) {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
        let server = try sim.addNode(NodeSpec(name: "fs", role: .server, memoryBytes: 32 << 20))
        let node = try sim.addNode(NodeSpec(name: "ws1", role: .workstation, memoryBytes: 8 << 20))
        sim.setDomain("/", server: server)
        _ = sim.createFile(on: node, path: "/a", size: 4096, directory: false)
        sim.runToIdle()
        return (sim, server, node)
    }

    // a sends to b, which never receives: a stays blocked in its send (LANGUAGE.md `process`: a step
    // that blocks holds the steps after it), so its open, compute and close never start.
    @Test func aProcessBlockedInASendTakesNoFileStep() throws {
        let (sim, server, node) = try workstationWithAFile()
        let a = try sim.addProcess(named: "a", on: node)
        let b = try sim.addProcess(named: "b", on: server)
        _ = sim.send(from: a, to: b, text: "hi")
        let open = sim.openFile(on: node, process: a, path: "/a", writable: true)
        let compute = sim.compute(by: a, duration: .ms(5))
        let close = sim.closeFile(on: node, process: a, path: nil)
        sim.runToIdle()
        #expect(sim.processInfo(a).state == .awaitingReply(peer: b))
        #expect(sim.processInfo(a).queuedSteps == 3)
        for op in [open, compute, close] { #expect(try sim.op(op).status == .queued) }
        #expect(sim.fileHistory.allSatisfy { $0.process != a })
    }

    // No scheduler: open, read, close, then compute 5ms, then a send. Each waits for the one before:
    // the compute starts when the close ends (T) and books the idle CPU for 5 ms (speed 1), so it ends
    // at T + 5 ms, and the send starts then, not while the read is at the server.
    @Test func computeAndSendWaitForTheFileSteps() throws {
        let (sim, server, node) = try workstationWithAFile()
        let a = try sim.addProcess(named: "a", on: node)
        let b = try sim.addProcess(named: "b", on: server)
        let open = sim.openFile(on: node, process: a, path: "/a", writable: false)
        let read = sim.readFile(on: node, process: a, path: nil)
        let close = sim.closeFile(on: node, process: a, path: nil)
        let compute = sim.compute(by: a, duration: .ms(5))
        let send = sim.send(from: a, to: b, text: "hi")
        sim.runToIdle()
        let closeEnd = try #require(try sim.op(close).finishedAt)
        #expect(try sim.op(read).startedAt == sim.op(open).finishedAt)
        #expect(try sim.op(close).startedAt == sim.op(read).finishedAt)
        #expect(try sim.op(compute).startedAt == closeEnd)
        #expect(try sim.op(compute).finishedAt == closeEnd + .ms(5))
        #expect(try sim.op(send).startedAt == closeEnd + .ms(5))
    }

    // A lone file step keeps the timing the node's own step has: issued when given, it takes the same
    // time as the same open issued by the node itself in an identical cluster.
    @Test func aLoneFileStepIsIssuedAtOnce() throws {
        let (byProcess, _, node) = try workstationWithAFile()
        let a = try byProcess.addProcess(named: "a", on: node)
        let issued = byProcess.now
        let mine = byProcess.openFile(on: node, process: a, path: "/a", writable: false)
        byProcess.runToIdle()
        let (byNode, _, same) = try workstationWithAFile()
        let its = byNode.openFile(on: same, path: "/a", writable: false)
        byNode.runToIdle()
        #expect(try byProcess.op(mine).startedAt == issued)
        #expect(try byProcess.op(mine).elapsed == byNode.op(its).elapsed)
    }

    // While its open is at the server the process is blocked(file), in the V table and, under a
    // scheduler, in its metrics; once the open ends and nothing is queued it is ready (idle) again.
    @Test func aProcessWithAFileStepInFlightIsBlockedOnIt() throws {
        let (sim, _, node) = try workstationWithAFile()
        let a = try sim.addProcess(named: "a", on: node)
        let open = sim.openFile(on: node, process: a, path: "/a", writable: false)
        _ = sim.run(until: sim.now + .ns(1))
        #expect(try sim.op(open).status == .running)
        #expect(sim.processInfo(a).state == .file)
        sim.runToIdle()
        #expect(sim.processInfo(a).state == .ready)
    }

    // fcfs, one CPU. hog (a program, one 50 ms burst) arrives at t0 and holds the CPU t0..t0+50ms.
    // ed is given open + close at t0 + 1 ms: a file step is taken on a CPU, so ed waits in the run
    // queue until hog finishes and issues its open at t0 + 50 ms (wait 49 ms, first run then). The
    // open ends at E; ed is ready again for its close and, the CPU idle, issues it at E (no switch
    // cost). Its CPU time stays 0: issuing a file step takes none.
    @Test func underAScheduledNodeAFileStepWaitsForTheCPU() throws {
        let (sim, _, node) = try workstationWithAFile()
        try sim.setScheduler(.fcfs, on: node)
        try sim.defineProgram("hog", steps: [.compute(.ms(50))])
        let ed = try sim.addProcess(named: "ed", on: node)
        let start = sim.now
        try sim.spawn(program: "hog", name: "hog", node: node)
        _ = sim.run(until: start + .ms(1))
        let open = sim.openFile(on: node, process: ed, path: "/a", writable: false)
        let close = sim.closeFile(on: node, process: ed, path: nil)
        _ = sim.run(until: start + .ms(2))
        #expect(try sim.op(open).status == .queued)
        #expect(try edMetrics(sim).state == .ready)
        sim.runToIdle()
        #expect(try sim.metrics("hog").finish == start + .ms(50))
        #expect(try sim.op(open).startedAt == start + .ms(50))
        let openEnd = try #require(try sim.op(open).finishedAt)
        #expect(try sim.op(close).startedAt == openEnd)
        let metrics = try edMetrics(sim)
        #expect(metrics.firstRun == start + .ms(50))
        #expect(metrics.waitTime == .ms(49))
        #expect(metrics.cpuTime == .zero)
    }

    private func edMetrics(_ sim: Simulation) throws -> ProcessMetrics {
        try #require(sim.processMetrics().first { $0.name == "ed" })
    }
}
