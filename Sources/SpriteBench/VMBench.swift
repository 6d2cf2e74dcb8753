// The `vm` workload: demand paging throughput (DESIGN-9 §8).

import SpriteKernel

let vmTable = Table(
    legend: [
        "columns: config = workload parameters (BACKING 1 swap on each workstation's SSD, 2 backing files on",
        "the servers); faults = page faults (checked = zero-fills + page-ins + faults that waited for another's",
        "transfer); faults/wall s = faults / wall s",
        "of the run alone; events/fault = events / faults; cpu s = user CPU seconds of the run; peak RSS MB =",
        "peak resident set size; RSS/page = peak RSS over the pages of every space, in bytes.",
    ],
    columns: [
        ("workload", 9), ("config", 38), ("faults", 10), ("page-ins", 10), ("page-outs", 10), ("wall s", 8),
        ("faults/wall s", 14), ("events/fault", 13), ("cpu s", 7), ("peak RSS MB", 12), ("RSS/page", 9),
    ]
)

/// NODES workstations of 32 MB (VM gets half: 4096 frames of 4 KB) in groups of ten around a file server each;
/// PROCS processes per workstation, each with 512 KB of data (128 pages) touched at random every 20 us, a
/// fifth of the touches writes, in one burst longer than the run; round robin, 10 ms quantum. PROCS × 128 pages
/// against 4096 frames: at 50 processes a touch faults with p ≈ 1 − 4096/6400 = 0.36.
func runVMBench(nodes: Int, processes: Int, seconds: Int, backing: Int) -> [String] {
    let sim = Simulation(seed: 1, network: NetworkConfig(preset: .modern, topology: .switched))
    sim.traceLevel = .off
    sim.timelineLimit = 0
    sim.faultLogLimit = 0
    do {
        var space = AddressSpaceSpec(name: "random")
        space.dataBytes = 512 << 10
        space.pattern = .random(.data, workingSet: nil)
        space.touch = .us(20)
        space.writeShare = 0.2
        try sim.defineAddressSpace(space)
        try sim.defineProgram("pager", steps: [.compute(.s(Int64(seconds) * 10))])
        try sim.attachSpace(program: "pager", space: "random")
        var config = VMConfig()
        config.backing = backing == 2 ? .files(directory: "/swap") : .swap
        for group in 0..<max(1, (nodes + 9) / 10) {
            let server = try sim.addNode(NodeSpec(name: "fs\(group)", role: .server, cpus: 8, memoryBytes: 1 << 30,
                                                  disk: DrivePreset.modernSSD.drive))
            sim.setDomain("/swap/s\(group)", server: server)
            config.backing = backing == 2 ? .files(directory: "/swap/s\(group)") : .swap
            for index in (group * 10)..<min(nodes, group * 10 + 10) {
                let node = try sim.addNode(NodeSpec(name: "ws\(index)", role: .workstation, memoryBytes: 32 << 20,
                                                    disk: DrivePreset.modernSSD.drive))
                try sim.setScheduler(.roundRobin(quantum: .ms(10)), on: node)
                try sim.configureVM(node: node, config)
                sim.setMemoryNegotiation(node: node, .fixed(vmPercent: 50, of: 32 << 20))
                for process in 0..<processes {
                    try sim.spawn(program: "pager", name: "ws\(index).p\(process)", node: node)
                }
            }
        }
    } catch {
        fail("vm: \(error)")
    }
    let start = monotonicSeconds()
    let startCPU = userCPUSeconds()
    let stop = sim.run(until: .s(Int64(seconds)))
    let wall = monotonicSeconds() - start
    let cpu = userCPUSeconds() - startCPU
    guard stop == .reachedDeadline else { fail("vm: run stopped with \(stop)") }
    let paging = sim.memoryStatistics()
    guard paging.pageFaults == paging.zeroFills + paging.pageIns + paging.sharedFaults else {
        fail("vm: \(paging.pageFaults) faults, \(paging.zeroFills) zero-fills, \(paging.pageIns) page-ins")
    }
    let pages = Double(nodes * processes * 128)
    return [
        String(paging.pageFaults), String(paging.pageIns), String(paging.pageOuts), fixed(wall, 3),
        grouped(Double(paging.pageFaults) / wall),
        fixed(Double(sim.statistics.eventsProcessed) / Double(max(1, paging.pageFaults)), 2), fixed(cpu, 3),
        fixed(peakRSSMegabytes(), 1), fixed(peakRSSMegabytes() * 1_048_576 / pages, 0),
    ]
}
