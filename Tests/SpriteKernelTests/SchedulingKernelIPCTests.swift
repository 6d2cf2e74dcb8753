import Testing
import SpriteKernel

/// V IPC steps are kernel calls: under master-slave they are taken on the master, under a big kernel
/// lock holding it. Zero-cost preset: a local message arrives at once. FCFS, no switch cost.
@Suite struct SchedulingKernelIPCTests {
    /// S: receive, compute 2ms, reply C. C: compute 1ms, send S (blocking), compute 1ms. K (when `kernel`):
    /// syscall 5ms.
    private func exchange(_ organisation: OSOrganisation, kernel: Bool = false) throws -> Simulation {
        let sim = try makeSimulation(nodes: 1, preset: .zero, cpus: 3)
        try sim.setMultiprocessor(MultiprocessorOptions(organisation: organisation), on: 0)
        try sim.defineProgram("server", steps: [.receive, .compute(.ms(2)), .reply(to: "C", text: nil)])
        try sim.defineProgram("client", steps: [.compute(.ms(1)), .send(to: "S", text: nil, wait: true),
                                                .compute(.ms(1))])
        try sim.defineProgram("kernel", steps: [.syscall(.ms(5))])
        try sim.spawn(program: "server", name: "S", node: 0)
        try sim.spawn(program: "client", name: "C", node: 0)
        if kernel { try sim.spawn(program: "kernel", name: "K", node: 0) }
        sim.runToIdle()
        return sim
    }

    /// 3 CPUs, master-slave. At 0 S and C take slaves 1 and 2. S's receive is a kernel call: S leaves CPU 1
    /// for the master (0-0 moved), where it blocks (0-0). C computes 0-1, then its send takes it to the
    /// master (moved at 1): the message wakes S, C blocks for the reply (1-1). S computes on slave 1, 1-3,
    /// and goes to the master to reply (3-3, done); C, woken, computes on slave 1, 3-4. The master was
    /// dispatched three times (0, 1, 3) for steps that take no time.
    @Test func masterSlaveTakesIPCStepsOnTheMaster() throws {
        let sim = try exchange(.masterSlave)
        #expect(sim.gantt() == ["S@1 0-0 moved", "S@0 0-0 blocked", "C@2 0-1 moved", "C@0 1-1 blocked",
                                "S@1 1-3 moved", "S@0 3-3 done", "C@1 3-4 done"])
        #expect(sim.cpuStatistics(node: 0)[0].dispatches == 3)
    }

    /// 3 CPUs, big kernel lock, K's syscall takes the lock at 0 (a syscall is entered when the process
    /// arrives) and holds it to 5. S's receive (at 0) and C's send (at 1) spin for it. At 5 it goes to S
    /// (the first spinner), whose receive finds nothing and blocks, letting the lock go to C: C sends (S
    /// wakes) and blocks. S computes 5-7 and replies at 7 (the lock is free); C computes 7-8.
    /// Spinning: S 5 ms, C 4 ms. Without the lock C would be done at 4 (as under master-slave).
    @Test func bigLockMakesIPCWaitForKernelWork() throws {
        let sim = try exchange(.bigKernelLock, kernel: true)
        #expect(try sim.metrics("K").finish == .ms(5))
        #expect(try sim.metrics("S").finish == .ms(7))
        #expect(try sim.metrics("C").finish == .ms(8))
        #expect(try sim.metrics("S").spinTime == .ms(5))
        #expect(try sim.metrics("C").spinTime == .ms(4))
    }

    /// Fine-grained with no kernel lock (the default): IPC steps are taken where the process runs, as before.
    /// S blocks in receive on CPU 0 at 0, C sends from CPU 1 at 1 and blocks; S, woken at 1, goes back to
    /// CPU 0, the CPU it last ran on, idle (soft affinity): S computes 1-3 and replies; C, woken at 3, goes
    /// back to its CPU 1 and computes 3-4.
    @Test func lockFreeKernelTakesIPCInPlace() throws {
        let sim = try exchange(.fineGrained(locks: 0))
        #expect(sim.gantt() == ["S@0 0-0 blocked", "C@1 0-1 blocked", "S@0 1-3 done", "C@1 3-4 done"])
    }
}
