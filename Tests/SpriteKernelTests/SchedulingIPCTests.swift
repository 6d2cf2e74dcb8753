import Testing
import SpriteKernel

/// V IPC steps in programs: scheduled processes send, receive, reply and move data with the V
/// kernel's messages and costs, block(message) while they wait, and wake through the scheduler.
@Suite struct SchedulingIPCTests {
    /// v-1983 preset: a remote 32-byte V message takes 500 us to send + P(32B) + 500 us to receive,
    /// P(n) = 0.0064 ms x n + 0.390 ms = 0.5948 ms: about 1.5948 ms one way (the copies make it
    /// 1.594802 ms to the nanosecond), taken from a declared V process's Send, which waits two of them.
    static func oneWay() throws -> SimTime {
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        let send = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        _ = sim.reply(from: b, to: a, text: nil)
        sim.runToIdle()
        let roundTrip = try #require(try sim.op(send).elapsed)
        #expect(roundTrip > .ns(3_189_000) && roundTrip < .ns(3_190_000))
        return SimTime.ns(roundTrip.nanoseconds / 2)
    }

    /// A client on node 0 that sends to `server` on node 1 three times, computing 10 ms after each send;
    /// the server receives, computes 2 ms and (when the send blocks) replies.
    private func clientServer(wait: Bool) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        try sim.defineProgram("client", steps: [.repeat(3, [.send(to: "server", text: "req", wait: wait),
                                                            .compute(.ms(10))])])
        let serve: [ProgramStep] = wait ? [.receive, .compute(.ms(2)), .reply(to: "client", text: "ok")]
            : [.receive, .compute(.ms(2))]
        try sim.defineProgram("server", steps: [.repeat(3, serve)])
        try sim.spawn(program: "server", name: "server", node: 1)
        try sim.spawn(program: "client", name: "client", node: 0)
        sim.runToIdle()
        return sim
    }

    // Blocking: each exchange costs the client a round trip and the server's 2 ms before its 10 ms:
    // 3 x (1.5948 + 2 + 1.5948 + 10) = 45.5688 ms; it is blocked(message) 3 x 5.1896 = 15.5688 ms.
    // The server replies for the last time 10 ms + one way before that: 33.974 ms.
    @Test func blockingSendWaitsForTheReply() throws {
        let sim = try clientServer(wait: true)
        let oneWay = try Self.oneWay()
        let client = try sim.metrics("client")
        #expect(client.finish == oneWay * 6 + .ms(36))
        #expect(client.cpuTime == .ms(30))
        #expect(client.blockedTime == oneWay * 6 + .ms(6))
        #expect(try sim.metrics("server").finish == oneWay * 5 + .ms(26))
    }

    // Non-blocking: the message is copied out and the client computes at once: it finishes at 30 ms.
    // The sends leave at 0, 10 and 20 ms and arrive 1.5948 ms later; the server finishes the last
    // at 21.5948 + 2 = 23.5948 ms. Communication overlaps computation: 15.5688 ms saved.
    @Test func nonBlockingSendOverlapsComputation() throws {
        let sim = try clientServer(wait: false)
        let client = try sim.metrics("client")
        #expect(client.finish == .ms(30))
        #expect(client.blockedTime == .zero)
        let server = try sim.metrics("server")
        let oneWay = try Self.oneWay()
        #expect(server.finish == .ms(22) + oneWay)
        // Blocked on the first receive until 1.5948, then 8 ms twice between messages.
        #expect(server.blockedTime == oneWay + .ms(16))
    }

    // A receiver with no message is blocked(message) and leaves its CPU to others.
    @Test func receiveBlocksOnMessage() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("waiter", steps: [.receive, .compute(.ms(1))])
        try sim.defineProgram("worker", steps: [.compute(.ms(5)), .send(to: "w", text: nil, wait: false)])
        try sim.spawn(program: "waiter", name: "w", node: 0)
        try sim.spawn(program: "worker", name: "k", node: 0)
        _ = sim.run(until: .ms(2))
        #expect(try sim.metrics("w").state == .blocked(.message))
        #expect(try sim.metrics("k").state == .running(cpu: 0))
        sim.runToIdle()
        // Zero-cost preset: w takes its receive step on the CPU at 0 and blocks at once (a slice 0-0); k runs
        // 0-5; the message arrives at 5 ms, and w runs 5-6.
        #expect(sim.gantt() == ["w@0 0-0 blocked", "k@0 0-5 done", "w@0 5-6 done"])
    }

    // Blocked in Send, the client leaves its CPU to a worker; the reply makes it ready, and it waits its
    // turn. Zero-overhead preset: a 32-byte message takes 500 us + 32 x 8 bits at 10 Mbit/s = 525.6 us.
    // FCFS, 1 ms switch: C is dispatched at 0 (a CPU's first process costs no switch), sends and blocks at
    // once; switch 0-1, W runs 1-11. S (node 1) serves 0.5256-3.5256 and the reply is back at 4.0512: C is
    // ready but W keeps the CPU; switch 11-12, C computes 12-14.
    @Test func aBlockedSenderLeavesItsCPUAndWaitsItsTurn() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero)
        try sim.setScheduler(.fcfs, on: 0, contextSwitch: .ms(1))
        try sim.defineProgram("client", steps: [.send(to: "S", text: nil, wait: true), .compute(.ms(2))])
        try sim.defineProgram("worker", steps: [.compute(.ms(10))])
        try sim.defineProgram("server", steps: [.receive, .compute(.ms(3)), .reply(to: "C", text: nil)])
        try sim.spawn(program: "server", name: "S", node: 1)
        try sim.spawn(program: "client", name: "C", node: 0)
        try sim.spawn(program: "worker", name: "W", node: 0)
        sim.runToIdle()
        #expect(sim.gantt() == ["C@0 0-0 blocked", "W@0 1-11 done", "C@0 12-14 done"])
        let client = try sim.metrics("C")
        #expect(client.blockedTime == .ns(4_051_200))
        #expect(client.waitTime == .ns(7_948_800))    // ready at 4.0512, running at 12 after the switch
        #expect(client.contextSwitches == 1)
    }

    /// Declared V processes a (node 0) and b (node 1) do send, receive, `move` of 4KB, reply; returns
    /// the time the sender waited. The scheduled run of the same steps must match it.
    private func vExchange(outward: Bool) throws -> SimTime {
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        let send = sim.send(from: a, to: b, text: "get")
        _ = sim.receive(by: b)
        _ = outward ? sim.moveTo(from: b, to: a, bytes: 4096) : sim.moveFrom(by: b, from: a, bytes: 4096)
        _ = sim.reply(from: b, to: a, text: "ok")
        sim.runToIdle()
        return try #require(try sim.op(send).elapsed)
    }

    // MoveTo and MoveFrom cost what they cost V processes: with nothing else on the CPUs, the client
    // unblocks exactly when the declared V process does.
    @Test(arguments: [true, false])
    func bulkMovesCostWhatTheyCostVProcesses(outward: Bool) throws {
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        try sim.defineProgram("a", steps: [.send(to: "b", text: "get", wait: true)])
        let move: ProgramStep = outward ? .moveTo(peer: "a", bytes: 4096) : .moveFrom(peer: "a", bytes: 4096)
        try sim.defineProgram("b", steps: [.receive, move, .reply(to: "a", text: "ok")])
        try sim.spawn(program: "a", name: "a", node: 0)
        try sim.spawn(program: "b", name: "b", node: 1)
        sim.runToIdle()
        let expected = try vExchange(outward: outward)
        #expect(expected > (try Self.oneWay()) * 2)
        #expect(try sim.metrics("a").finish == expected)
    }

    // Reply, moveto and movefrom need a peer awaiting our reply; a send needs a live peer. The step
    // fails (its operation says why) and the process goes on.
    @Test func stepsWithoutAPeerFailAndGoOn() throws {
        let sim = try makeSimulation(nodes: 1)
        try sim.defineProgram("lonely", steps: [.reply(to: "nobody", text: nil), .moveTo(peer: "other", bytes: 1),
                                                .send(to: "ghost", text: nil, wait: true), .compute(.ms(1))])
        try sim.defineProgram("other", steps: [.compute(.ms(1))])
        try sim.spawn(program: "other", name: "other", node: 0)
        try sim.spawn(program: "lonely", name: "lonely", node: 0)
        sim.runToIdle()
        #expect(try sim.metrics("lonely").finish == .ms(2))
        let failures = (0..<Int32(sim.operationCount)).compactMap { id -> OperationFailure? in
            if case .failed(let failure) = sim.operation(id)?.status { return failure }
            return nil
        }
        #expect(failures == [.noSuchProcess(name: "nobody"),
                             .peerNotAwaitingReply(process: "other", peer: "lonely"),
                             .noSuchProcess(name: "ghost")])
    }

    // The server's node crashes while the client awaits its reply: the client gives up when the
    // retransmission budget runs out, (retries + 1) x timeout after the crash, and goes on.
    @Test func crashedPeerReleasesTheSender() throws {
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        try sim.defineProgram("client", steps: [.send(to: "server", text: nil, wait: true)])
        try sim.defineProgram("server", steps: [.receive, .compute(.ms(100)), .reply(to: "client", text: nil)])
        try sim.spawn(program: "server", name: "server", node: 1)
        try sim.spawn(program: "client", name: "client", node: 0)
        _ = sim.run(until: .ms(10))
        sim.crash(1)
        sim.runToIdle()
        let cost = CostPreset.v1983.model
        let giveUp = SimTime.ms(10) + cost.retransmitTimeout * Int64(cost.maxRetransmits + 1)
        #expect(try sim.metrics("client").finish == giveUp)
        #expect(try sim.metrics("server").killed)
    }
}
