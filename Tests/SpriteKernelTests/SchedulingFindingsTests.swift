import Testing
import SpriteKernel

// Where the comparison with the reference model found the engine wrong, each
// case cut down to the fewest jobs, with the textbook answer derived by hand:
// the reference gives it, and so must the engine (fixed since; these keep it so).

@Suite("Schedulers: what the reference model found")
struct SchedulingFindingsTests {
    /// Preemptive priority: B (priority 0) runs 0-2 and does I/O 2-5; A (priority 1,
    /// one burst of 3) runs 2-5. At 5 A's burst is over as B wakes: A finishes at 5
    /// (nothing is left to preempt) and B runs 5-7. The engine handles B's wake
    /// first, "preempted" A with no work left, and A finished at 7, after B.
    @Test func aBurstEndingAsABetterJobWakesIsNotPreempted() throws {
        let list = [RefJob("A", at: 0, [3], priority: 1), RefJob("B", at: 0, [2, 3, 2], priority: 0)]
        let policy = RefPolicy.priority(preemptive: true, aging: nil)
        let reference = SchedulingReference.run(list, policy)
        #expect(reference.jobs.map(\.finish) == [5, 7])
        #expect(reference.jobs[0].preemptions == 0)
        let engine = try runInEngine(list, policy)
        #expect(engine.jobs == reference.jobs)
    }

    /// SRTF: A (10) at 0; B (4) and C (2) both arrive at 2. At 2 the scheduler sees
    /// both: C runs 2-4, B 4-8, A 8-16; B is never preempted (it has not run) and is
    /// switched to once. The engine started B when B arrived, then C preempted it at
    /// once: a zero-length slice, a preemption and an extra switch for B.
    @Test func simultaneousArrivalsAreSeenTogether() throws {
        let list = [RefJob("A", at: 0, [10]), RefJob("B", at: 2, [4]), RefJob("C", at: 2, [2])]
        let reference = SchedulingReference.run(list, .shortestRemainingTime)
        #expect(reference.jobs.map(\.finish) == [16, 8, 4])
        #expect(reference.jobs.map(\.preemptions) == [1, 0, 0])
        #expect(reference.jobs.map(\.contextSwitches) == [1, 1, 1])
        let engine = try runInEngine(list, .shortestRemainingTime)
        #expect(engine.jobs == reference.jobs)
    }

    /// The same with a 1 ms switch: A 0-2; switch 2-3, C 3-5; switch, B 6-10; switch,
    /// A 11-19. Starting B first cost the engine a whole wasted switch.
    @Test func simultaneousArrivalsCostOneSwitch() throws {
        let list = [RefJob("A", at: 0, [10]), RefJob("B", at: 2, [4]), RefJob("C", at: 2, [2])]
        let reference = SchedulingReference.run(list, .shortestRemainingTime, switchCost: 1)
        #expect(reference.jobs.map(\.finish) == [19, 10, 5])
        let engine = try runInEngine(list, .shortestRemainingTime, switchCost: 1)
        #expect(engine.jobs == reference.jobs)
    }

    /// Stride, quantum 1: A has 250 tickets (stride 40), B 50 (stride 200). Passes:
    /// A 0→40; B 0→200; then A runs 2-5 (40, 80, 120 all below 200) and B 5-6.
    /// At 3 and 4 A's quantum ends and A, still the lowest pass, goes on: it never
    /// loses the CPU, so it is preempted once (at 1), and B once (at 2). The engine
    /// took A off and put it back, counting a preemption each time (3).
    @Test func aJobPutStraightBackIsNotPreempted() throws {
        let list = [RefJob("A", at: 0, [4], tickets: 250), RefJob("B", at: 0, [2], tickets: 50)]
        let reference = SchedulingReference.run(list, .stride(quantum: 1))
        #expect(reference.jobs.map(\.finish) == [5, 6])
        #expect(reference.jobs.map(\.preemptions) == [1, 1])
        let engine = try runInEngine(list, .stride(quantum: 1))
        #expect(engine.jobs.map(\.finish) == [5, 6])
        #expect(engine.jobs.map(\.preemptions) == [1, 1])
    }

    /// MLFQ, quanta 4 and 8, boost every 9. A (20) at 0: top 0-4, level 1 from 4 (slice
    /// to 12). The boost at 9 puts A back on top with a fresh allotment (OSTEP rule 5);
    /// by 12 it has used 3 there, so it stays on top. B (6) arrives at 12 and runs
    /// 12-16 (then level 1); A runs 16-17 (1 left of its allotment), then level 1;
    /// B 17-19 ends; A 19-26 ends. The engine charged A's whole slice (8, most of
    /// it before the boost) to the top level and demoted A at 12: B ended at 26.
    @Test func theBoostForgetsTimeUsedBeforeIt() throws {
        let list = [RefJob("A", at: 0, [20]), RefJob("B", at: 12, [6])]
        let policy = RefPolicy.mlfq(quanta: [4, 8], allotments: nil, boost: 9)
        let reference = SchedulingReference.run(list, policy)
        #expect(reference.jobs.map(\.finish) == [26, 19])
        let engine = try runInEngine(list, policy)
        #expect(engine.jobs.map(\.finish) == [26, 19])
    }

