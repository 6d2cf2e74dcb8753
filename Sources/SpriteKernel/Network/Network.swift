/// The result of putting one message on the wire.
public struct Transfer: Sendable, Equatable {
    /// When the last packet reaches the destination.
    public var arrival: SimTime
    public var packets: Int64
    public var wireBytes: Int64
    public var hops: Int
    /// True if a packet was lost (to loss or a partition): the message never arrives.
    public var lost: Bool
}

/// Link occupancy, loss and partitions. Packets are store-and-forward: on
/// each hop a packet waits for the link, is clocked onto it, then propagates.
/// All links a message needs are reserved when it is sent, in send order.
struct Network {
    var config: NetworkConfig
    private(set) var topology: any Topology
    private var linkBusyUntil = LinkTable()
    /// Loss probability overrides for particular node pairs (unordered).
    private(set) var pairLoss: [NodePair: Double] = [:]
    /// Partition group of each node; nodes in different groups cannot talk.
    private(set) var partitionGroup: [Int] = []

    init(config: NetworkConfig, nodeCount: Int) {
        self.config = config
        self.topology = config.topology.make(nodeCount: nodeCount, width: config.gridWidth)
        self.partitionGroup = Array(repeating: 0, count: nodeCount)
    }

    /// Rebuilds the topology for a new node count (the cluster grew).
    mutating func resize(nodeCount: Int) {
        topology = config.topology.make(nodeCount: nodeCount, width: config.gridWidth)
        if partitionGroup.count < nodeCount {
            partitionGroup += Array(repeating: 0, count: nodeCount - partitionGroup.count)
        }
    }

    mutating func reconfigure(_ newConfig: NetworkConfig, nodeCount: Int) {
        config = newConfig
        linkBusyUntil.removeAll()
        resize(nodeCount: nodeCount)
    }

    mutating func setLoss(_ probability: Double, between a: Int, and b: Int) {
        pairLoss[NodePair(a, b)] = probability
    }

    func lossProbability(between a: Int, and b: Int) -> Double {
        pairLoss.isEmpty ? config.lossProbability : pairLoss[NodePair(a, b)] ?? config.lossProbability
    }

    mutating func partition(groups: [[Int]]) {
        for index in partitionGroup.indices { partitionGroup[index] = 0 }
        for (number, group) in groups.enumerated() {
            for node in group where node < partitionGroup.count { partitionGroup[node] = number + 1 }
        }
    }

    mutating func heal() {
        for index in partitionGroup.indices { partitionGroup[index] = 0 }
    }

    var isPartitioned: Bool { partitionGroup.contains { $0 != 0 } }

    func canReach(_ a: Int, _ b: Int) -> Bool { partitionGroup[a] == partitionGroup[b] }

    /// Sends `payloadBytes` from `source` to `destination` leaving at `departure`,
    /// reserving every link it crosses.
    mutating func transmit(payloadBytes: Int64, from source: Int, to destination: Int,
                           departure: SimTime, random: inout SeededGenerator) -> Transfer {
        let loss = lossProbability(between: source, and: destination)
        var transfer = Self.schedule(payloadBytes: payloadBytes, from: source, to: destination,
                                     departure: departure, cost: config.cost, topology: topology,
                                     busy: &linkBusyUntil)
        if !canReach(source, destination) { transfer.lost = true }
        if loss > 0 {
            for _ in 0..<transfer.packets where random.nextUnit() < loss { transfer.lost = true }
        }
        return transfer
    }

    /// The network penalty: the least time the model allows for moving
    /// `payloadBytes` between two nodes, on idle links with no CPU overhead.
    func penalty(payloadBytes: Int64, from source: Int, to destination: Int) -> SimTime {
        var idle = LinkTable()
        return Self.schedule(payloadBytes: payloadBytes, from: source, to: destination, departure: .zero,
                             cost: config.cost, topology: topology, busy: &idle).arrival
    }

    mutating func clearLinks() { linkBusyUntil.removeAll() }

    private static func schedule(payloadBytes: Int64, from source: Int, to destination: Int,
                                 departure: SimTime, cost: CostModel, topology: any Topology,
                                 busy: inout LinkTable) -> Transfer {
        let packets = cost.packetCount(payloadBytes: payloadBytes)
        let fullWire = cost.mtuBytes + cost.headerBytes
        let lastPayload = payloadBytes - (packets - 1) * cost.mtuBytes
        let lastWire = max(0, lastPayload) + cost.headerBytes
        let fullTime = packets > 1 ? cost.serialization(wireBytes: fullWire) : .zero
        let lastTime = cost.serialization(wireBytes: lastWire)
        var arrival = departure
        var hops = 0
        for packet in 0..<packets {
            let clock = packet == packets - 1 ? lastTime : fullTime
            var t = departure
            hops = 0
            topology.route(from: source, to: destination) { link in
                let start = max(t, busy[link])
                let end = start + clock
                busy[link] = end
                t = end + cost.latency
                hops += 1
            }
            arrival = max(arrival, t)
        }
        return Transfer(arrival: arrival, packets: packets,
                        wireBytes: (packets - 1) * fullWire + lastWire, hops: hops, lost: false)
    }
}

/// An unordered pair of node indices.
struct NodePair: Hashable {
    let low: Int
    let high: Int
    init(_ a: Int, _ b: Int) { low = min(a, b); high = max(a, b) }
}
