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
struct Network: ~Copyable {
    var config: NetworkConfig
    private(set) var topology: any Topology {
        didSet { singleLinkRule = topology.singleLinkRule }
    }
    /// The topology's rule, read once per topology rather than once per message.
    private var singleLinkRule: SingleLinkRule?
    private var linkBusyUntil = LinkTable()
    private var lastPacketTime = SerializationMemo()
    /// Penalties on one-link routes lately worked out: every RPC asks two, mostly of the same sizes.
    private var oneLinkPenalties = PenaltyMemo()
    /// Loss probability overrides for particular node pairs (unordered).
    private(set) var pairLoss: [NodePair: Double] = [:]
    /// Partition group of each node; nodes in different groups cannot talk.
    private(set) var partitionGroup: [Int] = []

    init(config: NetworkConfig, nodeCount: Int) {
        self.config = config
        self.topology = config.topology.make(nodeCount: nodeCount, width: config.gridWidth)
        self.singleLinkRule = topology.singleLinkRule
        self.partitionGroup = Array(repeating: 0, count: nodeCount)
    }

    /// Grows to a new node count (the cluster grew). Only a topology whose
    /// shape depends on the count is rebuilt: a bus or a switch is the same
    /// for any count, and rebuilding it cost a fifth of adding a node.
    mutating func resize(nodeCount: Int) {
        if config.topology.dependsOnNodeCount {
            topology = config.topology.make(nodeCount: nodeCount, width: config.gridWidth)
        }
        if partitionGroup.count < nodeCount {
            // Appended in place: a temporary array per added node cost more than the node.
            partitionGroup.append(contentsOf: repeatElement(0, count: nodeCount - partitionGroup.count))
        }
    }

    mutating func reconfigure(_ newConfig: NetworkConfig, nodeCount: Int) {
        config = newConfig
        linkBusyUntil.removeAll()
        topology = config.topology.make(nodeCount: nodeCount, width: config.gridWidth)
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
    /// reserving every link it crosses. `now` is the engine's clock (no later message departs before it).
    mutating func transmit(payloadBytes: Int64, from source: Int, to destination: Int,
                           departure: SimTime, now: SimTime, random: inout SeededGenerator) -> Transfer {
        let loss = lossProbability(between: source, and: destination)
        var transfer = Self.schedule(payloadBytes: payloadBytes, from: source, to: destination,
                                     departure: departure, now: now, cost: config.cost.wire, topology: topology,
                                     rule: singleLinkRule, busy: &linkBusyUntil, books: true, memo: &lastPacketTime)
        if !canReach(source, destination) { transfer.lost = true }
        // One draw per message, with the chance that any of its packets is
        // lost: the same odds as a draw per packet, in constant time.
        if loss > 0, random.nextUnit() < Self.messageLoss(packetLoss: loss, packets: transfer.packets) {
            transfer.lost = true
        }
        return transfer
    }

    /// The network penalty: the least time the model allows for moving
    /// `payloadBytes` between two nodes, on idle links with no CPU overhead.
    /// Past the end of simulated time it is some time past `SimTime.horizon`.
    ///
    /// Read in place (the network is noncopyable): a static function given the
    /// topology had it copied out of its existential box for every call. It
    /// only reads the links, and shares the pure cache of serialization times.
    mutating func penalty(payloadBytes: Int64, from source: Int, to destination: Int) -> SimTime {
        let cost = config.cost.wire
        // On idle links a one-link route's time depends on the size and the wire alone, not on which link.
        let oneLink = source != destination && singleLinkRule != nil
        if oneLink, let known = oneLinkPenalties.penalty(payloadBytes: payloadBytes, cost: cost) { return known }
        var idle = LinkTable()
        // The messages' memo: a series' penalties are asked for the sizes its messages will have.
        let arrival = Self.schedule(payloadBytes: payloadBytes, from: source, to: destination, departure: .zero,
                                    now: .zero, cost: cost, topology: topology, rule: singleLinkRule, busy: &idle,
                                    books: false, memo: &lastPacketTime).arrival
        if oneLink { oneLinkPenalties.remember(arrival, payloadBytes: payloadBytes, cost: cost) }
        return arrival
    }

    mutating func clearLinks() { linkBusyUntil.removeAll() }

    /// Books every link of the route for a message of `packets` packets: all
    /// but the last are full (MTU + header), the last carries the rest.
    ///
    /// Packets of equal size pipeline: once the first full packet has left a
    /// link, the others follow it back to back, one serialization time apart,
    /// on every hop. So each hop needs only the first and the last packet's
    /// times, and a message costs O(hops) however many packets it has.
    ///
    /// Without `books`, the links are only read: a penalty is timed on idle
    /// links (a route never crosses a link twice), and booking them would
    /// allocate a scratch table for every penalty asked for.
    private static func schedule(payloadBytes: Int64, from source: Int, to destination: Int,
                                 departure: SimTime, now: SimTime, cost: WireCost, topology: any Topology,
                                 rule: SingleLinkRule?,
                                 busy: inout LinkTable, books: Bool, memo: inout SerializationMemo) -> Transfer {
        var train = PacketTrain(payloadBytes: payloadBytes, departure: departure, cost: cost, memo: &memo)
        // A bus or a switch names its one link by its rule: a closure per route cost
        // about a fifth of sending a message.
        if source != destination, let rule {
            train.cross(rule.link(from: source, to: destination), busy: &busy, books: books, now: now)
        } else {
            topology.route(from: source, to: destination) { link in
                train.cross(link, busy: &busy, books: books, now: now)
            }
        }
        let (wireHead, wireOverflow) = train.fullPackets.multipliedReportingOverflow(by: train.fullWire)
        return Transfer(arrival: train.lastReady, packets: train.packets,
                        wireBytes: wireOverflow ? .max : wireHead + train.lastWire, hops: train.hops, lost: false)
    }

    /// The probability that at least one of `packets` packets is lost.
    static func messageLoss(packetLoss: Double, packets: Int64) -> Double {
        var survive = 1.0, base = 1 - packetLoss, exponent = packets
        while exponent > 0 {
            if exponent & 1 == 1 { survive *= base }
            base *= base
            exponent >>= 1
        }
        return 1 - survive
    }
}

/// An unordered pair of node indices.
struct NodePair: Hashable {
    let low: Int
    let high: Int
    init(_ a: Int, _ b: Int) { low = min(a, b); high = max(a, b) }
}

/// A message's packets as they cross its route: when its first and its last
/// packet are ready to go onto the next link (see `Network.schedule`).
private struct PacketTrain {
    let packets: Int64
    let fullPackets: Int64
    let fullWire: Int64
    let lastWire: Int64
    let fullTime: SimTime
    let lastTime: SimTime
    /// The full packets after the first add this much to every hop.
    let train: SimTime
    let latency: SimTime
    var firstReady: SimTime
    var lastReady: SimTime
    var hops = 0

