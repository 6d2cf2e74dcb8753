import Testing
@testable import SpriteKernel

/// Kernel work served on a node (RPC and file service) takes the CPU from the user process running there.
///
/// Network: the zero-overhead bus (one 500us hop, 10 Mbit/s, no headers): a 64-byte request or reply
/// crosses in 0.5ms + 64·8/10 Mbit/s = 0.5512ms. An RPC sent at 0 with service S reaches its server at
/// 0.5512ms, is served until 0.5512ms + S and answers the client at 1.1024ms + S, whatever runs there.
@Suite("Kernel work and the scheduler")
struct KernelServiceTests {
    private func cluster(_ compute: SimTime = .ms(100)) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, preset: .zero, topology: .bus)
        try sim.defineProgram("job", steps: [.compute(compute)])
        return sim
    }

    /// p computes 100ms on n1 from 0. An RPC served 10ms on n1 (0.5512 to 10.5512ms) takes the CPU from
    /// p at interrupt level: p's burst ends 10ms later, at 110ms, and its CPU time is still its own 100ms.
    /// The RPC does not wait for p: it still takes 1.1024 + 10 = 11.1024ms.
    @Test func kernelWorkDelaysTheRunningBurstByItsServiceTime() throws {
        let sim = try cluster()
        try sim.spawn(program: "job", name: "p", node: 1)
        let op = sim.rpc(from: 0, to: 1, requestBytes: 64, replyBytes: 64, service: .ms(10))
        sim.runToIdle()
        let p = try sim.metrics("p")
        #expect(p.finish == .ms(110) && p.cpuTime == .ms(100) && p.firstRun == .zero)
        #expect(sim.operation(op)?.elapsed == .ns(11_102_400))
        // Two calls in a series, served back to back: 20ms taken from p.
        let twice = try cluster()
        try twice.spawn(program: "job", name: "p", node: 1)
        _ = twice.rpc(from: 0, to: 1, requestBytes: 64, replyBytes: 64, service: .ms(10), count: 2)
        twice.runToIdle()
        #expect(try twice.metrics("p").finish == .ms(120))
    }

    /// p arrives on n1 at 1ms while the RPC is served there (0.5512 to 10.5512ms): it waits behind the
    /// kernel work, runs from 10.5512ms and ends at 110.5512ms.
    @Test func aProcessDispatchedDuringKernelWorkWaitsBehindIt() throws {
        let sim = try cluster()
        try sim.spawn(program: "job", name: "p", node: 1, at: .ms(1))
        _ = sim.rpc(from: 0, to: 1, requestBytes: 64, replyBytes: 64, service: .ms(10))
        sim.runToIdle()
        let p = try sim.metrics("p")
        #expect(p.firstRun == .ns(10_551_200) && p.finish == .ns(110_551_200) && p.cpuTime == .ms(100))
    }

    /// Kernel work on a node whose processes all ended, or served on another node, delays no one: p on n0
    /// ends at 100ms while n1 serves the RPC.
    @Test func kernelWorkElsewhereCostsNothing() throws {
        let sim = try cluster()
        try sim.spawn(program: "job", name: "p", node: 0)
        _ = sim.rpc(from: 0, to: 1, requestBytes: 64, replyBytes: 64, service: .ms(10))
        sim.runToIdle()
        #expect(try sim.metrics("p").finish == .ms(100))
    }

    /// Round robin, quantum 30ms: kernel work does not lengthen the quantum. p and q (100ms each) on n1;
    /// the RPC takes 10ms of p's first quantum (0 to 30ms), so p has done 20ms when q takes over at 30ms.
    /// Then q 30-60 (30), p 60-90 (50), q 90-120 (60), p 120-150 (80), q 150-180 (90), p 180-200 (100,
    /// ends), q 200-210 (100, ends).
    @Test func kernelWorkDoesNotLengthenTheQuantum() throws {
        let sim = try cluster()
        try sim.setScheduler(.roundRobin(quantum: .ms(30)), on: 1)
        try sim.spawn(program: "job", name: "p", node: 1)
        try sim.spawn(program: "job", name: "q", node: 1)
        _ = sim.rpc(from: 0, to: 1, requestBytes: 64, replyBytes: 64, service: .ms(10))
        sim.runToIdle()
        #expect(try sim.metrics("p").finish == .ms(200) && sim.metrics("q").finish == .ms(210))
    }
}
