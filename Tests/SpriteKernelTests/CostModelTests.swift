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
        #expect(models.count == 4)
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
