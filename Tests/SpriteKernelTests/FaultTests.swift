import Testing
import SpriteKernel

private func drops(_ trace: [TraceRecord]) -> [DropReason] {
    trace.compactMap { if case .messageDropped(_, let reason) = $0.event { return reason } else { return nil } }
}

@Suite struct FaultTests {
    static let zero = CostPreset.zero.model
    /// Retransmissions allowed by the zero preset (5) and the timeout between them (0.1 s).
    static let attempts = zero.maxRetransmits + 1

    // MARK: Crashes

    @Test func serverCrashWhileServingFailsTheCall() throws {
        let sim = try makeSimulation(nodes: 2)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        // The request arrives at 525.6 us and is served until 625.6 us.
        #expect(sim.run(until: .us(600)) == .reachedDeadline)
        sim.crash(1)
        #expect(!sim.isUp(1))
        sim.runToIdle()
        let record = try sim.op(call)
        switch record.status {
        case .failed(.peerCrashed(let node)), .failed(.noAnswer(let node, _)): #expect(node == 1)
        default: Issue.record("expected the call to fail, got \(record.status)")
        }
        // No reply ever leaves the crashed server; the client gives up after the
        // whole retransmission budget.
        #expect(record.status == .failed(.peerCrashed(node: 1)))
        #expect(record.finishedAt == .us(600) + Self.zero.retransmitTimeout * Int64(Self.attempts))
        #expect(record.completedCalls == 0)
        #expect(sim.statistics.messagesSent == 1)
    }

    @Test func serverCrashWhileRequestInFlightExhaustsRetransmissions() throws {
        let sim = try makeSimulation(nodes: 2)
        sim.traceLevel = .messages
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        _ = sim.run(until: .us(100))
        sim.crash(1)
        sim.runToIdle()
        let record = try sim.op(call)
        #expect(record.status == .failed(.noAnswer(node: 1, attempts: Self.attempts)))
        // Attempt k leaves at k x 0.1 s; the last, sent at 0.5 s, waits its timeout too.
        #expect(record.finishedAt == .ms(600))
        #expect(sim.statistics.retransmissions == Self.zero.maxRetransmits)
        #expect(sim.statistics.messagesDropped == Self.attempts)
        #expect(drops(sim.drainTrace()) == Array(repeating: .destinationDown, count: Self.attempts))
    }