    /// SJF on two CPUs: X (10) runs on CPU 0 from 0; W [2, io 8, 1] on CPU 1 0-2, then
    /// Z (20) on CPU 1 2-22; L (15) arrives at 5 and waits. At 10 X ends just as W wakes:
    /// both are ready at 10, so SJF gives the free CPU to W (1 < 15): W 10-11, L 11-26.
    /// The engine let CPU 0 choose as soon as X ended, before W's wake of the same
    /// instant was queued (X's end was posted first): L 10-25 and W waited until 22.
    @Test func aCPUFreedAtAnInstantSeesTheWakesOfThatInstant() throws {
        let list = [RefJob("X", at: 0, [10]), RefJob("W", at: 0, [2, 8, 1]), RefJob("Z", at: 1, [20]),
                    RefJob("L", at: 5, [15])]
        let reference = SchedulingReference.run(list, .shortestJobFirst, cpus: 2)
        #expect(reference.jobs.map(\.finish) == [10, 11, 22, 26])
        let engine = try runInEngine(list, .shortestJobFirst, cpus: 2)
        #expect(engine.jobs.map(\.finish) == [10, 11, 22, 26])
    }

    /// Aging (one step per 5 ms waited) bounded by the top of the range, 0
    /// (Silberschatz 5.3.4: priorities from 127 down to 0). R (priority 0) runs 0-50;
    /// X (priority 9, ready at 0) and Y (priority 1, ready at 5) have both reached 0 by
    /// 50, so FCFS breaks the tie: X 50-51, Y 51-52. The engine let aging go past
    /// the top (X -1, Y -8) and ran Y first.
    @Test func agingStopsAtTheTopOfTheRange() throws {
        let list = [RefJob("R", at: 0, [50]), RefJob("X", at: 0, [1], priority: 9),
                    RefJob("Y", at: 5, [1], priority: 1)]
        let policy = RefPolicy.priority(preemptive: false, aging: 5)
        let reference = SchedulingReference.run(list, policy)
        #expect(reference.jobs.map(\.finish) == [50, 51, 52])
        let engine = try runInEngine(list, policy)
        #expect(engine.jobs.map(\.finish) == [50, 51, 52])
    }

    /// SRTF: A (10) at 0; B (1) and C (6) arrive at 4, when A has 6 left. B preempts A:
    /// B 4-5. Then A and C tie at 6. The instant's newcomers queue before the job that
    /// instant displaced, the rule for a quantum's end too (Silberschatz: the newcomer is
    /// queued on arrival, the running job when the interrupt is handled): C 5-11, A 11-17.
    /// The engine queued A as B's arrival preempted it, before C's arrival: A 5-11.
    @Test func aJobPreemptedAtAnInstantQueuesAfterThatInstantsArrivals() throws {
        let list = [RefJob("A", at: 0, [10]), RefJob("B", at: 4, [1]), RefJob("C", at: 4, [6])]
        let reference = SchedulingReference.run(list, .shortestRemainingTime)
        #expect(reference.jobs.map(\.finish) == [17, 5, 11])
        let engine = try runInEngine(list, .shortestRemainingTime)
        #expect(engine.jobs.map(\.finish) == [17, 5, 11])
    }

    /// SRTF, 1 ms switch. A (10) at 0 runs 0-2; B (5) at 2 preempts A: switch 2-3; C (1)
    /// arrives at 3, the instant B's switch-in ends, and preempts B before it runs. B has
    /// not run, so its first run comes later: switch 3-4, C 4-5, switch 5-6, B 6-11, switch,
    /// A 12-20. The engine gave B a first run at 3.
    @Test func aJobPreemptedAsItsSwitchInEndsHasNotRun() throws {
        let list = [RefJob("A", at: 0, [10]), RefJob("B", at: 2, [5]), RefJob("C", at: 3, [1])]
        let reference = SchedulingReference.run(list, .shortestRemainingTime, switchCost: 1)
        #expect(reference.jobs.map(\.firstRun) == [0, 6, 4])
        let engine = try runInEngine(list, .shortestRemainingTime, switchCost: 1)
        #expect(engine.jobs.map(\.firstRun) == [0, 6, 4])
        #expect(engine.jobs == reference.jobs)
    }

    /// Stride, quantum 5: A (100 tickets, 100) from 0; B (100 tickets, 50) arrives at 50.
    /// B starts from the lowest pass among those ready or running (A's: 5 quanta), not 0,
    /// so they tie; B, the newcomer, queues before A, whose quantum ends at 50 too, and they
    /// alternate: B 50-60, A 60-70, … B ends at 140 (its 5th quantum), A at 150. With B's
    /// pass at 0, B ran 50-100 alone.
    @Test func aLateArrivalStartsFromTheGlobalPass() throws {
        let list = [RefJob("A", at: 0, [100]), RefJob("B", at: 50, [50])]
        let reference = SchedulingReference.run(list, .stride(quantum: 10))
        #expect(reference.jobs.map(\.finish) == [150, 140])
        let engine = try runInEngine(list, .stride(quantum: 10))
        #expect(engine.jobs.map(\.finish) == [150, 140])
    }

    /// The same after I/O: A [30, io 50, 50] and B [100], 100 tickets each, quantum 10. A and
    /// B alternate 0-50 (A 0-10, B 10-20, A 20-30 ends its burst, B 30-40, 40-50 alone…); B
    /// runs alone 30-80 while A sleeps; A wakes at 80 with the pass it left with, below B's:
    /// it is raised to B's, so they alternate again instead of A taking 4 quanta in a row.
    @Test func aWakingJobStartsFromTheGlobalPass() throws {
        let list = [RefJob("A", at: 0, [30, 50, 50]), RefJob("B", at: 0, [100])]
        let reference = SchedulingReference.run(list, .stride(quantum: 10))
        let engine = try runInEngine(list, .stride(quantum: 10))
        #expect(engine.jobs == reference.jobs)
        #expect(engine.runs == reference.slices.filter { !$0.isSwitch })
    }
}
