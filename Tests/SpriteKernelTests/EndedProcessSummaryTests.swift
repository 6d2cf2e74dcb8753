import Foundation
import Testing
@testable import SpriteKernel

/// Ended processes kept as totals (`EndedProcessRecords.summary`): the balance benchmark's workload gives the
/// same outcome as with full records, in bounded memory, and a reused slot is never taken for the process
/// that had it.
@Suite("Ended process summary")
struct EndedProcessSummaryTests {
    /// The benchmark's workload, smaller: NODES workstations, ARRIVALS Poisson arrivals at 70% load, service
    /// times the exponential's 16 quantiles, sender-initiated with probe limit 3, spawned NODES/10 at a time
    /// just before the run reaches them (Sources/SpriteBench/BalanceBench.swift).
    private func balanceRun(_ records: EndedProcessRecords, nodes: Int = 40, arrivals: Int = 4_000,
                            roundRobin: Bool = false,
                            program: (Int64) -> [ProgramStep] = { [.compute(.ns($0))] }) throws -> Simulation {
        let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
        sim.traceLevel = .off
        sim.timelineLimit = 0
        sim.endedProcessRecords = records
        var random = SeededGenerator(seed: 7)
        let rate = Double(nodes) * 0.7
        for i in 0..<16 {
            let q = (Double(i) + 0.5) / 16
            try sim.defineProgram("s\(i)", steps: program(Int64(-log(1 - q) * 1e9)))
        }
        for node in 0..<nodes {
            try sim.addNode(NodeSpec(name: "n\(node)", role: .workstation))
            if roundRobin { try sim.setScheduler(.roundRobin(quantum: .ms(100)), on: node, contextSwitch: .us(50)) }
        }
        try sim.setBalancing(.sender, nodes: Array(0..<nodes), threshold: 2, probes: 3)
        var arrival = 0.0
        var spawned = 0
        while spawned < arrivals {
            var last = SimTime.zero
            for _ in 0..<max(1, nodes / 10) where spawned < arrivals {
                arrival += -log(1 - random.nextUnit()) / rate
                let node = Int(random.next() % UInt64(nodes))
                last = .ns(Int64(arrival * 1e9))
                try sim.spawn(program: "s\(Int(random.next() % 16))", name: "p\(spawned)", node: node, at: last)
                spawned += 1
            }
            let stop = sim.run(until: last)
            #expect(stop == .reachedDeadline || stop == .idle)
        }
        sim.runToIdle()
        return sim
    }

    /// What the benchmark prints (finished, transfers, probes, mean turnaround) and every balancing count and
    /// the events run are equal; the mean slowdown adds the same ratios in another order (a rounding apart);
    /// the percentiles are their bucket's lower bound, at most 1/128 below the exact value.
    @Test func theBenchmarksWorkloadGivesTheSameOutcomeInBothModes() throws {
        let full = try balanceRun(.full)
        let summary = try balanceRun(.summary)
        let exact = full.balanceOutcome(), folded = summary.balanceOutcome()
        #expect(exact.finished == 4_000 && folded.finished == 4_000)
        #expect(folded.meanTurnaround == exact.meanTurnaround)
        #expect(summary.balancingStatistics == full.balancingStatistics)
        #expect(full.balancingStatistics.placed > 500 && full.balancingStatistics.probes > 1_000)
        #expect(summary.statistics.eventsProcessed == full.statistics.eventsProcessed)
        #expect(abs(folded.meanSlowdown - exact.meanSlowdown) <= 1e-12 * exact.meanSlowdown)
        for (bucketed, value) in [(folded.p95, exact.p95), (folded.p99, exact.p99)] {
            #expect(bucketed <= value && Double((value - bucketed).nanoseconds) <= Double(value.nanoseconds) / 128)
        }
        #expect(folded.medianSlowdown <= exact.medianSlowdown)
        #expect(folded.medianSlowdown >= exact.medianSlowdown * 127 / 128)
        // Memory: the slots and migration records held are the live ones and a batch's worth, not 4,000.
        #expect(summary.summarisedProcessCount > 3_000)
        #expect(summary.scheduledProcessCount < 400 && summary.migrationReports.count < 200)
        #expect(full.scheduledProcessCount == 4_000)
    }

    /// Programs that sleep between bursts under round robin with a context-switch cost (quanta end, slices
    /// are held, timers wake processes, a CPU's last process saves a switch) give the same counts: no stale
    /// wake, held slice or remembered last process reaches a process in a reused slot.
    @Test func sleepsAndQuantaGiveTheSameOutcomeInBothModes() throws {
        func run(_ records: EndedProcessRecords) throws -> Simulation {
            try balanceRun(records, nodes: 20, arrivals: 1_500, roundRobin: true) { ns in
                [.compute(.ns(ns / 2)), .sleep(.ms(3)), .compute(.ns(ns / 2))]
            }
        }
        let full = try run(.full), summary = try run(.summary)
        #expect(summary.balanceOutcome().meanTurnaround == full.balanceOutcome().meanTurnaround)
        #expect(summary.balanceOutcome().finished == 1_500)
        #expect(summary.balancingStatistics == full.balancingStatistics)
        #expect(summary.statistics.eventsProcessed == full.statistics.eventsProcessed)
        #expect(summary.summarisedProcessCount > 1_000)
    }

