import Testing
@testable import SpriteKernel

/// A simulation whose links carry `bitsPerSecond`, with processes a on n0 and b on n1.
private func slowPair(bitsPerSecond: Int64 = 1, speed: Double = 1) throws -> (Simulation, a: Int, b: Int) {
    var config = NetworkConfig(preset: .modern)
    config.cost.bitsPerSecond = bitsPerSecond
    let sim = Simulation(network: config)
    try sim.addNode(NodeSpec(name: "n0", role: .workstation, speed: speed))
    try sim.addNode(NodeSpec(name: "n1", role: .server, speed: speed))
    return (sim, try sim.addProcess(named: "a", on: 0), try sim.addProcess(named: "b", on: 1))
}

/// Work that would end after `SimTime.horizon` fails with `.endOfTime`;
/// no clock, elapsed time or penalty is ever wrapped or clamped.
@Suite struct EndOfTimeTests {
    @Test func arithmeticPastTheHorizonSaturatesInsteadOfWrapping() {
        let big = SimTime.horizon
        #expect((big + big).isPastHorizon)
        #expect((big + big).nanoseconds > 0)
        #expect((big * 4).nanoseconds == Int64.max)
        #expect((SimTime.zero - .never).nanoseconds == -Int64.max)
        #expect((SimTime(nanoseconds: .min) - .s(1)).nanoseconds == .min)
        #expect(SimTime.s(1).scaled(bySpeed: 1e-12) == .never)
        #expect(SimTime.s(1).scaled(bySpeed: 0.5) == .s(2))
        #expect(Transmission.time(bits: 8 << 30, bitsPerSecond: 1) == .never)
        #expect(Transmission.time(bits: Int64.max, bitsPerSecond: 1) == .never)
        #expect(!Transmission.time(bits: 1 << 40, bitsPerSecond: 1_000_000).isPastHorizon)
        #expect(!SimTime.horizon.isPastHorizon)
    }

    /// Regression: 3,000,000 calls of 1GB over 16-byte packets with 64KB headers
    /// overflowed the wire-bytes counter and trapped; counters now saturate.
    @Test func runCountersSaturateInsteadOfTrapping() {
        var bytes = Int64.max - 10
        bytes.addSaturating(4_400_000_000_000)
        #expect(bytes == .max)
        bytes = 5
        bytes.addSaturating(7)
        #expect(bytes == 12)
    }

    @Test func aComputationPastTheHorizonFailsAndLeavesTheCPUFree() throws {
        let (sim, a, _) = try slowPair(speed: 0.001)
        let year = SimTime.s(366 * 86_400)
        let long = sim.compute(by: a, duration: year)
        let short = sim.compute(by: a, duration: .ms(1))
        sim.runToIdle()
        #expect(try sim.op(long).status == .failed(.endOfTime))
        #expect(try sim.op(long).finishedAt == .zero)
        // The failed work booked nothing: the next step runs at once.
        #expect(try sim.op(short).status == .done)
        #expect(sim.now == .s(1))
        #expect(sim.cpuBusy(0) == .s(1))
    }

    @Test func twoComputationsThatTogetherPassTheHorizonFailTheSecond() throws {
        let (sim, a, _) = try slowPair(speed: 0.01)
        let year = SimTime.s(366 * 86_400)
        let first = sim.compute(by: a, duration: year)
        let second = sim.compute(by: a, duration: year)
        sim.runToIdle()
        #expect(try sim.op(first).status == .done)
        #expect(try sim.op(second).status == .failed(.endOfTime))
        #expect(!sim.now.isPastHorizon)
        #expect(sim.now == year.scaled(bySpeed: 0.01))
    }

    @Test func aGigabyteMoveOverAOneBitLinkFailsInsteadOfTakingNoTime() throws {
        for moveFrom in [false, true] {
            let (sim, a, b) = try slowPair()
            _ = sim.send(from: a, to: b, text: "give")
            _ = sim.receive(by: b)
            sim.runToIdle()
            let move = moveFrom ? sim.moveFrom(by: b, from: a, bytes: 1 << 30)
                : sim.moveTo(from: b, to: a, bytes: 1 << 30)
            sim.runToIdle()
            let record = try sim.op(move)
            #expect(record.status == .failed(.endOfTime))
            #expect(!record.penalty.isPastHorizon)
            #expect(!sim.now.isPastHorizon)
            // The process goes on: a small reply still gets through.
            let reply = sim.reply(from: b, to: a, text: "ok")
            sim.runToIdle()
            #expect(try sim.op(reply).status == .done)
        }
    }

    @Test func aTransferThatWouldEndAfterTheHorizonDoesNotHoldTheLink() throws {
        let (sim, a, b) = try slowPair(bitsPerSecond: 3)
        // A 1GB request at 3 bps takes about 91 years of wire time; a second
        // one queued behind it would pass the end of time.
        let first = sim.rpc(from: 0, to: 1, requestBytes: 1 << 30, replyBytes: 0, service: .zero)
        let second = sim.rpc(from: 0, to: 1, requestBytes: 1 << 30, replyBytes: 0, service: .zero)
        _ = sim.send(from: a, to: b, text: "hi")
        let receive = sim.receive(by: b)
        sim.runToIdle()
        #expect(try sim.op(first).status == .done)
        #expect(try sim.op(second).status == .failed(.endOfTime))
        #expect(try sim.op(second).finishedAt == .zero)
        // The failed request booked no link: the message behind it gets through.
        #expect(try sim.op(receive).status == .done)
        #expect(!sim.now.isPastHorizon)
    }

