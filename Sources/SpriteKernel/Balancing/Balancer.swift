/// A host-selection and load-balancing policy: one file per policy, and a
/// case in `BalancerKind`. A balancer only decides; the balancing layer holds
/// arrivals, sends the probes (real RPCs) and moves processes through
/// Migration's API. Class-bound so a decision is a witness call.
protocol Balancer: AnyObject {
    var kind: BalancerKind { get }
    /// A process arrives at a node whose load is `here`: run it there, place it, or look for a host.
    func arrival(_ here: LoadView) -> ArrivalDecision
    /// A process finished at a node whose load is now `here`: how many nodes to ask for work (0: none).
    func departure(_ here: LoadView) -> Int
    /// A sender's (or host request's) probe reached a node whose load is `peer`: whether it takes the process.
    func takes(_ peer: LoadView) -> Bool
    /// A receiver's probe reached a node whose load is `peer`: whether it gives one of its processes.
    func gives(_ peer: LoadView) -> Bool
}

/// What a balancer sees of one node.
struct LoadView {
    /// Processes running or ready there now, and those it has accepted that are still on their way.
    var queue: Int
    /// Sprite's rule: load average below the idle load and no input for the idle time.
    var idle: Bool
    /// Foreign processes it hosts now.
    var guests: Int
    var threshold: Int
    var probeLimit: Int
    /// A host-selection server is declared.
    var central: Bool
}

enum ArrivalDecision: Equatable {
    case runHere
    /// A node drawn at random among the balanced ones (possibly this one), no probe.
    case randomNode
    /// Probe up to this many nodes (or ask the host-selection server) for one that `takes` it.
    case lookForHost(probes: Int)
    /// The node the static partition gave the process, if it names one.
    case assigned
}

/// Every balancer, by the word the language uses for it.
public enum BalancerKind: String, Sendable, Equatable, CaseIterable {
    case none
    case random
    case sender
    case receiver
    case symmetric
    case sprite
    case graph

    func make() -> any Balancer {
        switch self {
        case .none: NoBalancing()
        case .random: RandomPlacement()
        case .sender: SenderInitiated()
        case .receiver: ReceiverInitiated()
        case .symmetric: Symmetric()
        case .sprite: SpritePolicy()
        case .graph: GraphPlacement()
        }
    }
}

/// The answers of a balancer that never moves anything: the defaults a policy overrides.
extension Balancer {
    func arrival(_ here: LoadView) -> ArrivalDecision { .runHere }
    func departure(_ here: LoadView) -> Int { 0 }
    func takes(_ peer: LoadView) -> Bool { false }
    func gives(_ peer: LoadView) -> Bool { false }
}
