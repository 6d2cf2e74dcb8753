// The `sched` workload: CPU scheduling throughput on multiprocessor nodes.

import SpriteKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let schedulingTable = Table(
    legend: [
        "columns: config = workload parameters; dispatches = processes put on a CPU (checked = NODES * CPUS",
        "* SECONDS * 100: every CPU takes a new process each 10 ms quantum); wall s = wall-clock seconds of",
        "the run alone (setup not timed); dispatches/wall s = dispatches / wall s; events/s = events /",
        "wall s; cpu s = user CPU seconds of the run (steadier than wall s on a busy machine); setup s =",
        "spawning the processes; peak RSS MB = peak resident set size of the process.",
    ],
    columns: [
        ("workload", 9), ("config", 38), ("dispatches", 11), ("wall s", 8), ("dispatches/wall s", 18),
        ("events/s", 12), ("cpu s", 7), ("dispatches/cpu s", 17), ("setup s", 8), ("peak RSS MB", 12),
    ]
)

/// NODES nodes of CPUS CPUs, each with PROCS CPU-bound processes (one burst
/// longer than the run) under round robin with a 10 ms quantum and no switch
/// cost, one shared run queue per node; runs SECONDS of simulated time.
func runSchedulingBench(nodes: Int, cpus: Int, processes: Int, seconds: Int) -> [String] {
    let setupStart = monotonicSeconds()
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .zero, topology: .switched))
    sim.traceLevel = .off
    sim.timelineLimit = 0
    do {
        try sim.defineProgram("spin", steps: [.compute(.s(Int64(seconds) * 10))])
        for node in 0..<nodes {
            let index = try sim.addNode(NodeSpec(name: "n\(node)", role: .workstation, cpus: cpus))
            try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: index)
            for process in 0..<processes {
                try sim.spawn(program: "spin", name: "n\(node).p\(process)", node: index)
            }
        }
    } catch {
        fail("sched: \(error)")
    }
    let setup = monotonicSeconds() - setupStart
    let start = monotonicSeconds()
    let startCPU = userCPUSeconds()
    // Up to just before the last quantum boundary, so every CPU dispatches exactly SECONDS * 100 times.
    let stop = sim.run(until: .s(Int64(seconds)) - .ns(1))
    let wall = monotonicSeconds() - start
    let cpu = userCPUSeconds() - startCPU
    guard stop == .reachedDeadline else { fail("sched: run stopped with \(stop)") }
    let expected = Int64(nodes) * Int64(cpus) * Int64(seconds) * 100
    guard sim.dispatchCount == expected || processes <= cpus else {
        fail("sched: \(sim.dispatchCount) dispatches, expected \(expected)")
    }
    return [
        String(sim.dispatchCount), fixed(wall, 3), grouped(Double(sim.dispatchCount) / wall),
        grouped(Double(sim.statistics.eventsProcessed) / wall), fixed(cpu, 3),
        grouped(Double(sim.dispatchCount) / max(cpu, 1e-9)), fixed(setup, 3), fixed(peakRSSMegabytes(), 1),
    ]
}

/// User CPU time of this process, in seconds.
func userCPUSeconds() -> Double {
    var usage = rusage()
    #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
}
