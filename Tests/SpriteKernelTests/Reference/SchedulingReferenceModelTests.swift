import Testing

// The scheduling reference checked against published worked examples
// (Silberschatz, Galvin and Gagne, Operating System Concepts, 10th ed., 5.3;
// Arpaci-Dusseau, OSTEP ch. 7-9). Each derivation is written out beside it.

private func jobs(_ bursts: [Int], arrivals: [Int]? = nil) -> [RefJob] {
    bursts.enumerated().map { index, burst in
        RefJob("P\(index + 1)", at: arrivals?[index] ?? 0, [burst])
    }
}

@Suite("Scheduling reference: textbook examples")
struct SchedulingReferenceModelTests {
    /// Silberschatz 5.3.1: P1=24, P2=3, P3=3 in that order: waits 0, 24, 27, avg 17;
    /// in the order P2, P3, P1: waits 6, 0, 3, avg 3 (the convoy effect).
    @Test func fcfsConvoy() {
        let first = SchedulingReference.run(jobs([24, 3, 3]), .fcfs)
        #expect(first.jobs.map(\.wait) == [0, 24, 27])
        #expect(first.average(\.wait) == 17)
        let second = SchedulingReference.run(jobs([3, 3, 24]), .fcfs)
        #expect(second.jobs.map(\.wait) == [0, 3, 6])
        #expect(second.average(\.wait) == 3)
        // The CPU's first job replaces nothing; P2 and P3 each replace another.
        #expect(first.jobs.map(\.contextSwitches) == [0, 1, 1])
        #expect(first.jobs.allSatisfy { $0.preemptions == 0 })
    }

    /// Silberschatz 5.3.2: P1=6, P2=8, P3=7, P4=3, all at 0. SJF runs P4 0-3, P1 3-9,
    /// P3 9-16, P2 16-24: waits 3, 16, 9, 0, avg 28 / 4 = 7.
    @Test func sjf() {
        let schedule = SchedulingReference.run(jobs([6, 8, 7, 3]), .shortestJobFirst)
        #expect(schedule.order() == [3, 0, 2, 1])
        #expect(schedule.jobs.map(\.wait) == [3, 16, 9, 0])
        #expect(schedule.average(\.wait) == 7)
    }

    /// Silberschatz 5.3.2 (preemptive SJF): P1(0,8), P2(1,4), P3(2,9), P4(3,5).
    /// P1 0-1; P2 (4 < 7 left) preempts: 1-5; P4 5-10; P1 10-17; P3 17-26.
    /// Waits: P1 10-1 = 9, P2 0, P3 17-2 = 15, P4 5-3 = 2; avg 26 / 4 = 6.5.
    @Test func srtf() {
        let schedule = SchedulingReference.run(jobs([8, 4, 9, 5], arrivals: [0, 1, 2, 3]), .shortestRemainingTime)
        #expect(schedule.order() == [0, 1, 3, 0, 2])
        #expect(schedule.jobs.map(\.wait) == [9, 0, 15, 2])
        #expect(schedule.average(\.wait) == 6.5)
        #expect(schedule.jobs.map(\.preemptions) == [1, 0, 0, 0])
        // P3 (9) at 2 and P4 (5) at 3 do not beat P2's 3 and 2 left: no preemption.
        #expect(schedule.jobs.map(\.finish) == [17, 5, 26, 10])
    }

