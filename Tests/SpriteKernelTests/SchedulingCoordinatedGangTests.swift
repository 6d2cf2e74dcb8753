import Testing
@testable import SpriteKernel

/// Coordinated (gang) scheduling of a multicomputer: the nodes share one gang matrix, so the threads of
/// a job on different nodes run in the same slot and exchange messages in phase.
@Suite struct SchedulingCoordinatedGangTests {
    /// Two one-CPU nodes, zero-cost preset (a 32-byte message takes `ow` = 525.6 us one way). Job J is a
    /// client on n0 and a server on n1 that make three exchanges (`compute 1ms; send server` /
    /// `receive; compute 1ms; reply client`); a hog of 100 ms competes on each node. Spawned in the order
    /// client, H1, server, H0, so that a node placing on its own puts J in row 0 on n0 and row 1 on n1.
    private func exchange(_ setUp: (Simulation) throws -> Void) throws -> Simulation {
        let sim = try makeSimulation(nodes: 2, cpus: 1)
        try setUp(sim)
        try sim.defineProgram("client", steps: [.repeat(3, [.compute(.ms(1)), .send(to: "server", text: nil,
                                                                                     wait: true)])])
        try sim.defineProgram("server", steps: [.repeat(3, [.receive, .compute(.ms(1)),
                                                            .reply(to: "client", text: nil)])])
        try sim.defineProgram("hog", steps: [.compute(.ms(100))])
        try sim.joinGang(try sim.spawn(program: "client", name: "client", node: 0), job: "J")
        try sim.spawn(program: "hog", name: "H1", node: 1)
        try sim.joinGang(try sim.spawn(program: "server", name: "server", node: 1), job: "J")
        try sim.spawn(program: "hog", name: "H0", node: 0)
        sim.runToIdle()
        return sim
    }

    private let ow = Zero.transfer32

    // One matrix over both CPUs: J's threads share row 0, the hogs row 1. In slot 0–10 one exchange is
    // 1 + ow + 1 + ow = 3.0512 ms: the client is done at 3 × 3.0512 = 9.1536 ms, the server after its last
    // reply at 9.1536 − ow = 8.628 ms. The hogs run from 10 (J's row is empty then): done at 110.
    @Test func coordinatedThreadsExchangeInPhase() throws {
        let sim = try exchange { try $0.setScheduler(.gang(quantum: .ms(10)), coordinating: [0, 1]) }
        #expect(try sim.metrics("client").finish == (.ms(2) + ow * 2) * 3)
        #expect(try sim.metrics("server").finish == (.ms(2) + ow * 2) * 3 - ow)
        #expect(try sim.metrics("H0").finish == .ms(110))
        #expect(sim.gangPeers(of: 1) == [0, 1])
    }

    // A matrix per node, slots still on the global clock: J is in row 0 on n0 and row 1 on n1, so the
    // threads run in alternate slots. The client sends at 1; the server runs at 10, replies at 11; the
    // client runs at 20, sends at 21; the server at 30, replies at 31; the client at 40 sends at 41; the
    // server at 50 replies at 51 (and is done); the client wakes at 51 + ow and is done: a slot a message.
    @Test func gangMatricesPerNodeRunTheThreadsOutOfPhase() throws {
        let sim = try exchange {
            try $0.setScheduler(.gang(quantum: .ms(10)), on: 0)
            try $0.setScheduler(.gang(quantum: .ms(10)), on: 1)
        }
        #expect(try sim.metrics("server").finish == .ms(51))
        #expect(try sim.metrics("client").finish == .ms(51) + ow)
    }