    @Test func messagesToADownNodeAreDroppedAndRetransmitted() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        sim.crash(1)
        #expect(sim.processInfo(b).state == .dead)
        sim.traceLevel = .messages
        let send = sim.send(from: a, to: b, text: "anyone?")
        sim.runToIdle()
        #expect(sim.statistics.retransmissions > 0)
        #expect(sim.statistics.retransmissions == Self.zero.maxRetransmits)
        #expect(sim.statistics.messagesDelivered == 0)
        let trace = sim.drainTrace()
        #expect(drops(trace).allSatisfy { $0 == .destinationDown })
        #expect(trace.contains { if case .retransmitting = $0.event { true } else { false } })
        #expect(try sim.op(send).status == .failed(.noAnswer(node: 1, attempts: Self.attempts)))
        #expect(sim.processInfo(a).state == .ready)
    }

    @Test func restartBeforeRetransmissionsRunOutLetsTheCallComplete() throws {
        let sim = try makeSimulation(nodes: 2)
        sim.crash(1)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        _ = sim.run(until: .ms(150))
        sim.restart(1)
        #expect(sim.isUp(1))
        sim.runToIdle()
        let record = try sim.op(call)
        #expect(record.status == .done)
        // Attempts at 0 and 0.1 s are dropped; the one at 0.2 s gets through.
        #expect(record.finishedAt == .ms(200) + Zero.rpc32)
        #expect(sim.statistics.retransmissions == 2)
    }

    @Test func serverBackUpKeepsServingALongSeries() throws {
        // A crash while a request is on its way, then a quick restart: the request
        // is retransmitted 0.1 s later and the series goes on to the end, long after
        // the time at which a client would give up on a server that stayed down.
        let sim = try makeSimulation(nodes: 2)
        let calls = 1000
        let series = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: calls)
        // Call 9 starts at 8 x 1.1512 ms = 9.2096 ms; its request is in flight at 9.5 ms.
        _ = sim.run(until: .us(9_500))
        sim.crash(1)
        _ = sim.run(until: .ms(20))
        sim.restart(1)
        sim.runToIdle()
        let record = try sim.op(series)
        #expect(record.status == .done)
        #expect(record.completedCalls == calls)
        #expect(sim.now == Zero.rpc32 * Int64(calls) + Self.zero.retransmitTimeout)
        #expect(sim.statistics.retransmissions == 1)
    }

    @Test func clientCrashFailsItsSeries() throws {
        let sim = try makeSimulation(nodes: 2)
        let series = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100), count: 50)
        _ = sim.run(until: .ms(5))
        sim.crash(0)
        sim.runToIdle()
        let record = try sim.op(series)
        #expect(record.status == .failed(.nodeDown(node: 0)))
        #expect(record.finishedAt == .ms(5))
        #expect(record.completedCalls == 4)
        #expect(sim.statistics.operationsFailed == 1)
    }

    @Test func restartBringsProcessesBackReady() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        let first = sim.send(from: a, to: b, text: "one")
        let pending = sim.compute(by: b, duration: .ms(10))
        let queued = sim.receive(by: b)
        _ = sim.run(until: .ms(1))
        #expect(sim.processInfo(b).inboxCount == 1)
        sim.crash(1)
        #expect(sim.processInfo(b).state == .dead)
        #expect(try sim.op(pending).status == .failed(.nodeDown(node: 1)))
        #expect(try sim.op(queued).status == .failed(.nodeDown(node: 1)))
        // Work for a dead process fails at once.
        let refused = sim.compute(by: b, duration: .ms(1))
        #expect(try sim.op(refused).status == .failed(.nodeDown(node: 1)))
        #expect(sim.drainTrace().contains { $0.event == .nodeCrashed(node: 1, lostMessages: 1) })

        sim.restart(1)
        let info = sim.processInfo(b)
        #expect(info.state == .ready)
        #expect(info.inboxCount == 0 && info.queuedSteps == 0 && info.lastReceived == nil)
        // The restarted process works normally.
        let receive = sim.receive(by: b)
        let c = try sim.addProcess(named: "c", on: 0)
        let second = sim.send(from: c, to: b, text: "two")
        _ = sim.reply(from: b, to: c, text: "back")
        sim.runToIdle()
        #expect(try sim.op(receive).text == "two")
        #expect(try sim.op(second).status == .done)
        // a's send died with b's memory: a gives up after the retransmission budget.
        #expect(try sim.op(first).status == .failed(.peerCrashed(node: 1)))
        #expect(sim.processInfo(a).state == .ready)
    }

    @Test func peerCrashDuringMoveFromReleasesTheMover() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        _ = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        sim.runToIdle()
        // b asks a's kernel for 64 KB; the data leaves node 0 at once and is on
        // the wire when node 0 crashes, so it never arrives.
        let fetch = sim.moveFrom(by: b, from: a, bytes: 64 * 1024)
        let crashAt = sim.now + Zero.transfer32 + .ms(1)
        _ = sim.run(until: crashAt)
        #expect(sim.processInfo(b).state == .busy)
        sim.crash(0)
        sim.runToIdle()
        #expect(try sim.op(fetch).status == .failed(.peerCrashed(node: 0)))
        #expect(try sim.op(fetch).finishedAt == crashAt + Self.zero.retransmitTimeout * Int64(Self.attempts))
        #expect(sim.processInfo(b).state == .ready)
    }

    // MARK: Partitions

    @Test func partitionDropsTrafficBetweenGroupsAndHealRestoresIt() throws {
        let sim = try makeSimulation(nodes: 4)
        sim.partition([[0, 1], [2, 3]])
        #expect(sim.isPartitioned)
        sim.traceLevel = .messages
        let across = sim.rpc(from: 0, to: 2, requestBytes: 32, replyBytes: 32, service: .us(100))
        let inside = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        let other = sim.rpc(from: 3, to: 2, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        #expect(try sim.op(across).status == .failed(.noAnswer(node: 2, attempts: Self.attempts)))
        #expect(try sim.op(inside).status == .done)
        #expect(try sim.op(other).status == .done)
        #expect(try sim.op(inside).elapsed == Zero.rpc32)
        #expect(drops(sim.drainTrace()) == Array(repeating: .partition, count: Self.attempts))

        sim.heal()
        #expect(!sim.isPartitioned)
        // A lost packet still took its wire time: let the last attempt clear link 0->2.
        #expect(sim.run(until: sim.now + .ms(1)) == .idle)
        let start = sim.now
        let again = sim.rpc(from: 0, to: 2, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        #expect(try sim.op(again).status == .done)
        #expect(sim.now == start + Zero.rpc32)
    }

    @Test func healBeforeRetransmissionsRunOutDeliversTheMessage() throws {
        let sim = try makeSimulation(nodes: 2)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        // In flight when the partition strikes: dropped on arrival.
        _ = sim.run(until: .us(100))
        sim.partition([[0]])
        _ = sim.run(until: .ms(150))
        sim.heal()
        sim.runToIdle()
        #expect(try sim.op(call).status == .done)
        // Attempt 1 (at 0.1 s) is lost to the partition; attempt 2 at 0.2 s succeeds.
        #expect(try sim.op(call).finishedAt == .ms(200) + Zero.rpc32)
        #expect(sim.statistics.retransmissions == 2)
    }

    @Test func unnamedNodesFormOneMoreGroup() throws {
        let sim = try makeSimulation(nodes: 3)
        sim.partition([[0]])
        let a = sim.rpc(from: 1, to: 2, requestBytes: 32, replyBytes: 32, service: .zero)
        let b = sim.rpc(from: 1, to: 0, requestBytes: 32, replyBytes: 32, service: .zero)
        sim.runToIdle()
        #expect(try sim.op(a).status == .done)
        #expect(try sim.op(b).status == .failed(.noAnswer(node: 0, attempts: Self.attempts)))
    }

    // MARK: Loss

    @Test func certainLossOnAPairExhaustsRetransmissions() throws {
        let sim = try makeSimulation(nodes: 3)
        sim.setLoss(1.0, between: 0, and: 1)
        #expect(sim.lossProbability(between: 1, and: 0) == 1.0)
        #expect(sim.lossProbability(between: 0, and: 2) == 0)
        let lost = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        let fine = sim.rpc(from: 0, to: 2, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        let record = try sim.op(lost)
        #expect(record.status == .failed(.noAnswer(node: 1, attempts: Self.zero.maxRetransmits + 1)))
        // Lost on the wire at send time: attempt k at k x 0.1 s; the last, at 0.5 s, times out at 0.6 s.
        #expect(record.finishedAt == .ms(600))
        #expect(sim.statistics.retransmissions == Self.zero.maxRetransmits)
        #expect(sim.statistics.messagesDropped == Self.attempts)
        #expect(try sim.op(fine).status == .done)
        #expect(try sim.op(fine).elapsed == Zero.rpc32)
    }

    @Test func lostRPCReplyFailsTheCallNamingTheServer() throws {
        let sim = try makeSimulation(nodes: 2)
        let call = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .ms(1))
        _ = sim.run(until: .ms(1))
        sim.setLoss(1.0, between: 0, and: 1)
        sim.runToIdle()
        #expect(try sim.op(call).status == .failed(.noAnswer(node: 1, attempts: Self.attempts)))
    }

    @Test func lostReplyFailsTheBlockedSender() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        let send = sim.send(from: a, to: b, text: "ping")
        _ = sim.receive(by: b)
        sim.runToIdle()
        sim.setLoss(1.0, between: 0, and: 1)
        _ = sim.reply(from: b, to: a, text: "pong")
        sim.runToIdle()
        #expect(sim.statistics.retransmissions == Self.zero.maxRetransmits)
        // The sender is released, and its Send says why.
        #expect(sim.processInfo(a).state == .ready)
        #expect(try sim.op(send).status == .failed(.noAnswer(node: 1, attempts: Self.attempts)))
    }

    @Test func lostMoveToDataFailsTheMoverNotThePeer() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        let send = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        sim.runToIdle()
        sim.setLoss(1.0, between: 0, and: 1)
        let move = sim.moveTo(from: b, to: a, bytes: 4096)
        sim.runToIdle()
        #expect(try sim.op(move).status == .failed(.noAnswer(node: 0, attempts: Self.attempts)))
        // The mover goes on; the peer is still blocked awaiting b's reply.
        #expect(sim.processInfo(b).state == .ready)
        #expect(sim.processInfo(a).state == .awaitingReply(peer: b))
        #expect(try sim.op(send).status == .running)
        sim.setLoss(0, between: 0, and: 1)
        let reply = sim.reply(from: b, to: a, text: "gave up")
        sim.runToIdle()
        #expect(try sim.op(reply).status == .done)
        #expect(try sim.op(send).status == .done)
        #expect(try sim.op(send).text == "gave up")
    }

    @Test func lostMoveAckFailsTheMover() throws {
        let sim = try makeSimulation(nodes: 2)
        let a = try sim.addProcess(named: "a", on: 0)
        let b = try sim.addProcess(named: "b", on: 1)
        _ = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        sim.runToIdle()
        let move = sim.moveTo(from: b, to: a, bytes: 64)
        // The data (64 B: 51.2 us + 0.5 ms) arrives at 1.0768 ms and the ack leaves at
        // once; a partition struck before the ack arrives drops it and every retry.
        _ = sim.run(until: .ms(1) + .us(100))
        sim.partition([[0]])
        sim.runToIdle()
        #expect(try sim.op(move).status == .failed(.noAnswer(node: 0, attempts: Self.attempts)))
        #expect(sim.processInfo(b).state == .ready)
        #expect(sim.processInfo(a).state == .awaitingReply(peer: b))
    }
}
