import Testing
import SpriteKernel

@Suite struct SimTimeTests {
    @Test(arguments: [
        (Int64(0), "0s"),
        (25_600, "25.6us"),
        (1_051_200, "1.0512ms"),
        (2_000_000_000, "2s"),
        (999, "999ns"),
        (1_000, "1us"),
        (1_500_000, "1.5ms"),
        (10_001_051_200, "10.0010512s"),
        (1_000_000_001, "1.000000001s"),
        (-1_500_000, "-1.5ms"),
    ])
    func formatIsExact(nanoseconds: Int64, text: String) {
        #expect(SimTime.exact(nanoseconds) == text)
        #expect(SimTime.ns(nanoseconds).exactDescription == text)
    }

    @Test func constructorsAndArithmetic() {
        #expect(SimTime.us(3) == .ns(3_000))
        #expect(SimTime.ms(2) == .us(2_000))
        #expect(SimTime.s(1) == .ms(1_000))
        #expect(SimTime.ms(1) + .us(5) == .ns(1_005_000))
        #expect(SimTime.ms(1) - .us(5) == .ns(995_000))
        #expect(SimTime.us(7) * 3 == .us(21))
        #expect(SimTime.us(1) < .us(2))
        #expect(SimTime.s(3).seconds == 3.0)
    }

    @Test func speedScalingRoundsUp() {
        #expect(SimTime.ns(100).scaled(bySpeed: 3) == .ns(34))
        #expect(SimTime.us(100).scaled(bySpeed: 2) == .us(50))
        #expect(SimTime.us(100).scaled(bySpeed: 0.5) == .us(200))
        #expect(SimTime.us(100).scaled(bySpeed: 1) == .us(100))
        #expect(SimTime.ns(1).scaled(bySpeed: 1000) == .ns(1))
    }
}

@Suite struct CostModelTests {
    @Test func transmissionTimeIsExact() {
        // 32 B at 10 Mbit/s.
        #expect(Transmission.time(bits: 32 * 8, bitsPerSecond: 10_000_000) == .ns(25_600))
        // 1540 B at 1 Gbit/s.
        #expect(Transmission.time(bits: 1540 * 8, bitsPerSecond: 1_000_000_000) == .ns(12_320))
        // A fractional nanosecond rounds up, never down.
        #expect(Transmission.time(bits: 1, bitsPerSecond: 3) == .ns(333_333_334))
        #expect(Transmission.time(bits: 3, bitsPerSecond: 3) == .s(1))
        #expect(Transmission.time(bits: 1, bitsPerSecond: 1_000_000_000) == .ns(1))
        #expect(Transmission.time(bits: 1, bitsPerSecond: 2_000_000_000) == .ns(1))
        #expect(Transmission.time(bits: 0, bitsPerSecond: 10) == .zero)
        #expect(Transmission.time(bits: 10, bitsPerSecond: 0) == .zero)
        // bits * 1e9 overflows Int64 here; the full-width arithmetic must not.
        #expect(Transmission.time(bits: 8 << 40, bitsPerSecond: 8_000_000_000) == .ns(1 << 40))
    }

    @Test func packetCount() {
        let modern = CostPreset.modern.model
        #expect(modern.packetCount(payloadBytes: 0) == 1)
        #expect(modern.packetCount(payloadBytes: -5) == 1)
        #expect(modern.packetCount(payloadBytes: 1) == 1)
        #expect(modern.packetCount(payloadBytes: 1500) == 1)
        #expect(modern.packetCount(payloadBytes: 1501) == 2)
        #expect(modern.packetCount(payloadBytes: 16 * 1024) == 11)
        let v = CostPreset.v1983.model
        #expect(v.packetCount(payloadBytes: 1024) == 1)
        #expect(v.packetCount(payloadBytes: 1025) == 2)
        #expect(v.packetCount(payloadBytes: 64 * 1024) == 64)
        #expect(CostPreset.zero.model.packetCount(payloadBytes: 64 * 1024 * 1024) == 1)
    }

    @Test func serializationCountsHeaders() {
        let modern = CostPreset.modern.model
        #expect(modern.serialization(wireBytes: 1500 + modern.headerBytes) == .ns(12_320))
        #expect(CostPreset.zero.model.serialization(wireBytes: 32) == .ns(25_600))
        #expect(CostPreset.sprite1988.model.localCopy(bytes: 8_000_000) == .s(1))
    }

