/// Load balancing's state: each node's load average and last input, the
/// declared balancer and its parameters, probe chains in flight, evictions,
/// and the counts `show balance` reports. The scheduler only up-calls
/// `loadChanged` and `arrivalHeld` (Kernel/Simulation+UpCalls.swift) when
/// `listens` is set; nothing below names this state. Single-threaded, and no access to one of its
/// tables is held across a call that could reach it, so the tables touched on every scheduler event skip
/// the run-time exclusivity checks, as the other layers' do.
final class LoadBalancing {
    /// Whether the scheduler's events are sampled (an idle rule or a balancer is declared).
    @exclusivity(unchecked) var listens = false
    var kind = BalancerKind.none
    @exclusivity(unchecked) var balancer: any Balancer = NoBalancing()
    /// The nodes the balancer places on, in declaration order, and a membership flag per node.
    @exclusivity(unchecked) var members: [Int32] = []
    @exclusivity(unchecked) var isMember: [Bool] = []
    /// Each member's place in `members` (-1 for other nodes): a probe draws around its prober in O(1).
    @exclusivity(unchecked) var memberIndex: [Int32] = []
    var threshold = 1
    var probeLimit = 3
    /// The least time between two probe rounds one node starts (zero: every trigger probes).
    var period = SimTime.zero
    /// The host-selection server, or -1: each node probes on its own.
    var central = -1

    // Each node's load: an exponentially decayed run-queue length (running + ready), brought up to date
    // whenever the scheduler changes the node's queue, so no timer runs per node.
    @exclusivity(unchecked) var average: [Double] = []
    @exclusivity(unchecked) var sampled: [SimTime] = []
    @exclusivity(unchecked) var runnable: [Int32] = []
    /// The load average's time constant (Unix's one-minute average by default).
    var decay = SimTime.s(60)
    /// Sprite's idle rule: load average below `idleLoad` and no user input for `idleAfter`.
    var idleLoad = 0.5
    var idleAfter = SimTime.s(30)
    /// The nodes the idle rule watches (others are never offered to foreign processes).
    @exclusivity(unchecked) var watched: [Bool] = []
    @exclusivity(unchecked) var lastInput: [SimTime] = []
    /// When each node last started a receiver's round, and whether one of its rounds is under way.
    @exclusivity(unchecked) var lastProbeRound: [SimTime] = []
    @exclusivity(unchecked) var probing: [Bool] = []
    /// Foreign processes each node hosts now (placed there by the balancer, not yet finished).
    @exclusivity(unchecked) var guests: [Int32] = []
    /// The node each guest counts on (Simulation+GuestCount.swift): only guests, so it is empty without a balancer.
    @exclusivity(unchecked) var guestHost: [Int32: Int32] = [:]

    /// Arrivals each node holds while a round looks for a host (oldest first), and those let go to their
    /// own run queue because their node freed first (their arrival is posted again).
    @exclusivity(unchecked) var held: [[HeldArrival]] = []
    @exclusivity(unchecked) var rejoining: [Int32] = []
    var rounds: Int32 = 0

    /// Probe chains waiting on an RPC, by operation (a handle map: looked up on every RPC's end, unhashed).
    @exclusivity(unchecked) var probes = HandleMap<ProbeChain>()
    /// Graph placement: the declared traffic between named processes, and each one's node.
    var traffic: [(String, String, Int64)] = []
    var assignment: [String: Int] = [:]
    @exclusivity(unchecked) var statistics = BalancingStatistics()
    var evictions: [EvictionRecord] = []
    /// Processes still arriving on a node whose owner came back: the eviction that sends each home on arrival.
    @exclusivity(unchecked) var evictOnArrival: [Int32: Int] = [:]
    /// Migrations the balancer started, by their number in Migration's table.
    @exclusivity(unchecked) var transfers: [Int] = []

    /// A probe or host request: a small request and reply, and the probed kernel's time to answer.
    let probeBytes: Int64 = 64
    let probeService = SimTime.us(50)

    var waitsOnRPCs: Bool { !probes.isEmpty }

    func ensure(_ node: Int) {
        guard node >= average.count else { return }
        let more = node + 1 - average.count
        average += repeatElement(0, count: more)
        sampled += repeatElement(.zero, count: more)
        runnable += repeatElement(0, count: more)
        lastInput += repeatElement(.never, count: more)
        watched += repeatElement(false, count: more)
        lastProbeRound += repeatElement(.never, count: more)
        probing += repeatElement(false, count: more)
        guests += repeatElement(0, count: more)
        held += repeatElement([], count: more)
        isMember += repeatElement(false, count: more)
        memberIndex += repeatElement(-1, count: more)
    }
}

/// What a probe chain is for: a sender placing an arrival, a receiver asking for work, or a host request.
enum ProbeIntent: Equatable {
    case placeArrival
    case askForWork
    case central
}

/// One node probing others, one RPC at a time, until one answers yes or the limit is reached.
struct ProbeChain {
    var intent: ProbeIntent
    var origin: Int32
    /// The arriving process held while the chain runs, or -1.
    var process: Int32
    var peer: Int32
    var left: Int32
    var sent: Int32
    /// The round's walk over the other balanced nodes: the first drawn, then `stride` on (coprime with
    /// their count), so no node is asked twice in one round.
    var first: Int32 = 0
    var stride: Int32 = 1
    /// The held arrival's round, by number: a round whose arrival went on meanwhile ends at its next answer.
    var round: Int32 = 0
}

/// An arrival held on its node while round `round` looks for a host for it.
struct HeldArrival: Equatable {
    var process: Int32
    var round: Int32
}

/// Balancing's counts over a run.
public struct BalancingStatistics: Sendable, Equatable {
    public var probes = 0
    /// Probe and host-selection RPC bytes (requests and replies).
    public var probeBytes: Int64 = 0
    public var centralRequests = 0
    /// Processes placed elsewhere at arrival (sender, random, sprite, graph) and taken by receivers.
    public var placed = 0
    public var pulled = 0
    /// Probe rounds that found no partner.
    public var failedRounds = 0
    public init() {}
}

/// One owner's return: the foreign processes sent home, and when the last one got there.
public struct EvictionRecord: Sendable, Equatable {
    public var node: Int
    public var at: SimTime
    /// The migrations started, by number (see `migrationReports`), and processes that could not move.
    public var migrations: [Int]
    public var stayed: [ProcessID]
}
