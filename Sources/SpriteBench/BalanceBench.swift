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
        "the run alone (setup not timed); processes/wall s = processes / wall s; events/s = events / wall s;",
        "mean turnaround = simulated; setup s = spawning the arrivals; peak RSS MB = peak resident set size.",
    ],
    columns: [
        ("workload", 9), ("config", 30), ("processes", 10), ("transfers", 10), ("probes", 9), ("wall s", 8),
        ("processes/wall s", 17), ("events/s", 12), ("mean turnaround", 16), ("setup s", 8), ("peak RSS MB", 12),
    ]
)

/// NODES workstations on a zero-overhead switched network, ARRIVALS processes arriving as one Poisson stream
/// at nodes drawn at random, at LOAD percent of the cluster's capacity; each computes a service time drawn
/// from 64 exponential quantiles of mean 1 s; sender-initiated balancing, threshold 2, probe limit PROBES.
func runBalanceBench(nodes: Int, arrivals: Int, loadPercent: Int, probes: Int) -> [String] {
    let setupStart = monotonicSeconds()
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
    sim.traceLevel = .off
    sim.timelineLimit = 0
    sim.processLimit = arrivals
    var random = SeededGenerator(seed: 7)
    do {
        // Service times: the exponential's quantiles (i + 0.5)/64, mean close to 1 s.
        for i in 0..<64 {
            let q = (Double(i) + 0.5) / 64
            try sim.defineProgram("s\(i)", steps: [.compute(.ns(Int64(-log(1 - q) * 1e9)))])
        }
        for node in 0..<nodes { _ = try sim.addNode(NodeSpec(name: "n\(node)", role: .workstation)) }
        try sim.setBalancing(.sender, nodes: Array(0..<nodes), threshold: 2, probes: probes)
        let rate = Double(nodes) * Double(loadPercent) / 100
        var arrival = 0.0
        for index in 0..<arrivals {
            arrival += -log(1 - random.nextUnit()) / rate
            let node = Int(random.next() % UInt64(nodes))
            try sim.spawn(program: "s\(random.next() % 64)", name: "p\(index)", node: node,
                          at: .ns(Int64(arrival * 1e9)))
        }
    } catch {
        fail("balance: \(error)")
    }
    let setup = monotonicSeconds() - setupStart
    let start = monotonicSeconds()
    let stop = sim.run()
    let wall = monotonicSeconds() - start
    guard stop == .idle else { fail("balance: run stopped with \(stop)") }
    let outcome = sim.balanceOutcome()
    guard outcome.finished == arrivals else { fail("balance: \(outcome.finished) of \(arrivals) finished") }
    let stats = sim.balancingStatistics
    return [
        String(outcome.finished), String(stats.placed), String(stats.probes), fixed(wall, 3),
        grouped(Double(outcome.finished) / wall), grouped(Double(sim.statistics.eventsProcessed) / wall),
        outcome.meanTurnaround.description, fixed(setup, 3), fixed(peakRSSMegabytes(), 1),
    ]
}