    @Test func singlePacketPenalty() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero)
        #expect(sim.networkPenalty(bytes: 32, from: 0, to: 1) == Zero.transfer32)
        let modern = try makeSimulation(nodes: 2, preset: .modern)
        // (1000 + 40) B at 1 Gbit/s = 8.32 us, plus 50 us latency.
        #expect(modern.networkPenalty(bytes: 1000, from: 0, to: 1) == .ns(58_320))
    }

    @Test func fragmentedMessagePenalty() throws {
        let sim = try makeSimulation(nodes: 2, preset: .modern)
        // 16 KB at MTU 1500: ten full packets of 1540 wire bytes (12.32 us each) and a
        // last one of 1384 + 40 = 1424 (11.392 us), back to back on the link, then 50 us.
        let expected = SimTime.ns(10 * 12_320 + 11_392 + 50_000)
        #expect(sim.networkPenalty(bytes: 16 * 1024, from: 0, to: 1) == expected)
        // More than the same bytes would cost as one unfragmented, header-free packet.
        let naive = Transmission.time(bits: 16 * 1024 * 8, bitsPerSecond: 1_000_000_000) + .us(50)
        #expect(expected > naive)
        // Each extra packet adds its header's wire time.
        #expect(expected - naive == Transmission.time(bits: 11 * 40 * 8, bitsPerSecond: 1_000_000_000))
    }

    @Test func fragmentedMessageWireBytes() throws {
        let sim = try makeSimulation(nodes: 2, preset: .modern)
        _ = sim.rpc(from: 0, to: 1, requestBytes: 100, replyBytes: 16 * 1024, service: .zero)
        sim.runToIdle()
        // Request: 100 + 40. Reply: 16384 + 11 * 40. Acknowledgement: 40.
        #expect(sim.statistics.wireBytes == 140 + 16_384 + 440 + 40)
        #expect(sim.statistics.packets == 13)
    }

    @Test func penaltyIsPipelinedAcrossHops() throws {
        // On a ring of 8, 0 -> 3 crosses three links, store and forward.
        let sim = try makeSimulation(nodes: 8, preset: .zero, topology: .ring)
        #expect(sim.networkPenalty(bytes: 32, from: 0, to: 3) == Zero.transfer32 * 3)
        // Two packets (1500 + 1 payload bytes) over three hops under the modern preset:
        // a full packet clocks in 12.32 us, the 41-byte last one in 0.328 us, latency 50 us.
        // Packet 1 leaves link k at 12.32 + (k - 1) * 62.32 us; packet 2 waits for it on
        // every link, so it leaves link 3 at 136.96 + 0.328 us and arrives 50 us later.
        let modern = try makeSimulation(nodes: 8, preset: .modern, topology: .ring)
        #expect(modern.networkPenalty(bytes: 1501, from: 0, to: 3) == .ns(187_288))
        #expect(modern.networkPenalty(bytes: 1501, from: 0, to: 1) == .ns(12_320 + 328 + 50_000))
    }

    @Test func presetsAreDistinct() {
        let models = CostPreset.allCases.map(\.model)
        #expect(models.count == 5)
        for i in models.indices {
            for j in models.indices where i < j {
                #expect(models[i] != models[j], "\(CostPreset.allCases[i]) equals \(CostPreset.allCases[j])")
            }
        }
        #expect(CostPreset(rawValue: "v-1983") == .v1983)
        #expect(CostPreset(rawValue: "sprite-1988") == .sprite1988)
        #expect(CostPreset(rawValue: "zero-overhead") == .zero)
        let zero = CostPreset.zero.model
        #expect(zero.headerBytes == 0)
        #expect(zero.sendOverhead == .zero && zero.receiveOverhead == .zero)
        #expect(zero.latency == .us(500) && zero.bitsPerSecond == 10_000_000)
        // Older hardware is slower than the modern preset at every software step.
        #expect(CostPreset.v1983.model.sendOverhead > CostPreset.modern.model.sendOverhead)
        #expect(CostPreset.sprite1988.model.bitsPerSecond < CostPreset.modern.model.bitsPerSecond)
    }

    @Test func networkConfigTakesItsPresetModel() {
        for preset in CostPreset.allCases {
            #expect(NetworkConfig(preset: preset).cost == preset.model)
        }
    }
}

/// The costs the era presets add to the wire: copies into and out of the
/// interface, per-packet CPU, per-call server CPU and the RPC size limit.
/// Every expected figure is derived by hand from the papers' formulas.
@Suite struct EraCostTests {
    /// A simulation of two nodes under `model`.
    private func pair(_ model: CostModel, speed: Double = 1) throws -> Simulation {
        var config = NetworkConfig(preset: .zero)
        config.cost = model
        let sim = Simulation(network: config)
        for index in 0..<2 { try sim.addNode(NodeSpec(name: "n\(index)", role: .workstation, speed: speed)) }
        return sim
    }

