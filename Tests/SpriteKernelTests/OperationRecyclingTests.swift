import Testing
@testable import SpriteKernel

/// Kernel RPCs (probes, migration phases) release their operation records once they end; the slot serves the
/// next RPC and the id, never reused, is what tells a stale reference from a live one.
@Suite struct OperationRecyclingTests {
    private func record(_ id: Int32, _ kind: OperationKind = .rpc) -> OperationRecord {
        OperationRecord(id: id, kind: kind, node: 0, issuedAt: .zero)
    }

    @Test func aReleasedSlotServesTheNextRecordAndTheOldIdFindsNothing() {
        var table = OperationTable()
        table.append(record(0))
        table.release(0)
        table.append(record(1, .compute))
        // One slot was ever made: id 1 took the one id 0 left.
        #expect(table.slot(of: 1) == 0)
        #expect(table.slot(of: 0) == nil)
        #expect(!table.contains(0) && table.contains(1))
        #expect(table.count == 2 && table.heldCount == 1)
        // A write through the old id (a retransmission charging its packets) reaches a placeholder, not id 1.
        table[0].packets = 7
        table[0].status = .failed(.peerCrashed(node: 1))
        #expect(table[1].packets == 0 && table[1].status == .queued && table[1].kind == .compute)
        #expect(table[0].status == .done && table[0].packets == 0)
    }

    @Test func aStaleServerTimeoutAfterRecyclingDoesNothing() throws {
        // Zero preset: a 32-byte transfer takes 525.6 us, so a 32/32-byte call with 100 us of service ends
        // 2 x 525.6 + 100 = 1151.2 us after it is made (Zero.rpc32).
        let sim = try makeSimulation(nodes: 2)
        let first = sim.kernelRPC(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        #expect(sim.now == Zero.rpc32)
        #expect(sim.operation(first) == nil, "a kernel RPC's record goes once it has ended")
        #expect(sim.statistics.operationsDone == 1)

        let second = sim.kernelRPC(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        #expect(second == first + 1, "ids are never reused")
        #expect(sim.operations.slot(of: second) == 0, "the slot is")
        // The first RPC's timeout, left over: it fires at once, while the second call is under way.
        sim.schedule(.rpc(.serverTimeout(operation: first)), at: sim.now)
        #expect(sim.run(until: sim.now + .us(500)) == .reachedDeadline)
        #expect(try sim.op(second).status == .running)
        #expect(sim.statistics.operationsFailed == 0)

        // The second call ends as if the timeout had never been: 1151.2 us after it began, at 2302.4 us.
        sim.runToIdle()
        #expect(sim.now == Zero.rpc32 + Zero.rpc32)
        #expect(sim.statistics.operationsDone == 2 && sim.statistics.operationsFailed == 0)
        #expect(sim.operations.heldCount == 0)
    }

    @Test func aScriptsRPCAndAFailedKernelRPCKeepTheirRecords() throws {
        let sim = try makeSimulation(nodes: 3)
        let scripts = sim.rpc(from: 0, to: 1, requestBytes: 32, replyBytes: 32, service: .us(100))
        sim.runToIdle()
        #expect(try sim.op(scripts).status == .done)
        // From a node that is down the call fails at once; the trace words that failure from its record.
        sim.crash(2)
        let failed = sim.kernelRPC(from: 2, to: 0, requestBytes: 32, replyBytes: 32, service: .zero)
        #expect(try sim.op(failed).status == .failed(.nodeDown(node: 2)))
        sim.runToIdle()
        #expect(sim.operation(failed) != nil)
        #expect(sim.operations.heldCount == 2)
    }
}
