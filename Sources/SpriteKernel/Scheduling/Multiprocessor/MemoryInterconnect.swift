/// How a multiprocessor's CPUs reach memory: what slows the memory share of
/// a compute burst. A burst of stand-alone length d with memory share m takes
/// d·(1−m) + d·m·s on the node, where s ≥ 1 is the interconnect's slowdown at
/// that moment. One file per kind; `InterconnectKind` is the registry.
protocol MemoryInterconnect {
    /// The slowdown every CPU's memory accesses see from contention, given
    /// each CPU's memory demand (the memory share of what it runs, 0 when idle;
    /// 1 for a test-and-set spinner).
    func contention(demands: ArraySlice<Double>) -> Double
    /// The slowdown of one CPU's accesses: `contention`, times the remote
    /// factor when its process's memory lives in another cell.
    func slowdown(contention: Double, remote: Bool) -> Double
    /// Whether a process's memory has a home cell (NUMA) that makes some CPUs remote.
    var cells: Int { get }
}

extension MemoryInterconnect {
    func slowdown(contention: Double, remote: Bool) -> Double { contention }
    var cells: Int { 1 }
}

/// The registry of memory interconnects.
public enum InterconnectKind: Sendable, Equatable {
    /// Uniform memory access over one shared bus that carries `capacity`
    /// CPUs' worth of full memory traffic (default 1): it saturates.
    case bus(capacity: Double = 1)
    /// An N×N crossbar: no contention, N² crosspoints.
    case crossbar
    /// An omega network of 2×2 switches, log₂N stages: blocking (Patel's approximation).
    case omega
    /// CPUs in `cells` cells of local memory; an access to another cell's
    /// memory costs `remoteFactor` times a local one.
    case numa(cells: Int, remoteFactor: Double)

    public var name: String {
        switch self {
        case .bus: "bus"
        case .crossbar: "crossbar"
        case .omega: "omega"
        case .numa: "numa"
        }
    }

    func validate(cpus: Int) throws(KernelError) {
        switch self {
        case .bus(let capacity):
            guard capacity > 0, capacity.isFinite else { throw .invalidValue("bus capacity") }
        case .crossbar, .omega: break
        case .numa(let cells, let factor):
            guard cells >= 1, cells <= cpus, cpus % cells == 0 else { throw .invalidValue("numa cells") }
            guard factor >= 1, factor.isFinite else { throw .invalidValue("remote factor") }
        }
    }

    func make(cpus: Int) -> any MemoryInterconnect {
        switch self {
        case .bus(let capacity): BusInterconnect(capacity: capacity)
        case .crossbar: CrossbarInterconnect()
        case .omega: OmegaInterconnect(inputs: cpus)
        case .numa(let cells, let factor): NUMAInterconnect(cells: cells, remoteFactor: factor)
        }
    }

    /// The switching hardware it takes for `cpus` CPUs and as many memory
    /// modules, and what it is called: its cost grows with this count.
    public func hardware(cpus: Int) -> (count: Int, unit: String) {
        switch self {
        case .bus: (1, "bus")
        case .crossbar: (cpus * cpus, "crosspoints")
        case .omega: (OmegaInterconnect.switchCount(inputs: cpus), "2×2 switches")
        case .numa(let cells, _): (cells, "cells")
        }
    }
}