    /// One node, no balancer. a (10 ms) ends; b is spawned: the CPU last ran a, so a's slot is not reused
    /// yet (b would look like a to it and skip the switch) and b takes slot 1, paying one context switch.
    /// Once b has run, a's slot is free: c takes slot 0 and, the CPU's last process being b, pays one too.
    @Test func aSlotTheCPURemembersIsNotReused() throws {
        let sim = try makeSimulation(nodes: 1)
        sim.traceLevel = .off
        sim.timelineLimit = 0
        sim.endedProcessRecords = .summary
        try sim.setScheduler(.fcfs, on: 0, contextSwitch: .us(100))
        try sim.defineProgram("job", steps: [.compute(.ms(10))])
        let a = try sim.spawn(program: "job", name: "a", node: 0)
        sim.runToIdle()
        let b = try sim.spawn(program: "job", name: "b", node: 0)
        #expect(a.index == 0 && b.index == 1 && sim.summarisedProcessCount == 0)
        sim.runToIdle()
        #expect(sim.processMetrics(b)?.contextSwitches == 1)
        let c = try sim.spawn(program: "job", name: "c", node: 0)
        #expect(c.index == 0 && sim.summarisedProcessCount == 1)
        #expect(sim.processID(named: "a") == nil && sim.processID(named: "c") == c)
        sim.runToIdle()
        // c: arrives at 20.1 ms (a 0-10, switch to b 10-10.1, b 10.1-20.1), switch 0.1 ms, runs 10 ms.
        #expect(sim.processMetrics(c)?.contextSwitches == 1)
        #expect(sim.processMetrics(c)?.finish == .us(30_200))
        // Finished: a from the totals, b and c from their records: each counted once.
        #expect(sim.balanceOutcome().finished == 3)
    }

    /// A process killed by a crash while it sleeps keeps its slot: its timer's wake is still to come, and a
    /// new process blocked in that slot would be woken by it. One that finished is summarised.
    @Test func aProcessKilledWhileBlockedKeepsItsSlot() throws {
        let sim = try makeSimulation(nodes: 2)
        sim.traceLevel = .off
        sim.timelineLimit = 0
        sim.endedProcessRecords = .summary
        try sim.defineProgram("sleeper", steps: [.sleep(.s(1)), .compute(.ms(1))])
        try sim.defineProgram("job", steps: [.compute(.ms(1))])
        let sleeper = try sim.spawn(program: "sleeper", name: "sleeper", node: 0)
        let done = try sim.spawn(program: "job", name: "done", node: 1)
        _ = sim.run(until: .ms(500))
        sim.crash(0)
        let other = try sim.spawn(program: "job", name: "other", node: 1)
        // `done` is remembered by node 1's CPU, the sleeper was killed blocked: neither slot is free yet.
        #expect(other.index == 2)
        sim.runToIdle()
        let next = try sim.spawn(program: "job", name: "next", node: 1)
        #expect(next.index == done.index && next.index != sleeper.index)
        #expect(sim.processMetrics(sleeper)?.killed == true)
    }

    /// Scripts' default keeps every record: nothing is summarised and ids follow spawn order.
    @Test func fullRecordsAreTheDefault() throws {
        let sim = try makeSimulation(nodes: 1)
        #expect(sim.endedProcessRecords == .full)
        try sim.defineProgram("job", steps: [.compute(.ms(1))])
        _ = try sim.spawn(program: "job", name: "a", node: 0)
        sim.runToIdle()
        #expect(try sim.spawn(program: "job", name: "b", node: 0).index == 1)
        #expect(sim.summarisedProcessCount == 0)
    }

    /// Buckets keep a double's exponent and 7 mantissa bits: 1000 = 2^9 · (1 + 122/128) starts a bucket 2^9 / 128
    /// = 4 wide, so 1003 reads back as 1000; 5000 reads back as 2^12 · (1 + 28/128) = 4992.
    @Test func bucketsReadTheLowerBound() {
        var buckets = LogBuckets()
        for value in [1003.0, 1.0, 5000.0, 1000.0] { buckets.add(value) }
        #expect(buckets.value(ofRank: 1) == 1)
        #expect(buckets.value(ofRank: 2) == 1000 && buckets.value(ofRank: 3) == 1000)
        #expect(buckets.value(ofRank: 4) == 4992)
        #expect(buckets.total == 4)
    }
}