    @Test func copyAndPacketWorkAreChargedAtBothEnds() throws {
        var model = CostPreset.zero.model
        model.copyBytesPerSecond = 1_000_000     // 1 us a byte
        model.packetOverhead = .us(10)
        let sim = try pair(model)
        // 1000 B: 0.5 ms latency + 0.8 ms on the wire, and at each end 10 us + 1 ms of copying.
        #expect(sim.networkPenalty(bytes: 1000, from: 0, to: 1) == .us(500 + 800 + 2 * (10 + 1000)))
        // A node twice as fast does its share in half the time; the wire does not change.
        let fast = try pair(model, speed: 2)
        #expect(fast.networkPenalty(bytes: 1000, from: 0, to: 1) == .us(500 + 800 + 2 * (5 + 500)))
    }

    @Test(arguments: [0, 64, 128, 256, 512, 1024])
    func vPenaltyIsThePapersFormula(bytes: Int) throws {
        // P(n) = 0.0064 n + 0.390 ms at 8 MHz, 0.0054 n + 0.251 ms at 10 MHz; the copy
        // rates are whole bytes per second, so each copy may round up by under 1 ns a byte.
        let n = Int64(bytes)
        let slow = try makeSimulation(nodes: 2, preset: .v1983).networkPenalty(bytes: n, from: 0, to: 1)
        let fast = try makeSimulation(nodes: 2, preset: .v1983Fast).networkPenalty(bytes: n, from: 0, to: 1)
        let slowPaper = 6_400 * n + 390_000, fastPaper = 5_400 * n + 251_000
        #expect(abs(slow.nanoseconds - slowPaper) <= 2 * n / 1000 + 2)
        #expect(abs(fast.nanoseconds - fastPaper) <= 2 * n / 1000 + 2)
    }

    @Test func vSendReceiveReplyTakesThePapersTime() throws {
        // 2 x (500 us send + P(32) + 500 us receive), P(32) = 0.5948 ms: 3.1896 ms (paper: 3.18 ms).
        let sim = try makeSimulation(nodes: 2, preset: .v1983)
        let penalty32 = sim.networkPenalty(bytes: 32, from: 0, to: 1)
        #expect(penalty32 == .ns(594_802))          // 10 us + 80 B at 3 Mbps + 2 x (126 us + 59.734 us)
        let model = CostPreset.v1983.model
        #expect((model.sendOverhead + penalty32 + model.receiveOverhead) * 2 == .ns(3_189_604))
    }

    @Test func spriteNullRPCIsAboutTwoPointEightMilliseconds() throws {
        let sim = try makeSimulation(nodes: 2, preset: .sprite1988)
        let op = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        // Each way: 650 us + 32 B copied at 5.4 MB/s (5.926 us) + 96 B at 10 Mbps (76.8 us)
        // + 10 us + 5.926 us + 650 us = 1398.652 us; two of them and 100 us of service.
        #expect(try sim.op(op).elapsed == .ns(2 * 1_398_652 + 100_000))
    }

    @Test func rpcIsSplitAtTheSizeLimit() throws {
        let sim = try makeSimulation(nodes: 2, preset: .sprite1988)
        let op = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 1 << 20, service: .us(100))
        sim.runToIdle()
        // 1 MB of results at 16 KB a call: 64 RPCs, each a request, 11 fragments and one ack.
        #expect(sim.statistics.rpcCalls == 64)
        #expect(try sim.op(op).packets == 64 * 13)
        #expect(try sim.op(op).completedCalls == 1)
        // The procedure runs once; the other 63 requests only ask for the next piece.
        #expect(sim.cpuBusy(1) == .us(100))
    }

    @Test func largeArgumentsAreSentInPiecesAcknowledgedEmpty() throws {
        var model = CostPreset.zero.model
        model.maxRPCBytes = 1000
        let sim = try pair(model)
        let op = sim.rpc(from: 0, to: 1, requestBytes: 2500, replyBytes: 10, service: .ms(1))
        sim.runToIdle()
        // Pieces of 1000, 1000 and 500 B, the first two answered by empty replies:
        // three round trips of 0.5 ms each way, plus the wire time of every byte.
        #expect(sim.statistics.rpcCalls == 3)
        let wire = Transmission.time(bits: (2500 + 10) * 8, bitsPerSecond: 10_000_000)
        #expect(try sim.op(op).elapsed == .ms(3) + wire + .ms(1))
    }

    @Test func speedDividesEveryEndsWork() throws {
        // A SPARCstation 1 (speed 1.9 at both ends): the wire part, 2 x 86.8 us, stays;
        // the rest of the 2.8973 ms null RPC is divided by 1.9: about 1.6 ms (paper: 1.6 ms).
        let sim = try makeSimulation(nodes: 2, preset: .sprite1988, speed: 1.9)
        let op = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        let elapsed = try #require(try sim.op(op).elapsed)
        let expected = 173_600 + (2_897_304 - 173_600) * 10 / 19
        #expect(abs(elapsed.nanoseconds - Int64(expected)) < 10)
    }
}