    /// Silberschatz 5.3.3: q = 4 on P1=24, P2=3, P3=3: P1 0-4, P2 4-7, P3 7-10, then
    /// P1 alone 10-30 (its later quanta expire with nobody ready: no switch, no
    /// preemption). Waits 6, 4, 7: avg 17 / 3.
    @Test func roundRobin() {
        let schedule = SchedulingReference.run(jobs([24, 3, 3]), .roundRobin(quantum: 4))
        #expect(schedule.slices == [RefSlice(cpu: 0, job: 0, start: 0, end: 4, isSwitch: false),
                                    RefSlice(cpu: 0, job: 1, start: 4, end: 7, isSwitch: false),
                                    RefSlice(cpu: 0, job: 2, start: 7, end: 10, isSwitch: false),
                                    RefSlice(cpu: 0, job: 0, start: 10, end: 30, isSwitch: false)])
        #expect(schedule.jobs.map(\.wait) == [6, 4, 7])
        #expect(schedule.average(\.wait) == 17.0 / 3)
        #expect(schedule.jobs.map(\.preemptions) == [1, 0, 0])
        #expect(schedule.jobs.map(\.contextSwitches) == [1, 1, 1])
    }

    /// The same with a switch costing 1 tick (none before the CPU's first job): P1 0-4,
    /// switch, P2 5-8, switch, P3 9-12, switch, P1 13-33. Waits count the switch-in
    /// (ready, not running): P1 33-24 = 9, P2 8-3 = 5, P3 12-3 = 9.
    /// Counting the first dispatch as a switch too shifts everything by 1.
    @Test func roundRobinWithSwitchCost() {
        let schedule = SchedulingReference.run(jobs([24, 3, 3]), .roundRobin(quantum: 4), switchCost: 1)
        #expect(schedule.jobs.map(\.finish) == [33, 8, 12])
        #expect(schedule.jobs.map(\.wait) == [9, 5, 9])
        #expect(schedule.jobs.map(\.response) == [0, 5, 9])
        #expect(schedule.switchTicks == [3])
        let busy = schedule.slices.reduce(0) { $0 + $1.end - $1.start }
        #expect(busy == 30 + 3, "busy = bursts + switches")
        var conventions = RefConventions()
        conventions.firstDispatchIsSwitch = true
        let loaded = SchedulingReference.run(jobs([24, 3, 3]), .roundRobin(quantum: 4), switchCost: 1,
                                             conventions: conventions)
        #expect(loaded.jobs.map(\.finish) == [34, 9, 13])
    }

    /// Silberschatz 5.3.4 (non-preemptive priority, lower number first): P1 10/3, P2 1/1,
    /// P3 2/4, P4 1/5, P5 5/2, all at 0: P2 0-1, P5 1-6, P1 6-16, P3 16-18, P4 18-19.
    /// Waits 6, 0, 16, 18, 1: avg 8.2.
    @Test func priority() {
        let list = zip([10, 1, 2, 1, 5], [3, 1, 4, 5, 2]).enumerated().map { index, job in
            RefJob("P\(index + 1)", at: 0, [job.0], priority: job.1)
        }
        let schedule = SchedulingReference.run(list, .priority(preemptive: false, aging: nil))
        #expect(schedule.order() == [1, 4, 0, 2, 3])
        #expect(schedule.jobs.map(\.wait) == [6, 0, 16, 18, 1])
        #expect(schedule.average(\.wait) == 8.2)
    }

    /// Preemptive priority, by hand: P1(0,10,p3) P2(1,1,p1) P3(2,2,p4) P4(3,1,p5) P5(4,5,p2).
    /// P1 0-1; P2 preempts 1-2; P1 2-4; P5 preempts 4-9; P1 9-16; P3 16-18; P4 18-19.
    /// Waits: P1 16-10 = 6, P2 0, P3 18-2-2 = 14, P4 19-3-1 = 15, P5 0.
    @Test func preemptivePriority() {
        let list = [(0, 10, 3), (1, 1, 1), (2, 2, 4), (3, 1, 5), (4, 5, 2)].enumerated().map { index, job in
            RefJob("P\(index + 1)", at: job.0, [job.1], priority: job.2)
        }
        let schedule = SchedulingReference.run(list, .priority(preemptive: true, aging: nil))
        #expect(schedule.order() == [0, 1, 0, 4, 0, 2, 3])
        #expect(schedule.jobs.map(\.wait) == [6, 0, 14, 15, 0])
        #expect(schedule.jobs.map(\.preemptions) == [2, 0, 0, 0, 0])
    }

    /// Aging (Silberschatz 5.3.4): L (priority 5) and a stream H0..H9 (priority 1, 10
    /// ticks each, one every 10 ticks from 0). Without aging L starves until 100. With
    /// one step per 10 ticks waited, L reaches priority 1 at 40 and wins the tie with
    /// H4 (it became ready first): L runs 40-50.
    @Test func agingEndsStarvation() {
        let stream = (0..<10).map { RefJob("H\($0)", at: 10 * $0, [10], priority: 1) }
        let list = stream + [RefJob("L", at: 0, [10], priority: 5)]
        let starved = SchedulingReference.run(list, .priority(preemptive: false, aging: nil))
        #expect(starved.jobs[10].firstRun == 100)
        let aged = SchedulingReference.run(list, .priority(preemptive: false, aging: 10))
        #expect(aged.jobs[10].firstRun == 40)
        #expect(aged.jobs[10].wait == 40)
        #expect(aged.order() == [0, 1, 2, 3, 10, 4, 5, 6, 7, 8, 9])
    }

    /// OSTEP 7.3-7.5: A=100, B=C=10 at 0: FCFS avg turnaround (100+110+120)/3 = 110;
    /// SJF (10+20+120)/3 = 50. With B and C arriving at 10: SJF (non-preemptive) gives
    /// (100 + 100 + 110)/3 = 103.33; STCF runs B, C at 10-30: (120 + 10 + 20)/3 = 50.
    @Test func ostepConvoyAndStcf() {
        let atZero = [RefJob("A", at: 0, [100]), RefJob("B", at: 0, [10]), RefJob("C", at: 0, [10])]
        #expect(SchedulingReference.run(atZero, .fcfs).average(\.turnaround) == 110)
        #expect(SchedulingReference.run(atZero, .shortestJobFirst).average(\.turnaround) == 50)
        let late = [RefJob("A", at: 0, [100]), RefJob("B", at: 10, [10]), RefJob("C", at: 10, [10])]
        #expect(SchedulingReference.run(late, .shortestJobFirst).average(\.turnaround) == 310.0 / 3)
        #expect(SchedulingReference.run(late, .shortestRemainingTime).average(\.turnaround) == 50)
    }

    /// OSTEP 7.7: A, B, C of 5 each at 0, time slice 1: RR response (0+1+2)/3 = 1 and
    /// turnaround (13+14+15)/3 = 14; SJF response (0+5+10)/3 = 5.
    @Test func ostepRoundRobinResponse() {
        let list = [RefJob("A", at: 0, [5]), RefJob("B", at: 0, [5]), RefJob("C", at: 0, [5])]
        let rr = SchedulingReference.run(list, .roundRobin(quantum: 1))
        #expect(rr.average(\.response) == 1)
        #expect(rr.jobs.map(\.finish) == [13, 14, 15])
        #expect(SchedulingReference.run(list, .shortestJobFirst).average(\.response) == 5)
    }

    /// A job arriving when a quantum expires: RR q=2, A(0,[4]), B(2,[2]). Newcomer first:
    /// B 2-4 and A 4-6 (A preempted). OSTEP mlfq.py's order: A re-queued first, picked
    /// again at once (no preemption): A 0-4, B 4-6.
    @Test func arrivalAtQuantumExpiry() {
        let list = [RefJob("A", at: 0, [4]), RefJob("B", at: 2, [2])]
        let newcomer = SchedulingReference.run(list, .roundRobin(quantum: 2))
        #expect(newcomer.jobs.map(\.finish) == [6, 4])
        #expect(newcomer.jobs[0].preemptions == 1)
        var ostep = RefConventions()
        ostep.newcomersFirst = false
        let preempted = SchedulingReference.run(list, .roundRobin(quantum: 2), conventions: ostep)
        #expect(preempted.jobs.map(\.finish) == [4, 6])
        #expect(preempted.jobs[0].preemptions == 0)
    }

    /// Two CPUs, FCFS: A 5, B 3, C 4 at 0: A on CPU 0 0-5, B on CPU 1 0-3, C on CPU 1 3-7.
    @Test func twoCPUs() {
        let list = [RefJob("A", at: 0, [5]), RefJob("B", at: 0, [3]), RefJob("C", at: 0, [4])]
        let schedule = SchedulingReference.run(list, .fcfs, cpus: 2)
        #expect(schedule.order(cpu: 0) == [0])
        #expect(schedule.order(cpu: 1) == [1, 2])
        #expect(schedule.jobs.map(\.finish) == [5, 3, 7])
    }

    /// Soft affinity: A [3, io 3, 3] runs on CPU 0 0-3, B [4, io 1, 3] on CPU 1 0-4. At 5
    /// B wakes with both CPUs idle and goes back to CPU 1, not to the lower CPU 0; A
    /// wakes at 6 and gets CPU 0 back. No switch at all (lowest-CPU-first would make two).
    @Test func softAffinity() {
        let list = [RefJob("A", at: 0, [3, 3, 3]), RefJob("B", at: 0, [4, 1, 3])]
        let schedule = SchedulingReference.run(list, .fcfs, cpus: 2)
        #expect(schedule.order(cpu: 0) == [0, 0])
        #expect(schedule.order(cpu: 1) == [1, 1])
        #expect(schedule.jobs.map(\.contextSwitches) == [0, 0])
    }
}
