import Testing
import SpriteKernel

/// Declared processes (`process NAME on NODE`) are entries of the one process table: they share the
/// name space and the V IPC path with processes running programs, and their compute books the node's
/// CPU unless a scheduler is declared on the node, when it is a burst under that scheduler.
@Suite struct DeclaredProcessTests {
    // No scheduler declared: each compute books the one CPU first come first served, at issue:
    // a 0-25 ms, b 25-30 ms (b waits for a's booking).
    @Test func computeBooksTheCPUWithoutADeclaredScheduler() throws {
        let sim = try makeSimulation(nodes: 1)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 0)
        let ca = sim.compute(by: a, duration: .ms(25))
        let cb = sim.compute(by: b, duration: .ms(5))
        sim.runToIdle()
        #expect(try sim.op(ca).finishedAt == .ms(25))
        #expect(try sim.op(cb).finishedAt == .ms(30))
        #expect(sim.timeline().isEmpty)
    }

    // Round robin, 10 ms quantum: a runs 0-10 ms, b (queued behind it) 10-15 ms and is done; a is
    // alone from then, so its quanta follow without a switch: it finishes its 25 ms at 30 ms.
    @Test func computeIsABurstUnderADeclaredScheduler() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: 0)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 0)
        let ca = sim.compute(by: a, duration: .ms(25))
        let cb = sim.compute(by: b, duration: .ms(5))
        #expect(sim.processInfo(a).state == .busy)
        sim.runToIdle()
        #expect(try sim.op(ca).finishedAt == .ms(30))
        #expect(try sim.op(cb).finishedAt == .ms(15))
        let slices = sim.timeline().map { (sim.processName(Int($0.process.index)), $0.start, $0.end) }
        #expect(slices.map(\.0) == ["a", "b", "a"])
        #expect(slices.map(\.1) == [.zero, .ms(10), .ms(15)])
        #expect(sim.processInfo(a).state == .ready)
        // Under the declared scheduler they are measured as processes: a waited 10-15 ms (5 ms); b waited
        // 0-10 ms, ran 10-15 and has waited for its next step since (idle, blocked 15 ms by 30 ms).
        let metrics = sim.processMetrics()
        #expect(metrics.map(\.name) == ["a", "b"])
        #expect(metrics.map(\.cpuTime) == [.ms(25), .ms(5)])
        #expect(metrics.map(\.waitTime) == [.ms(5), .ms(10)])
        #expect(metrics.map(\.blockedTime) == [.zero, .ms(15)])
        #expect(metrics.map(\.responseTime) == [.zero, .ms(10)])
        #expect(metrics.allSatisfy { $0.state == .blocked(.idle) && $0.finish == nil })
    }

    // Steps queued behind a scheduled compute wait for it: the send leaves when the burst ends.
    @Test func stepsQueuedBehindABurstWaitForIt() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.fcfs, on: 0)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 0)
        _ = sim.compute(by: a, duration: .ms(4))
        let send = sim.send(from: a, to: b, text: "after")
        #expect(sim.processInfo(a).queuedSteps == 1)
        _ = sim.receive(by: b)
        _ = sim.reply(from: b, to: a, text: "ok")
        sim.runToIdle()
        // Zero-cost network: the exchange takes no time once the burst is over.
        #expect(try sim.op(send).startedAt == .ms(4))
        #expect(try sim.op(send).finishedAt == .ms(4))
        #expect(sim.processInfo(b).lastReceived == "after")
    }

    // One delivery path: a program's process sends to a declared process, which receives and replies.
    @Test func aProgramExchangesWithADeclaredProcess() throws {
        let sim = try makeSimulation(nodes: 2)
        let server = try sim.addProcess(named: "server", on: 1)
        try sim.defineProgram("client", steps: [.send(to: "server", text: "hello", wait: true), .compute(.ms(1))])
        let client = try sim.spawn(program: "client", name: "c1", node: 0)
        _ = sim.receive(by: server)
        sim.runToIdle()
        #expect(sim.processInfo(server).lastReceived == "hello")
        #expect(try sim.metrics("c1").state == .blocked(.message))
        let repliedAt = sim.now
        let reply = sim.reply(from: server, to: Int(client.index), text: "back")
        sim.runToIdle()
        #expect(try sim.op(reply).status == .done)
        #expect(try sim.metrics("c1").state == .done)
        // The send reached the server one way after 0 (the run's end, repliedAt); the reply takes as
        // long back; then the client computes its 1 ms. It was blocked(message) for the round trip.
        let c1 = try sim.metrics("c1")
        #expect(c1.finish == repliedAt * 2 + .ms(1))
        #expect(c1.blockedTime == repliedAt * 2)
    }

    // Nodes' processes share one set of names, whatever drives their steps.
    @Test func declaredAndProgramProcessesShareNames() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.addProcess(named: "x", on: 0)
        try sim.defineProgram("p", steps: [.compute(.ms(1))])
        #expect(throws: KernelError.duplicateProcess("x")) { try sim.spawn(program: "p", name: "x", node: 0) }
        try sim.spawn(program: "p", name: "y", node: 0)
        #expect(throws: KernelError.duplicateProcess("y")) { try sim.addProcess(named: "y", on: 0) }
        #expect(sim.process(named: "y") == nil)
        #expect(sim.processID(named: "x") == nil)
        #expect(sim.declaredProcesses == [0])
    }

    // A crash kills a declared process that was computing under the scheduler; it comes back
    // fresh with its node and computes again.
    @Test func aCrashKillsADeclaredBurst() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: 0)
        let a = try sim.addProcess(named: "a", on: 0)
        let lost = sim.compute(by: a, duration: .ms(20))
        _ = sim.run(until: .ms(5))
        sim.crash(0)
        #expect(try sim.op(lost).status == .failed(.nodeDown(node: 0)))
        #expect(sim.processInfo(a).state == .dead)
        sim.restart(0)
        #expect(sim.processInfo(a).state == .ready)
        let again = sim.compute(by: a, duration: .ms(3))
        sim.runToIdle()
        #expect(try sim.op(again).finishedAt == .ms(8))
    }
}
