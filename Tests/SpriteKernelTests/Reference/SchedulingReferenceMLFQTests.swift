import Testing

// MLFQ and stride in the scheduling reference, against OSTEP ch. 8 and 9.

/// CPU ticks `job` got in [from, to).
private func cpuTicks(_ schedule: RefSchedule, job: Int, from: Int, to: Int) -> Int {
    schedule.slices.filter { $0.job == job && !$0.isSwitch }.reduce(0) { total, slice in
        total + max(0, min(slice.end, to) - max(slice.start, from))
    }
}

@Suite("Scheduling reference: MLFQ and stride")
struct SchedulingReferenceMLFQTests {
    /// OSTEP figure 8.3: a long job A reaches the bottom of three queues (q = 10) by 20;
    /// B (20) arrives at 100 at the top, preempts A, and ends at 120 (it drops one level
    /// at 110 but A is lower still). A resumes and ends at 220.
    @Test func shortJobPreemptsTheLongOne() {
        let list = [RefJob("A", at: 0, [200]), RefJob("B", at: 100, [20])]
        let schedule = SchedulingReference.run(list, .mlfq(quanta: [10, 10, 10], allotments: nil, boost: nil))
        #expect(schedule.order() == [0, 1, 0])
        #expect(schedule.jobs.map(\.finish) == [220, 120])
        #expect(schedule.jobs[1].response == 0)
        #expect(schedule.jobs.map(\.preemptions) == [1, 0])
    }

    /// OSTEP rule 4 (figure 8.6): B gives up the CPU after 9 of every 10 ticks, yet still
    /// moves down, because the allotment counts across I/O. Three levels, q = 10.
    /// A 0-10 (to level 1). B 10-19, I/O 19-20; A 19-20; B wakes at level 0 with 1 tick
    /// left of its allotment and preempts A: B 20-21, then level 1. A 21-30 (its slice is
    /// what is left of its allotment, 9) then level 2; B 30-38, I/O; A 38-39; B preempts
    /// 39-41 (2 left), then level 2; A 41-50 (9: it used 1 at the bottom at 38), B 50-57
    /// ends; A 57-127 (30 ticks done).
    @Test func allotmentCountsAcrossIO() {
        let list = [RefJob("A", at: 0, [100]), RefJob("B", at: 0, [9, 1, 9, 1, 9])]
        let schedule = SchedulingReference.run(list, .mlfq(quanta: [10, 10, 10], allotments: nil, boost: nil))
        #expect(schedule.order() == [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
        #expect(schedule.jobs.map(\.finish) == [127, 57])
        // A loses the CPU with work left at 10, 20, 30, 39 and 50; B at 21 and 41.
        #expect(schedule.jobs.map(\.preemptions) == [5, 2])
        // Switch-ins: A at 19, 21, 38, 41, 57 (its first run at 0 replaced nobody); B at 10, 20, 30, 39, 50.
        #expect(schedule.jobs.map(\.contextSwitches) == [5, 5])
    }

    /// Rule 4 when the allotment runs out as the burst ends: A [4, io 2, 4] with quanta
    /// 4 and 8 uses its whole top allotment in its first burst, so it wakes at 6 on
    /// level 1, below B (arriving at 5 at the top): B 5-9 (then level 1), A 9-13.
    @Test func allotmentUsedAsTheBurstEndsStillDemotes() {
        let list = [RefJob("A", at: 0, [4, 2, 4]), RefJob("B", at: 5, [6])]
        let schedule = SchedulingReference.run(list, .mlfq(quanta: [4, 8], allotments: nil, boost: nil))
        #expect(schedule.order() == [0, 1, 0, 1])
        #expect(schedule.jobs.map(\.finish) == [13, 15])
    }