    @inline(__always) init(payloadBytes: Int64, departure: SimTime, cost: WireCost, memo: inout SerializationMemo) {
        packets = cost.packetCount(payloadBytes: payloadBytes)
        fullPackets = packets - 1
        fullWire = cost.mtuBytes + cost.headerBytes
        lastWire = max(0, payloadBytes - fullPackets * cost.mtuBytes) + cost.headerBytes
        fullTime = fullPackets > 0 ? cost.serialization(wireBytes: fullWire) : .zero
        lastTime = memo.serialization(wireBytes: lastWire, cost: cost)
        let (trainTail, trainOverflow) = fullTime.nanoseconds.multipliedReportingOverflow(by: max(0, fullPackets - 1))
        train = trainOverflow ? SimTime.never : SimTime(nanoseconds: trainTail)
        latency = cost.latency
        firstReady = departure
        lastReady = departure
    }

    /// One hop. Booking reads and writes the link's slot with one probe of the table.
    @inline(__always) mutating func cross(_ link: Int, busy: inout LinkTable, books: Bool, now: SimTime) {
        if books {
            let slot = busy.claim(link, now: now)
            if let linkFreeAt = advance(linkFreeAt: busy[claimed: slot]) { busy[claimed: slot] = linkFreeAt }
        } else {
            _ = advance(linkFreeAt: busy[link])
        }
    }

    /// Moves the train over a link free from `linkFreeAt`; returns when the
    /// link is free again, or nil if the message would still be on it after
    /// the end of simulated time: such a message never goes, nor holds the link.
    @inline(__always) private mutating func advance(linkFreeAt: SimTime) -> SimTime? {
        let lastStart: SimTime
        if fullPackets > 0 {
            let firstDone = max(firstReady, linkFreeAt) + fullTime
            lastStart = max(firstDone + train, lastReady)
            firstReady = firstDone + latency
        } else {
            lastStart = max(lastReady, linkFreeAt)
        }
        let lastDone = lastStart + lastTime
        lastReady = lastDone + latency
        hops += 1
        return lastDone.isPastHorizon ? nil : lastDone
    }
}

/// The last packet's serialization time last worked out, by wire size and rate.
/// Messages of one size follow each other (a ping-pong's requests and replies),
/// so this spares most of them a 64-bit division; a new size or rate recomputes.
struct SerializationMemo {
    private var wireBytes: Int64 = -1
    private var bitsPerSecond: Int64 = -1
    private var time = SimTime.zero

    @inline(__always) mutating func serialization(wireBytes: Int64, cost: WireCost) -> SimTime {
        if wireBytes != self.wireBytes || cost.bitsPerSecond != bitsPerSecond {
            self.wireBytes = wireBytes
            bitsPerSecond = cost.bitsPerSecond
            time = cost.serialization(wireBytes: wireBytes)
        }
        return time
    }
}

/// The last two one-link penalties worked out, by payload size and wire cost: an RPC asks for its request's
/// and its reply's, and the next RPC mostly for the same two. A pure cache: a miss works the time out again.
struct PenaltyMemo {
    private var sizes = (Int64(-1), Int64(-1))
    private var costs: (WireCost?, WireCost?) = (nil, nil)
    private var times = (SimTime.zero, SimTime.zero)
    /// Which entry the next miss replaces: the one used less lately.
    private var older = 0

    @inline(__always) mutating func penalty(payloadBytes: Int64, cost: WireCost) -> SimTime? {
        if sizes.0 == payloadBytes, costs.0 == cost {
            older = 1
            return times.0
        }
        if sizes.1 == payloadBytes, costs.1 == cost {
            older = 0
            return times.1
        }
        return nil
    }

    mutating func remember(_ time: SimTime, payloadBytes: Int64, cost: WireCost) {
        if older == 0 {
            (sizes.0, costs.0, times.0) = (payloadBytes, cost, time)
            older = 1
        } else {
            (sizes.1, costs.1, times.1) = (payloadBytes, cost, time)
            older = 0
        }
    }
}
