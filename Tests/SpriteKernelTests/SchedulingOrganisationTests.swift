import Testing
import SpriteKernel

/// Multiprocessor OS organisations: where kernel work (syscall steps) runs and under which lock.
@Suite struct SchedulingOrganisationTests {
    /// `cpus` CPUs, FCFS, no switch cost; P1 and P2 each run `repeat 2 { compute 4ms; syscall 2ms }`.
    private func syscalls(_ organisation: OSOrganisation, cpus: Int) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, cpus: cpus)
        try sim.setMultiprocessor(MultiprocessorOptions(organisation: organisation), on: 0)
        try sim.defineProgram("p", steps: [.repeat(2, [.compute(.ms(4)), .syscall(.ms(2))])])
        try sim.spawn(program: "p", name: "P1", node: 0)
        try sim.spawn(program: "p", name: "P2", node: 0)
        sim.runToIdle()
        return sim
    }

    // Master-slave, 3 CPUs: P1 and P2 compute on slaves 1 and 2 from 0 to 4, then queue for the master:
    // P1 4–6, P2 6–8. Back on the slaves: P1 6–10, P2 8–12; master again: P1 10–12, P2 12–14.
    // The master was busy 8 of 14 ms and is what P2 waited for (2 + 0 ms).
    @Test func masterSlaveQueuesKernelWorkOnCPU0() throws {
        let sim = try syscalls(.masterSlave, cpus: 3)
        #expect(try sim.metrics("P1").finish == .ms(12))
        #expect(try sim.metrics("P2").finish == .ms(14))
        #expect(sim.cpuStatistics(node: 0)[0].busy == .ms(8))
        #expect(sim.gantt().contains("P2@0 6-8 moved"))
        #expect(try sim.metrics("P2").waitTime == .ms(2))
    }

    // Big kernel lock, 2 CPUs: both enter the kernel at 4; P1 holds the lock 4–6 while P2 spins, P2
    // holds it 6–8. P1 computes 6–10, syscall 10–12; P2 computes 8–12, syscall 12–14. At 12 P2 asks
    // for the lock in the same instant P1 lets it go, and its event (scheduled at 8) comes first: a
    // second contended acquisition, with no time spun.
    @Test func bigLockSerialisesKernelWork() throws {
        let sim = try syscalls(.bigKernelLock, cpus: 2)
        #expect(try sim.metrics("P1").finish == .ms(12))
        #expect(try sim.metrics("P2").finish == .ms(14))
        #expect(try sim.metrics("P2").spinTime == .ms(2))
        let lock = try #require(sim.lockStatistics(node: 0).first)
        #expect(lock.name == "#kernel")
        #expect(lock.acquisitions == 4)
        #expect(lock.contended == 2)
    }

    // Fine-grained with 2 locks: P1 and P2 take different locks: no waiting, both end at 12.
    // With no kernel lock at all (the default): the same.
    @Test func fineGrainedLocksDoNotCollide() throws {
        let sim = try syscalls(.fineGrained(locks: 2), cpus: 2)
        #expect(try sim.metrics("P2").finish == .ms(12))
        #expect(sim.lockStatistics(node: 0).allSatisfy { $0.contended == 0 })
        #expect(try syscalls(.fineGrained(locks: 0), cpus: 2).metrics("P2").finish == .ms(12))
    }

    // Private OS per CPU, 2 CPUs: A 10, B 1, C 10, D 1 ms bound round robin: CPU 0 gets A and C (ends
    // at 20), CPU 1 gets B and D (ends at 2). A shared queue: CPU 1 runs B 0–1, C 1–11; D 10–11 on CPU 0.
    @Test func privateOSBindsProcessesForGood() throws {
        let sim = try scheduledJobs(.fcfs, bursts: [10, 1, 10, 1], cpus: 2)
        try sim.setMultiprocessor(MultiprocessorOptions(organisation: .privatePerCPU), on: 0)
        sim.runToIdle()
        #expect(try sim.turnarounds(["A", "B", "C", "D"]) == [10, 1, 20, 2])
        let shared = try scheduledJobs(.fcfs, bursts: [10, 1, 10, 1], cpus: 2)
        shared.runToIdle()
        #expect(try shared.turnarounds(["A", "B", "C", "D"]) == [10, 1, 11, 11])
    }

    @Test func masterSlaveNeedsTwoCPUs() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 1)
        #expect(throws: KernelError.self) {
            try sim.setMultiprocessor(MultiprocessorOptions(organisation: .masterSlave), on: 0)
        }
    }

    // 2 CPUs, FCFS; A and B each compute 20, syscall 2, compute 5. Both start at 0 (A on CPU 0, B on 1).
    // At 5 the node becomes master-slave: A's user burst leaves CPU 0 at once (slice 0-5 moved) for the slave
    // queue, where it waits for CPU 1 (B until 20). At 20 B's syscall goes to the master (20-22) and CPU 1
    // takes A (15 ms left: 20-35). B back on the slave queue waits for A: at 35 A goes to the master (35-37)
    // and B runs 35-40 (done). A's last 5 ms on CPU 1: 40-45. Without the move A would keep CPU 0 until 20.
    @Test func masterSlaveSetMidRunEvictsUserWorkFromTheMaster() throws {
        let sim = try makeSimulation(nodes: 1, cpus: 2)
        try sim.defineProgram("u", steps: [.compute(.ms(20)), .syscall(.ms(2)), .compute(.ms(5))])
        try sim.spawn(program: "u", name: "A", node: 0)
        try sim.spawn(program: "u", name: "B", node: 0)
        _ = sim.run(until: .ms(5))
        try sim.setMultiprocessor(MultiprocessorOptions(organisation: .masterSlave), on: 0)
        sim.runToIdle()
        #expect(sim.gantt() == ["A@0 0-5 moved", "B@1 0-20 moved", "B@0 20-22 moved", "A@1 20-35 moved",
                                "A@0 35-37 moved", "B@1 35-40 done", "A@1 40-45 done"])
        #expect(try sim.metrics("A").finish == .ms(45))
        #expect(try sim.metrics("B").finish == .ms(40))
    }
}
