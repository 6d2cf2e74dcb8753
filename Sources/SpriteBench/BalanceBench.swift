// The `balance` workload: load balancing over many nodes with a Poisson stream of arrivals.

import SpriteKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let balanceTable = Table(
    legend: [
        "columns: config = workload parameters; processes = programs that finished (checked = ARRIVALS);",
        "transfers = arrivals moved by exec-time migration; probes = probe RPCs; wall s = wall-clock seconds of",
        "the runs alone (setup not timed); processes/wall s = processes / wall s; events/s = events / wall s;",
        "mean turnaround = simulated; setup s = spawning the arrivals (NODES/10 at a time, before the run",
        "reaches them); peak RSS MB = peak resident set size; cpu s = CPU seconds of the runs (on a busy",
        "machine, wall s counts time the process waited for a CPU; cpu s does not).",
    ],
    columns: [
        ("workload", 9), ("config", 30), ("processes", 10), ("transfers", 10), ("probes", 9), ("wall s", 8),
        ("processes/wall s", 17), ("events/s", 12), ("mean turnaround", 16), ("setup s", 8), ("peak RSS MB", 12),
        ("cpu s", 7),
    ]
)

/// NODES workstations on a zero-overhead switched network, ARRIVALS processes arriving as one Poisson stream
/// at nodes drawn at random, at LOAD percent of the cluster's capacity; each computes a service time drawn
/// from 64 exponential quantiles of mean 1 s; sender-initiated balancing, threshold 2, probe limit PROBES.
/// The arrivals are spawned NODES/10 at a time, each batch just before the run reaches it, as a stream would
/// come: the engine holds the live processes and one batch, not every arrival from the start (nor their
/// arrival events). Only the runs are timed; spawning the batches is the setup time.
func runBalanceBench(nodes: Int, arrivals: Int, loadPercent: Int, probes: Int) -> [String] {
    var setup = 0.0
    var wall = 0.0
    var cpu = 0.0
    var setupStart = monotonicSeconds()
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
    sim.traceLevel = .off
    sim.timelineLimit = 0
    sim.processLimit = arrivals
    // Ended arrivals are summed up and their slots reused: memory follows the live processes.
    sim.endedProcessRecords = .summary
    var random = SeededGenerator(seed: 7)
    let rate = Double(nodes) * Double(loadPercent) / 100
    let programs = (0..<64).map { "s\($0)" }
    let batch = max(1, nodes / 10)
    var arrival = 0.0
    var spawned = 0
    /// Spawns the next `count` arrivals; returns the last one's time.
    func spawnBatch(_ count: Int) throws(KernelError) -> SimTime {
        var last = SimTime.zero
        for _ in 0..<min(count, arrivals - spawned) {
            arrival += -log(1 - random.nextUnit()) / rate
            let node = Int(random.next() % UInt64(nodes))
            last = .ns(Int64(arrival * 1e9))
            try sim.spawn(program: programs[Int(random.next() % 64)], name: "p\(spawned)", node: node, at: last)
            spawned += 1
        }
        return last
    }
    do {
        // Service times: the exponential's quantiles (i + 0.5)/64, mean close to 1 s.
        for i in 0..<64 {
            let q = (Double(i) + 0.5) / 64
            try sim.defineProgram(programs[i], steps: [.compute(.ns(Int64(-log(1 - q) * 1e9)))])
        }
        for node in 0..<nodes { _ = try sim.addNode(NodeSpec(name: "n\(node)", role: .workstation)) }
        try sim.setBalancing(.sender, nodes: Array(0..<nodes), threshold: 2, probes: probes)
        while spawned < arrivals {
            let until = try spawnBatch(batch)
            setup += monotonicSeconds() - setupStart
            let start = monotonicSeconds(), cpuStart = cpuSeconds()
            let stop = sim.run(until: until)
            wall += monotonicSeconds() - start
            cpu += cpuSeconds() - cpuStart
            setupStart = monotonicSeconds()
            guard stop == .reachedDeadline || stop == .idle else { fail("balance: run stopped with \(stop)") }
        }
    } catch {
        fail("balance: \(error)")
    }
    setup += monotonicSeconds() - setupStart
    let start = monotonicSeconds(), cpuStart = cpuSeconds()
    let stop = sim.run()
    wall += monotonicSeconds() - start
    cpu += cpuSeconds() - cpuStart
    guard stop == .idle else { fail("balance: run stopped with \(stop)") }
    let outcome = sim.balanceOutcome()
    guard outcome.finished == arrivals else { fail("balance: \(outcome.finished) of \(arrivals) finished") }
    let stats = sim.balancingStatistics
    return [
        String(outcome.finished), String(stats.placed), String(stats.probes), fixed(wall, 3),
        grouped(Double(outcome.finished) / wall), grouped(Double(sim.statistics.eventsProcessed) / wall),
        outcome.meanTurnaround.description, fixed(setup, 3), fixed(peakRSSMegabytes(), 1), fixed(cpu, 3),
    ]
}

/// CPU time this process has used, in seconds.
private func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
