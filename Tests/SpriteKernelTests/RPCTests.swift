import Testing
import SpriteKernel

/// The `packets` of every per-call RPC record.
private func perCallPackets(_ trace: [TraceRecord]) -> [Int64] {
    trace.compactMap { entry in
        switch entry.event {
        case .rpcCompleted(_, _, _, _, _, _, _, let packets): return packets
        default: return nil
        }
    }
}

@Suite struct RPCTests {
    @Test func smallCallIsTwoPackets() throws {
        let sim = try makeSimulation(nodes: 2, preset: .modern)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        let record = try sim.op(call)
        #expect(record.status == .done)
        #expect(record.kind == .rpc)
        #expect(record.packets == 2)
        #expect(record.completedCalls == 1)
        #expect(record.bytes == 64)
        #expect(sim.statistics.packets == 2)
        #expect(sim.statistics.rpcCalls == 1)
        // Each way: 5 us send + (32 + 40) B at 1 Gbit/s + 50 us + 5 us receive; plus service.
        #expect(record.elapsed == .ns(2 * (5_000 + 576 + 50_000 + 5_000) + 100_000))
        #expect(record.penalty == .ns(2 * (576 + 50_000)))
    }

    @Test func fragmentedReplyIsAcknowledgedOnce() throws {
        let sim = try makeSimulation(nodes: 2, preset: .modern)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 16 * 1024, service: .us(100))
        sim.runToIdle()
        let record = try sim.op(call)
        #expect(record.status == .done)
        // 1 request + 11 reply fragments (MTU 1500) + 1 acknowledgement.
        #expect(record.packets == 1 + 11 + 1)
        #expect(sim.statistics.packets == 13)
        // The caller does not wait for the acknowledgement.
        let reply = sim.networkPenalty(bytes: 16 * 1024, from: 1, to: 0)
        let expected: SimTime = .ns(5_000 + 576 + 50_000 + 5_000) + .us(100) + .us(5) + reply + .us(5)
        #expect(record.elapsed == expected)
        // The per-call trace record counts the same packets as the operation.
        #expect(perCallPackets(sim.drainTrace()) == [13])
    }

    @Test func fragmentedRequestNeedsNoExtraAcknowledgement() throws {
        let sim = try makeSimulation(nodes: 2, preset: .modern)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 16 * 1024, replyBytes: 32, service: .zero, count: 3)
        sim.runToIdle()
        #expect(try sim.op(call).packets == 3 * (11 + 1))
        #expect(try sim.op(call).completedCalls == 3)
    }

    @Test(arguments: [1, 1000])
    func pingPongEndTimeIsExact(calls: Int) throws {
        // Zero overhead: each call is 2 x (0.5 ms + 32 B x 8 / 10 Mbit/s) + 0.1 ms = 1.1512 ms.
        let sim = Simulation(network: NetworkConfig(preset: .zero, topology: .switched))
        let client = try sim.addNode(NodeSpec(name: "client", role: .workstation))
        let server = try sim.addNode(NodeSpec(name: "server", role: .server, cpus: 1))
        let call = sim.rpc(from: client, to: server, requestBytes: 32, replyBytes: 32,
                           service: .us(100), count: calls)
        #expect(sim.run() == .idle)
        #expect(sim.now == .ns(Int64(calls) * 1_151_200))
        // The same figure from the model's terms: latency + size x 8 / bandwidth, each way, plus service.
        let transfer = SimTime.us(500) + SimTime.ns(32 * 8 * 1_000_000_000 / 10_000_000)
        #expect(sim.now == (transfer * 2 + .us(100)) * Int64(calls))
        let record = try sim.op(call)
        #expect(record.status == .done)
        #expect(record.completedCalls == calls)
        #expect(record.elapsed == sim.now)
        #expect(record.penalty == .ns(1_051_200))
        #expect(sim.statistics.rpcCalls == calls)
        #expect(sim.statistics.packets == Int64(2 * calls))
        #expect(sim.statistics.eventsProcessed == Int64(3 * calls))
        #expect(sim.cpuBusy(server) == .us(100) * Int64(calls))
    }

    @Test func oneCPUServesRequestsInArrivalOrder() throws {
        let sim = try makeSimulation(nodes: 4, preset: .zero)
        let calls = (1...3).map { sim.rpc(from: $0, to: 0, requestBytes: 32, replyBytes: 32, service: .us(100)) }
        sim.runToIdle()
        let ends = try calls.map { try sim.op($0).finishedAt }
        #expect(ends == [.ns(1_151_200), .ns(1_251_200), .ns(1_351_200)])
    }

    @Test func moreCPUsOrAFasterCPUServeSooner() throws {
        let twoCPUs = try makeSimulation(nodes: 3, preset: .zero, cpus: 2)
        let a = (1...2).map { twoCPUs.rpc(from: $0, to: 0, requestBytes: 32, replyBytes: 32, service: .us(100)) }
        twoCPUs.runToIdle()
        #expect(try a.map { try twoCPUs.op($0).finishedAt } == [.ns(1_151_200), .ns(1_151_200)])

        let fast = try makeSimulation(nodes: 2, preset: .zero, speed: 2)
        let b = fast.rpc(from: 1, to: 0, requestBytes: 32, replyBytes: 32, service: .us(100))
        fast.runToIdle()
        #expect(try fast.op(b).elapsed == .ns(1_101_200))
    }

    @Test func severalClientsShareOneServer() throws {
        // The bench's model in small: 5 clients x 4 calls on one server CPU.
        let sim = try makeSimulation(nodes: 6, preset: .zero)
        let series = (1...5).map { sim.rpc(from: $0, to: 0, requestBytes: 32, replyBytes: 32,
                                           service: .us(100), count: 4) }
        sim.runToIdle()
        #expect(try series.map { try sim.op($0).completedCalls } == [4, 4, 4, 4, 4])
        #expect(sim.statistics.rpcCalls == 20)
        #expect(sim.cpuBusy(0) == .ms(2))
        // All first requests arrive together and are served in client order, 0.1 ms
        // apart; after that the clients stay staggered and never wait again.
        let ends = try series.map { try sim.op($0).finishedAt }
        #expect(ends == (0..<5).map { Zero.rpc32 * 4 + .us(100) * Int64($0) })
        #expect(sim.now == Zero.rpc32 * 4 + .us(400))
    }

    @Test func seriesReportsOneSummary() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: 10)
        sim.runToIdle()
        let trace = sim.drainTrace()
        // Per-call records are message-level detail; at the default level only the summary shows.
        #expect(trace.count == 1)
        guard case .rpcSeriesCompleted(let op, let client, let server, let calls, let elapsed, let mean,
                                       let penalty, let packets) = trace.first?.event else {
            Issue.record("expected a series summary, got \(trace)")
            return
        }
        #expect(op == call && client == 0 && server == 1 && calls == 10)
        #expect(elapsed == Zero.rpc32 * 10)
        #expect(mean == Zero.rpc32)
        #expect(penalty == .ns(1_051_200))
        #expect(packets == 20)
        #expect(trace.first?.time == Zero.rpc32 * 10)
        #expect(sim.drainTrace().isEmpty)
    }

    @Test func traceLevelsFilterRecords() throws {
        func traceCount(_ level: TraceLevel) throws -> Int {
            let sim = try makeSimulation(nodes: 2, preset: .zero)
            sim.traceLevel = level
            _ = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: 2)
            sim.runToIdle()
            return sim.drainTrace().count
        }
        #expect(try traceCount(.off) == 0)
        #expect(try traceCount(.operations) == 1)
        // Per call: 2 sent + 2 delivered + 1 call record; then the summary.
        #expect(try traceCount(.messages) == 2 * 5 + 1)
    }

    @Test func callFromADownNodeFailsAtOnce() throws {
        let sim = try makeSimulation(nodes: 2, preset: .zero)
        sim.crash(0)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        #expect(try sim.op(call).status == .failed(.nodeDown(node: 0)))
        sim.runToIdle()
        #expect(sim.statistics.messagesSent == 0)
    }
}