    /// Starvation and the boost (OSTEP 8.3, rule 5). Two levels, q = 10. A (100) arrives
    /// at 0; a new 10-tick job arrives every 10 ticks from 10 to 90. Each newcomer enters
    /// at the top and A, demoted at 10, gets nothing until 100: finish 190.
    /// With a boost every 30: at 30 A returns to the top, ahead of B3 arriving then:
    /// A 30-40 (then level 1 again). At 60 the top queue is B5 (already there), A, then
    /// B6 (arriving): B5 60-70, A 70-80. So A gets 20 ticks in [10, 100) instead of 0,
    /// and still ends at 190 (the CPU never idles).
    @Test func boostEndsStarvation() {
        let stream = (1...9).map { RefJob("B\($0)", at: 10 * $0, [10]) }
        let list = [RefJob("A", at: 0, [100])] + stream
        let starved = SchedulingReference.run(list, .mlfq(quanta: [10, 10], allotments: nil, boost: nil))
        #expect(cpuTicks(starved, job: 0, from: 10, to: 100) == 0)
        #expect(starved.jobs[0].finish == 190)
        let boosted = SchedulingReference.run(list, .mlfq(quanta: [10, 10], allotments: nil, boost: 30))
        #expect(cpuTicks(boosted, job: 0, from: 10, to: 100) == 20)
        #expect(cpuTicks(boosted, job: 0, from: 30, to: 40) == 10)
        #expect(cpuTicks(boosted, job: 0, from: 70, to: 80) == 10)
        #expect(boosted.jobs[0].finish == 190)
    }

    /// OSTEP figure 9.3: tickets A 100, B 50, C 250 give strides 100, 200, 40; with a
    /// quantum of 1 the lowest pass runs, ties to the job ready first (at 1 B, waiting
    /// since 0, before A, back at 1): A B C C C A C C, then all three passes are 200.
    @Test func strideFollowsOstepTable() {
        let list = [RefJob("A", at: 0, [50], tickets: 100), RefJob("B", at: 0, [50], tickets: 50),
                    RefJob("C", at: 0, [50], tickets: 250)]
        let schedule = SchedulingReference.run(list, .stride(quantum: 1))
        let ticks = schedule.slices.flatMap { slice in Array(repeating: slice.job, count: slice.end - slice.start) }
        #expect(Array(ticks.prefix(8)) == [0, 1, 2, 2, 2, 0, 2, 2])
        // Each cycle of 8 ticks gives 2, 1, 5: exactly the tickets' 100 : 50 : 250.
        #expect(cpuTicks(schedule, job: 0, from: 0, to: 80) == 20)
        #expect(cpuTicks(schedule, job: 1, from: 0, to: 80) == 10)
        #expect(cpuTicks(schedule, job: 2, from: 0, to: 80) == 50)
    }

    @Test func lotteryShareIsTicketsOverTotal() {
        #expect(lotteryShare(tickets: [100, 50, 250]) == [0.25, 0.125, 0.625])
    }

    /// Invariants on random lists, every policy: each job finishes once with all its CPU
    /// time; turnaround = CPU + I/O + wait; CPUs are busy for bursts + switches; no CPU
    /// idles while a job is ready.
    @Test(arguments: referencePolicies)
    func invariantsOnRandomLists(policy: RefPolicy) {
        for seed in UInt64(1)...100 {
            let list = randomJobList(seed: seed)
            let cpus = 1 + Int(seed % 3)
            let switchCost = Int(seed % 2)
            let schedule = SchedulingReference.run(list, policy, cpus: cpus, switchCost: switchCost)
            for (job, metrics) in zip(list, schedule.jobs) {
                #expect(metrics.cpuTime == job.cpuDemand, "seed \(seed) \(job.name)")
                #expect(metrics.turnaround == job.cpuDemand + job.ioDemand + metrics.wait, "seed \(seed) \(job.name)")
                #expect(metrics.firstRun >= job.arrival && metrics.finish > metrics.firstRun)
            }
            let busy = schedule.slices.reduce(0) { $0 + $1.end - $1.start }
            let demand = list.reduce(0) { $0 + $1.cpuDemand }
            #expect(busy == demand + schedule.switchTicks.reduce(0, +), "seed \(seed)")
            #expect(schedule.idleWhileReady == 0, "seed \(seed): \(list.listing)")
        }
    }
}

/// One of each policy, with the parameters the comparisons use.
let referencePolicies: [RefPolicy] = [
    .fcfs, .roundRobin(quantum: 4), .shortestJobFirst, .shortestRemainingTime,
    .priority(preemptive: false, aging: nil), .priority(preemptive: true, aging: 8),
    .mlfq(quanta: [4, 8, 16], allotments: [8, 16, 16], boost: 60), .stride(quantum: 5),
]