    @Test func anRPCServedPastTheHorizonFails() throws {
        let (sim, _, _) = try slowPair(bitsPerSecond: 1_000_000_000, speed: 1e-9)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .s(3_600))
        sim.runToIdle()
        #expect(try sim.op(call).status == .failed(.endOfTime))
        #expect(!sim.now.isPastHorizon)
    }

    @Test func aTimerPastTheHorizonIsRefused() throws {
        let idle = Simulation()
        #expect(idle.run(until: .never) == .idle)
        #expect(idle.now == .horizon, "a run never moves the clock past the end of time")
        let sim = Simulation()
        #expect(throws: KernelError.pastHorizon(requested: .never)) { try sim.scheduleTimer(at: .never) }
        #expect((try? sim.scheduleTimer(at: .horizon)) != nil)
    }

    /// Every transfer takes at least its network penalty, whatever the size,
    /// bandwidth and topology.
    @Test(arguments: [TopologyKind.switched, .bus, .ring, .grid])
    func noTransferIsFasterThanItsPenalty(topology: TopologyKind) throws {
        for bandwidth: Int64 in [1_000, 10_000_000, 1_000_000_000] {
            for bytes: Int64 in [0, 1, 1_500, 64 << 10, 1 << 20] {
                var config = NetworkConfig(preset: .sprite1988, topology: topology)
                config.cost.bitsPerSecond = bandwidth
                let sim = Simulation(network: config)
                for index in 0..<4 { try sim.addNode(NodeSpec(name: "n\(index)", role: .server)) }
                let a = try sim.addProcess(named: "a", on: 0)
                let b = try sim.addProcess(named: "b", on: 3)
                let send = sim.send(from: a, to: b, text: "x", segmentBytes: min(bytes, 1024))
                _ = sim.receive(by: b)
                let moveTo = sim.moveTo(from: b, to: a, bytes: bytes)
                let moveFrom = sim.moveFrom(by: b, from: a, bytes: bytes)
                _ = sim.reply(from: b, to: a, text: "y")
                let rpc = sim.rpc(from: 3, to: 0, requestBytes: bytes, replyBytes: bytes, service: .us(10), count: 2)
                sim.runToIdle()
                for op in [send, moveTo, moveFrom] {
                    let record = try sim.op(op)
                    #expect(record.status == .done)
                    #expect(try #require(record.elapsed) >= record.penalty,
                            "\(record.kind) \(bytes)B at \(bandwidth)bps")
                }
                let series = try sim.op(rpc)
                #expect(series.status == .done)
                #expect(try #require(series.elapsed) >= series.penalty * 2, "rpc \(bytes)B at \(bandwidth)bps")
            }
        }
    }

    @Test func aFileReadFromItsServerTakesAtLeastThePenaltyOfItsBytes() throws {
        let (sim, _, _) = try slowPair(bitsPerSecond: 10_000_000)
        sim.setDomain("/", server: 1)
        let size: Int64 = 1 << 20
        _ = sim.createFile(on: 0, path: "/big", size: size, directory: false)
        sim.runToIdle()
        _ = sim.openFile(on: 0, path: "/big", writable: false)
        sim.runToIdle()
        sim.setClientCache(node: 0, enabled: false)
        let read = sim.readFile(on: 0, path: "/big")
        sim.runToIdle()
        let record = try sim.op(read)
        #expect(record.status == .done)
        #expect(record.bytes == size)
        #expect(try #require(record.elapsed) >= sim.networkPenalty(bytes: size, from: 1, to: 0))
    }

    /// At one instant the trace gives a cause before its effects.
    @Test func aCrashIsTracedBeforeTheFailuresItCauses() throws {
        let (sim, a, _) = try slowPair(bitsPerSecond: 10_000_000)
        let running = sim.compute(by: a, duration: .ms(10))
        let queued = sim.compute(by: a, duration: .ms(10))
        _ = sim.run(until: .ms(5))
        _ = sim.drainTrace()
        sim.crash(0)
        let events = sim.drainTrace().map(\.event)
        #expect(events.count == 3)
        guard case .nodeCrashed(node: 0, _)? = events.first else {
            Issue.record("the crash is not first: \(events)")
            return
        }
        #expect(events.dropFirst().allSatisfy { if case .operationFailed = $0 { true } else { false } })
        #expect(try sim.op(running).status == .failed(.nodeDown(node: 0)))
        #expect(try sim.op(queued).finishedAt == .ms(5))
    }

    /// A reply lost to a partition is retransmitted after the end of time:
    /// the sender waiting for it fails, it does not wait silently for ever.
    @Test func aReplyRetransmittedPastTheHorizonFailsItsSender() throws {
        let (sim, a, b) = try slowPair(bitsPerSecond: 1_000_000_000)
        _ = sim.run(until: .horizon - .ms(5))
        let send = sim.send(from: a, to: b, text: "ping")
        _ = sim.receive(by: b)
        sim.runToIdle()
        let reply = sim.reply(from: b, to: a, text: "pong")
        _ = sim.run(until: sim.now + .us(30))
        sim.partition([[0], [1]])
        sim.runToIdle()
        #expect(try sim.op(reply).status == .done)
        #expect(try sim.op(send).status == .failed(.endOfTime))
        #expect(sim.processInfo(a).state == .ready)
        #expect(!sim.now.isPastHorizon)
    }
}
