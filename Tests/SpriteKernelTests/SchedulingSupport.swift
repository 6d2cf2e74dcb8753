import Testing
import SpriteKernel

/// A one-node simulation with a scheduler and one program per job: job i is
/// a single burst `bursts[i]` ms, arriving at `arrivals[i]` ms (0 if absent),
/// spawned in order (so simultaneous arrivals queue in that order).
func scheduledJobs(_ kind: SchedulerKind, bursts: [Int64], arrivals: [Int64] = [], names: [String]? = nil,
                   cpus: Int = 1, contextSwitch: SimTime = .zero, priorities: [Int] = [],
                   tickets: [Int] = []) throws -> Simulation {
    let sim = try makeSimulation(nodes: 1, cpus: cpus)
    try sim.setScheduler(kind, on: 0, contextSwitch: contextSwitch)
    for (index, burst) in bursts.enumerated() {
        let name = names?[index] ?? String(UnicodeScalar(UInt8(65 + index)))
        try sim.defineProgram("job\(name)", steps: [.compute(.ms(burst))])
        try sim.spawn(program: "job\(name)", name: name, node: 0,
                      at: .ms(arrivals.indices.contains(index) ? arrivals[index] : 0),
                      priority: priorities.indices.contains(index) ? priorities[index] : 0,
                      tickets: tickets.indices.contains(index) ? tickets[index] : 100)
    }
    return sim
}

extension Simulation {
    /// The metrics of the process called `name`, which must exist.
    func metrics(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessMetrics {
        let id = try #require(processID(named: name), sourceLocation: sourceLocation)
        return try #require(processMetrics(id), sourceLocation: sourceLocation)
    }

    /// Wait time of each named process, in ms.
    func waits(_ names: [String]) throws -> [Int64] {
        try names.map { try metrics($0).waitTime.nanoseconds / 1_000_000 }
    }

    func turnarounds(_ names: [String]) throws -> [Int64] {
        try names.map { try (metrics($0).turnaround?.nanoseconds ?? -1) / 1_000_000 }
    }

    func responses(_ names: [String]) throws -> [Int64] {
        try names.map { try (metrics($0).responseTime?.nanoseconds ?? -1) / 1_000_000 }
    }

    /// The timeline of node 0 as "process start-end ending" strings, times in ms.
    func gantt(node: Int = 0) -> [String] {
        timeline(node: node).map {
            "\(processMetrics($0.process)?.name ?? "?")@\($0.cpu) \($0.start.nanoseconds / 1_000_000)-"
                + "\($0.end.nanoseconds / 1_000_000) \($0.ending.rawValue)"
        }
    }
}
