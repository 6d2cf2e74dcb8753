import Testing
import SpriteKernel

/// Two nodes (modern preset unless told), processes `a` on `aNode` and `b` on `bNode`.
private func pair(preset: CostPreset = .modern, aNode: Int = 0, bNode: Int = 1,
                  cpus: Int = 1) throws -> (Simulation, a: Int, b: Int) {
    let sim = try makeSimulation(nodes: 2, preset: preset, cpus: cpus)
    let a = try sim.addProcess(named: "a", on: aNode)
    let b = try sim.addProcess(named: "b", on: bNode)
    return (sim, a, b)
}

@Suite struct IPCTests {
    // Modern preset: 5 us send + 50 us latency + (32 + 40) B at 1 Gbit/s (576 ns) + 5 us receive.
    static let modernOneWay = SimTime.ns(5_000 + 576 + 50_000 + 5_000)

    @Test func remoteSendReceiveReply() throws {
        let (sim, a, b) = try pair()
        let send = sim.send(from: a, to: b, text: "ping")
        let receive = sim.receive(by: b)
        let reply = sim.reply(from: b, to: a, text: "pong")
        sim.runToIdle()

        let sent = try sim.op(send)
        #expect(sent.status == .done)
        #expect(sent.elapsed == Self.modernOneWay * 2)
        #expect(sent.text == "pong")
        // A Send's penalty covers the round trip: the message out and the reply back.
        #expect(sent.penalty == sim.networkPenalty(bytes: 32, from: 0, to: 1)
                    + sim.networkPenalty(bytes: 32, from: 1, to: 0))
        let received = try sim.op(receive)
        #expect(received.status == .done)
        #expect(received.text == "ping")
        #expect(received.peer == a)
        #expect(received.finishedAt == Self.modernOneWay)
        #expect(try sim.op(reply).status == .done)
        #expect(sim.processInfo(a).state == .ready)
        #expect(sim.processInfo(a).lastReceived == "pong")
        #expect(sim.processInfo(b).lastReceived == "ping")
        #expect(sim.statistics.packets == 2)
        #expect(sim.statistics.localMessages == 0)
        #expect(sim.statistics.messagesDelivered == 2)
    }

    @Test func localRoundTripUsesLocalMessageCost() throws {
        let (sim, a, b) = try pair(bNode: 0)
        let send = sim.send(from: a, to: b, text: "ping")
        _ = sim.receive(by: b)
        _ = sim.reply(from: b, to: a, text: "pong")
        sim.runToIdle()
        let local = try #require(sim.op(send).elapsed)
        #expect(local == CostPreset.modern.model.localMessageCost * 2)
        #expect(sim.statistics.localMessages == 2)
        #expect(sim.statistics.packets == 0)
        #expect(try sim.op(send).text == "pong")

        // The same exchange between two nodes is slower.
        let (remoteSim, ra, rb) = try pair()
        let remoteSend = remoteSim.send(from: ra, to: rb, text: "ping")
        _ = remoteSim.receive(by: rb)
        _ = remoteSim.reply(from: rb, to: ra, text: "pong")
        remoteSim.runToIdle()
        let remote = try #require(remoteSim.op(remoteSend).elapsed)
        #expect(remote > local)

        // Under the 1983 preset a local exchange costs 2 x 0.5 ms.
        let (old, oa, ob) = try pair(preset: .v1983, bNode: 0)
        let oldSend = old.send(from: oa, to: ob, text: nil)
        _ = old.receive(by: ob)
        _ = old.reply(from: ob, to: oa, text: nil)
        old.runToIdle()
        #expect(try old.op(oldSend).elapsed == .ms(1))
        // Nothing crosses the network, so there is no network penalty: no wire and no interface copies.
        #expect(try old.op(oldSend).penalty == .zero)
        #expect(old.networkPenalty(bytes: 1024, from: 0, to: 0) == .zero)
        // The 10 MHz preset's local exchange is 2 x 385 us, the V paper's 0.77 ms.
        let (fast, fa, fb) = try pair(preset: .v1983Fast, bNode: 0)
        let fastSend = fast.send(from: fa, to: fb, text: nil)
        _ = fast.receive(by: fb)
        _ = fast.reply(from: fb, to: fa, text: nil)
        fast.runToIdle()
        #expect(try fast.op(fastSend).elapsed == .us(770))
    }

    @Test func receiveBeforeArrivalBlocksAndCompletesAtArrival() throws {
        let (sim, a, b) = try pair()
        let receive = sim.receive(by: b)
        #expect(sim.processInfo(b).state == .receiving)
        #expect(try sim.op(receive).status == .running)
        // The sender first computes for 1 ms, so the receiver waits that long and more.
        _ = sim.compute(by: a, duration: .ms(1))
        let send = sim.send(from: a, to: b, text: "late")
        sim.traceLevel = .operations
        sim.runToIdle()
        let received = try sim.op(receive)
        #expect(received.status == .done)
        #expect(received.finishedAt == .ms(1) + Self.modernOneWay)
        #expect(received.text == "late")
        let waited = sim.drainTrace().compactMap { record -> SimTime? in
            if case .vReceived(let op, _, _, _, _, let waited) = record.event, op == receive { return waited }
            return nil
        }
        #expect(waited == [.ms(1) + Self.modernOneWay])
        // Nobody replied: the sender is still blocked.
        #expect(try sim.op(send).status == .running)
        #expect(sim.processInfo(a).state == .awaitingReply(peer: b))
    }

    @Test func messageWaitsInInboxUntilReceived() throws {
        let (sim, a, b) = try pair()
        let send = sim.send(from: a, to: b, text: "hi")
        sim.runToIdle()
        #expect(sim.processInfo(b).inboxCount == 1)
        #expect(sim.processInfo(a).state == .awaitingReply(peer: b))
        let arrival = sim.now
        #expect(arrival == Self.modernOneWay)
        _ = try sim.scheduleTimer(at: .ms(2))
        #expect(sim.run() == .timer(id: 0))
        let receive = sim.receive(by: b)
        // Taken from the inbox at once, without waiting.
        #expect(try sim.op(receive).status == .done)
        #expect(try sim.op(receive).finishedAt == .ms(2))
        #expect(sim.processInfo(b).inboxCount == 0)
        _ = sim.reply(from: b, to: a, text: "ok")
        sim.runToIdle()
        #expect(try sim.op(send).finishedAt == .ms(2) + Self.modernOneWay)
    }

    @Test func replyToProcessThatDidNotSendFails() throws {
        let (sim, a, b) = try pair()
        let reply = sim.reply(from: b, to: a, text: "unasked")
        sim.runToIdle()
        #expect(try sim.op(reply).status == .failed(.notAwaitingReply(process: a, peer: b)))
        #expect(sim.statistics.messagesSent == 0)
        #expect(sim.processInfo(b).state == .ready)

        // After one proper exchange, a second reply to the same send fails too.
        _ = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        let first = sim.reply(from: b, to: a, text: nil)
        let second = sim.reply(from: b, to: a, text: nil)
        sim.runToIdle()
        #expect(try sim.op(first).status == .done)
        #expect(try sim.op(second).status == .failed(.notAwaitingReply(process: a, peer: b)))
    }

    @Test func moveToAndMoveFromRequireAnAwaitingPeer() throws {
        let (sim, a, b) = try pair()
        let move = sim.moveTo(from: b, to: a, bytes: 4096)
        let fetch = sim.moveFrom(by: b, from: a, bytes: 4096)
        sim.runToIdle()
        #expect(try sim.op(move).status == .failed(.notAwaitingReply(process: a, peer: b)))
        #expect(try sim.op(fetch).status == .failed(.notAwaitingReply(process: a, peer: b)))
    }

    /// a sends to b; b receives, moves `bytes` to (or from) a, then replies.
    private func move(bytes: Int64, toSender: Bool) throws -> (OperationRecord, Simulation) {
        let (sim, a, b) = try pair()
        let send = sim.send(from: a, to: b, text: nil)
        _ = sim.receive(by: b)
        let move = toSender ? sim.moveTo(from: b, to: a, bytes: bytes) : sim.moveFrom(by: b, from: a, bytes: bytes)
        _ = sim.reply(from: b, to: a, text: "done")
        sim.runToIdle()
        #expect(try sim.op(send).status == .done)
        #expect(try sim.op(send).text == "done")
        return (try sim.op(move), sim)
    }

    @Test(arguments: [true, false])
    func bulkMoveCostsAtLeastThePenaltyAndGrowsWithSize(toSender: Bool) throws {
        var previous = SimTime.zero
        for kb in [1, 2, 4, 8, 16, 32, 64] as [Int64] {
            let bytes = kb * 1024
            let (record, sim) = try move(bytes: bytes, toSender: toSender)
            #expect(record.status == .done)
            #expect(record.kind == (toSender ? .moveTo : .moveFrom))
            #expect(record.bytes == bytes)
            let penalty = toSender ? sim.networkPenalty(bytes: bytes, from: 1, to: 0)
                                   : sim.networkPenalty(bytes: bytes, from: 0, to: 1)
            #expect(record.penalty == penalty)
            let elapsed = try #require(record.elapsed)
            #expect(elapsed >= penalty)
            // Data plus one empty control packet (an ack for moveto, the request for
            // movefrom), each with 5 us send and 5 us receive overhead; the empty
            // packet is a 40-byte header (320 ns) plus 50 us latency.
            #expect(elapsed == penalty + .us(20) + .ns(50_320))
            #expect(record.packets == CostPreset.modern.model.packetCount(payloadBytes: bytes) + 1)
            #expect(elapsed > previous, "\(kb) KB")
            previous = elapsed
        }
    }

    @Test func messageTooLarge() throws {
        let (sim, a, b) = try pair()
        let long = String(repeating: "x", count: 33)
        let exact = String(repeating: "y", count: 32)
        let tooLong = sim.send(from: a, to: b, text: long)
        #expect(try sim.op(tooLong).status == .failed(.messageTooLarge(bytes: 33, limit: 32)))
        #expect(sim.processInfo(a).state == .ready)
        // Multi-byte characters count as their UTF-8 bytes: 11 x 3 = 33.
        let wide = sim.send(from: a, to: b, text: String(repeating: "€", count: 11))
        #expect(try sim.op(wide).status == .failed(.messageTooLarge(bytes: 33, limit: 32)))
        let fits = sim.send(from: a, to: b, text: exact)
        _ = sim.receive(by: b)
        let badReply = sim.reply(from: b, to: a, text: long)
        sim.runToIdle()
        #expect(try sim.op(fits).status == .running)
        #expect(sim.processInfo(b).lastReceived == exact)
        #expect(try sim.op(badReply).status == .failed(.messageTooLarge(bytes: 33, limit: 32)))
        // A refused reply sends nothing, so the sender still awaits a proper one.
        let badSegment = sim.reply(from: b, to: a, text: nil, segmentBytes: 4096)
        #expect(try sim.op(badSegment).status == .failed(.segmentTooLarge(bytes: 4096, limit: 1024)))
        let goodReply = sim.reply(from: b, to: a, text: "ok")
        sim.runToIdle()
        #expect(try sim.op(goodReply).status == .done)
        #expect(try sim.op(fits).status == .done)
        #expect(try sim.op(fits).text == "ok")
    }

    @Test func segmentsArePiggybackedUpToTheLimit() throws {
        let (sim, a, b) = try pair()
        let tooBig = sim.send(from: a, to: b, text: nil, segmentBytes: 1025)
        #expect(try sim.op(tooBig).status == .failed(.segmentTooLarge(bytes: 1025, limit: 1024)))
        let send = sim.send(from: a, to: b, text: nil, segmentBytes: 1024)
        let receive = sim.receive(by: b)
        _ = sim.reply(from: b, to: a, text: nil)
        sim.runToIdle()
        #expect(try sim.op(send).bytes == 32 + 1024)
        #expect(try sim.op(receive).bytes == 32 + 1024)
        // (1056 + 40) B at 1 Gbit/s = 8.768 us one way, then a plain reply back.
        #expect(try sim.op(send).elapsed == .us(60) + .ns(8_768) + Self.modernOneWay)
    }

    @Test func computesOnOneCPUSerialize() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        let p = try sim.addProcess(named: "p", on: 0)
        let q = try sim.addProcess(named: "q", on: 0)
        let first = sim.compute(by: p, duration: .ms(1))
        let second = sim.compute(by: q, duration: .ms(1))
        #expect(sim.processInfo(p).state == .busy)
        sim.runToIdle()
        #expect(try sim.op(first).finishedAt == .ms(1))
        #expect(try sim.op(second).finishedAt == .ms(2))
        #expect(sim.cpuBusy(0) == .ms(2))
        #expect(sim.processInfo(q).state == .ready)
    }

    @Test func computesOnTwoCPUsRunTogetherAndSpeedScales() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2, speed: 2)
        let p = try sim.addProcess(named: "p", on: 0)
        let q = try sim.addProcess(named: "q", on: 0)
        let r = try sim.addProcess(named: "r", on: 0)
        let ops = [p, q, r].map { sim.compute(by: $0, duration: .ms(1)) }
        sim.runToIdle()
        #expect(try ops.map { try sim.op($0).finishedAt } == [.us(500), .us(500), .ms(1)])
    }

    @Test func stepsOfOneProcessRunInOrder() throws {
        let (sim, a, b) = try pair()
        let compute = sim.compute(by: a, duration: .ms(3))
        let send = sim.send(from: a, to: b, text: nil)
        #expect(try sim.op(send).status == .queued)
        #expect(sim.processInfo(a).queuedSteps == 1)
        _ = sim.receive(by: b)
        _ = sim.reply(from: b, to: a, text: nil)
        sim.runToIdle()
        #expect(try sim.op(compute).finishedAt == .ms(3))
        #expect(try sim.op(send).startedAt == .ms(3))
        #expect(try sim.op(send).issuedAt == .zero)
        #expect(try sim.op(send).finishedAt == .ms(3) + Self.modernOneWay * 2)
    }

    @Test func processNamesAreUnique() throws {
        let (sim, _, _) = try pair()
        #expect(throws: KernelError.duplicateProcess("a")) { try sim.addProcess(named: "a", on: 1) }
        #expect(throws: KernelError.unknownNode("5")) { try sim.addProcess(named: "z", on: 5) }
        #expect(sim.process(named: "b") == 1)
        #expect(sim.processName(0) == "a")
        #expect(sim.processCount == 2)
    }
}