    // Round robin per node, quantum 10: a thread that waits for a message leaves its CPU to the hog for a
    // whole quantum. n0: client 0–1 (sends), H0 1–11 and again 11–21 (nobody waits at 11: the reply comes
    // at 11 + ow), client 21–22 (sends), H0 22–42, client 42–43 (sends). n1: H1 0–10, server 10–11
    // (replies), H1 11–31, server 31–32 (replies), H1 32–52, server 52–53 (replies, done); the client wakes
    // at 53 + ow and is done. About a quantum a message, as with gang matrices out of phase.
    @Test func roundRobinPerNodeWaitsAQuantumPerMessage() throws {
        let sim = try exchange {
            try $0.setScheduler(.roundRobin(quantum: .ms(10)), on: 0)
            try $0.setScheduler(.roundRobin(quantum: .ms(10)), on: 1)
        }
        #expect(try sim.metrics("server").finish == .ms(53))
        #expect(try sim.metrics("client").finish == .ms(53) + ow)
    }

    // Coordinated with alternates: while J's thread waits for a message its CPU runs the node's hog, which
    // gives it back the moment the message comes, so J keeps its 9.1536 ms. Each hog gets the 7 ms of
    // slot 0 its thread of J does not compute (3 × (1 + 2·ow) blocked, then 10 − 9.1536 after J ends):
    // done at 110 − 7 = 103.
    @Test func alternatesFillTheWaitsWithoutSlowingTheJob() throws {
        let sim = try exchange {
            try $0.setScheduler(.gang(quantum: .ms(10), alternates: true), coordinating: [0, 1])
        }
        #expect(try sim.metrics("client").finish == (.ms(2) + ow * 2) * 3)
        #expect(try sim.metrics("H0").finish == .ms(103))
        #expect(try sim.metrics("H1").finish == .ms(103))
    }

    // The node whose event drives the slots leaves mid-run: the others go on switching at the same instants.
    // n0 and n1 coordinated, one CPU each: C0 (n0) and A1 (n1) share row 0, B1 (n1) row 1, 20 ms each. At
    // 5 ms n0 turns to fcfs: C0 keeps its CPU to 20. n1 goes on: B1 10–20, A1 20–30 (done), B1 30–40.
    @Test func theOtherNodesGoOnWhenTheDrivingNodeLeaves() throws {
        let sim = try makeSimulation(nodes: 2, cpus: 1)
        try sim.setScheduler(.gang(quantum: .ms(10)), coordinating: [0, 1])
        try sim.defineProgram("work", steps: [.compute(.ms(20))])
        try sim.spawn(program: "work", name: "C0", node: 0)
        try sim.spawn(program: "work", name: "A1", node: 1)
        try sim.spawn(program: "work", name: "B1", node: 1)
        _ = sim.run(until: .ms(5))
        try sim.setScheduler(.fcfs, on: 0)
        sim.runToIdle()
        #expect(try sim.metrics("C0").finish == .ms(20))
        #expect(try sim.metrics("A1").finish == .ms(30))
        #expect(try sim.metrics("B1").finish == .ms(40))
        #expect(sim.gangPeers(of: 1) == [1])
    }

    // A thread spawned with `nodes` goes to each in turn; threads on one node share an address space.
    // A node that leaves the coordinated matrix (another scheduler) takes its columns with it.
    @Test func threadsAreDealtOverTheNodesAndANodeMayLeave() throws {
        let sim = try makeSimulation(nodes: 3, cpus: 2)
        try sim.setScheduler(.gang(quantum: .ms(10)), coordinating: [0, 1, 2])
        try sim.defineProgram("work", steps: [.compute(.ms(5))])
        let ids = try sim.spawnGang(program: "work", name: "P", nodes: [0, 1, 2], threads: 4)
        #expect(ids.map { sim.processMetrics($0)?.node } == [0, 1, 2, 0])
        #expect(sim.processMetrics(ids[3])?.sharingGroup == Int(ids[0].index))
        #expect(sim.gangPeers(of: 2) == [0, 1, 2])
        try sim.setScheduler(.fcfs, on: 1)
        #expect(sim.gangPeers(of: 0) == [0, 2])
        sim.runToIdle()
        #expect(ids.map { try? sim.metrics("P-\(Int($0.index) + 1)").finish } == Array(repeating: .ms(5), count: 4))
    }
}
