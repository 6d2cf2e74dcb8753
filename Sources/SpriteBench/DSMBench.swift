// The `dsm` workload: page faults of distributed shared memory under sequential consistency.

import SpriteKernel

let dsmTable = Table(
    legend: [
        "columns: config = NODES PAGES SECONDS MANAGER (1 dynamic, 2 central on an extra node, 3 fixed);",
        "faults, transfers, invalidations, messages = DSM's counts over the run; faults/wall s = faults / wall s",
        "of the run alone (setup not timed); events/fault = every event of the run / faults; state B/page = the",
        "engine's DSM tables (a page's record and one copy record per node) / pages: linear in pages, compare",
        "1000 and 10000 pages; peak RSS MB = peak resident set size of the process.",
    ],
    columns: [
        ("workload", 9), ("config", 44), ("faults", 10), ("transfers", 10), ("invals", 10), ("messages", 11),
        ("wall s", 8), ("faults/wall s", 14), ("events/fault", 13), ("state B/page", 13), ("peak RSS MB", 12),
    ]
)

/// NODES workstations (modern preset, switched), one process each, sharing PAGES 4 KB pages under
/// sequential consistency. Each process computes for longer than the run, its bursts touching a random page of
/// the segment every 50 us, one touch in ten a write (`pattern random over dsm S touch 50us writes 10%`).
func runDSMBench(nodes: Int, pages: Int, seconds: Int, managerIndex: Int) -> [String] {
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
    sim.traceLevel = .off
    sim.timelineLimit = 0
    sim.faultLogLimit = 0
    let manager: DSMManagerKind
    switch managerIndex {
    case 1: manager = .dynamic
    case 2: manager = .central(node: nodes)
    case 3: manager = .fixed
    default: fail("dsm: MANAGER must be 1, 2 or 3")
    }
    guard (1...DSMSegmentSpec.maximumNodes).contains(nodes), pages > 0 else { fail("dsm: 1 to 64 nodes") }
    do {
        for node in 0..<nodes { try sim.addNode(NodeSpec(name: "n\(node)", role: .workstation)) }
        try sim.addNode(NodeSpec(name: "manager", role: .server))
        try sim.defineDSMSegment(DSMSegmentSpec(name: "S", pages: Int32(pages), nodes: Array(0..<nodes),
                                                manager: manager))
        let pattern = DSMAccessPattern(segment: "S", order: .random, touch: .us(50), writeShare: 0.1)
        for node in 0..<nodes {
            try sim.defineProgram("p\(node)", steps: [.dsmPattern(pattern), .compute(.s(Int64(seconds) + 1))])
            try sim.spawn(program: "p\(node)", name: "p\(node)", node: node)
        }
    } catch {
        fail("dsm: \(error)")
    }
    let start = monotonicSeconds()
    let stop = sim.run(until: .s(Int64(seconds)))
    let wall = monotonicSeconds() - start
    guard stop == .reachedDeadline else { fail("dsm: run stopped with \(stop)") }
    let counts = sim.dsmStatistics
    guard counts.faults > 0 else { fail("dsm: no faults") }
    return [
        String(counts.faults), String(counts.transfers), String(counts.invalidations), String(counts.messages),
        fixed(wall, 3), grouped(Double(counts.faults) / wall),
        fixed(Double(sim.statistics.eventsProcessed) / Double(counts.faults), 2),
        String(sim.dsmStateBytes / pages), fixed(peakRSSMegabytes(), 1),
    ]
}
