/// Graph-theoretic static placement's public face: partition named processes over nodes by their declared
/// traffic; each named process that later arrives on a balanced node goes to its part's node.
extension Simulation {
    /// Declares `volume` bytes of traffic between two named processes (added to what was declared).
    public func declareTraffic(_ a: String, _ b: String, volume: Int64) throws(KernelError) {
        guard volume >= 0, a != b else { throw .invalidValue("traffic") }
        balancing.traffic.append((a, b, volume))
    }

    /// The declared traffic, in order, and the processes it names in order of first mention.
    public var declaredTraffic: [(String, String, Int64)] { balancing.traffic }
    public var trafficProcesses: [String] {
        var seen = Set<String>()
        return balancing.traffic.flatMap { [$0.0, $0.1] }.filter { seen.insert($0).inserted }
    }

    /// Each named process's node under the graph placement.
    public var graphAssignment: [String: Int] { balancing.assignment }

    /// Partitions `processes` over `nodes` (part i = nodes[i]) with at most `capacity` a node (nil: as even
    /// as possible), least traffic cut. Remembers the placement; nil when they do not fit. A raised
    /// `interrupt` stops the search with `.limitReached("interrupted")`.
    public func placeByTraffic(processes: [String], traffic: [(String, String, Int64)], nodes placement: [Int],
                               capacity: Int?, interrupt: InterruptFlag? = nil) throws(KernelError)
        -> GraphPartition? {
        for node in placement where !nodes.indices.contains(node) { throw .unknownNode("#\(node)") }
        guard !placement.isEmpty else { throw .invalidValue("nodes") }
        let index = Dictionary(processes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let arcs = traffic.compactMap { a, b, volume in index[a].flatMap { i in index[b].map { (i, $0, volume) } } }
        let fit = capacity ?? (processes.count + placement.count - 1) / placement.count
        guard let partition = try GraphPartitioner.partition(count: processes.count, traffic: arcs,
                                                         parts: placement.count, capacity: max(1, fit),
                                                         interrupt: interrupt) else {
            return nil
        }
        for (i, name) in processes.enumerated() { balancing.assignment[name] = placement[partition.part[i]] }
        return partition
    }
}
