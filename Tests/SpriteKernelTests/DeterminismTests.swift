import Testing
import SpriteKernel

/// A run's observable results.
private struct Outcome: Equatable {
    var trace: [TraceRecord]
    var statistics: Statistics
    var statuses: [OperationStatus]
    var end: SimTime
}

/// A mixed workload on a lossy network: RPC series between several pairs,
/// V Send/Receive/Reply with a bulk move, and a crash and restart.
private func lossyRun(seed: UInt64, loss: Double = 0.3) throws -> Outcome {
    let sim = try makeSimulation(nodes: 6, preset: .sprite1988, topology: .bus, loss: loss, seed: seed)
    sim.traceLevel = .messages
    for client in 1...4 {
        _ = sim.rpc(from: client, to: 0, requestBytes: 64, replyBytes: Int64(client) * 2000,
                    service: .us(300), count: 20)
    }
    let a = try sim.addProcess(named: "a", on: 5)
    let b = try sim.addProcess(named: "b", on: 0)
    for round in 0..<5 {
        _ = sim.send(from: a, to: b, text: "req \(round)")
        _ = sim.receive(by: b)
        _ = sim.moveTo(from: b, to: a, bytes: 8 * 1024)
        _ = sim.reply(from: b, to: a, text: "ok \(round)")
    }
    _ = sim.run(until: .ms(40))
    sim.crash(3)
    _ = sim.run(until: .ms(60))
    sim.restart(3)
    _ = sim.rpc(from: 3, to: 0, requestBytes: 64, replyBytes: 64, service: .us(300), count: 5)
    _ = sim.run()
    return Outcome(trace: sim.drainTrace(), statistics: sim.statistics,
                   statuses: (0..<sim.operationCount).map { sim.operation(Int32($0))!.status }, end: sim.now)
}

@Suite struct DeterminismTests {
    @Test func sameSeedSameEverything() throws {
        let first = try lossyRun(seed: 7)
        let second = try lossyRun(seed: 7)
        // The workload must really exercise loss and retransmission.
        #expect(first.statistics.messagesDropped > 0)
        #expect(first.statistics.retransmissions > 0)
        #expect(first.trace.count > 100)
        #expect(first.trace == second.trace)
        #expect(first.statistics == second.statistics)
        #expect(first.statuses == second.statuses)
        #expect(first.end == second.end)
    }

    @Test func differentSeedsDiffer() throws {
        let one = try lossyRun(seed: 1)
        let two = try lossyRun(seed: 2)
        #expect(one.trace != two.trace)
        #expect(one.statistics.messagesDropped != two.statistics.messagesDropped
                || one.end != two.end || one.statistics.packets != two.statistics.packets)
    }

    @Test func withoutLossTheSeedDoesNotMatter() throws {
        let one = try lossyRun(seed: 1, loss: 0)
        let two = try lossyRun(seed: 99, loss: 0)
        #expect(one.statistics.messagesDropped == two.statistics.messagesDropped)
        #expect(one.trace == two.trace)
    }

    @Test func lossRateMatchesTheProbability() throws {
        // 2000 single-packet requests on a pair with loss 0.3: about 30% are dropped.
        let sim = try makeSimulation(nodes: 2, loss: 0.3, seed: 11)
        for _ in 0..<2000 {
            _ = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .zero)
        }
        sim.runToIdle()
        let s = sim.statistics
        let rate = Double(s.messagesDropped) / Double(s.messagesSent)
        #expect(rate > 0.27 && rate < 0.33, "drop rate \(rate)")
        #expect(s.messagesSent == s.messagesDelivered + s.messagesDropped)
    }

    @Test func generatorIsSeededAndUniform() {
        var x = SeededGenerator(seed: 5)
        var y = SeededGenerator(seed: 5)
        var z = SeededGenerator(seed: 6)
        let xs = (0..<100).map { _ in x.next() }
        #expect(xs == (0..<100).map { _ in y.next() })
        #expect(xs != (0..<100).map { _ in z.next() })
        var sum = 0.0
        for _ in 0..<10_000 {
            let u = x.nextUnit()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / 10_000 - 0.5) < 0.02)
    }

    @Test func simulationRandomnessFollowsTheSeed() throws {
        let a = try makeSimulation(nodes: 1, seed: 3)
        let b = try makeSimulation(nodes: 1, seed: 3)
        let c = try makeSimulation(nodes: 1, seed: 4)
        let da = (0..<10).map { _ in a.randomUnit() }
        #expect(da == (0..<10).map { _ in b.randomUnit() })
        #expect(da != (0..<10).map { _ in c.randomUnit() })
        #expect(a.seed == 3)
    }
}
