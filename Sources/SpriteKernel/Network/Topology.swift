/// The shape of the interconnect. A topology names the links a packet
/// crosses between two node positions; the network charges each link.
///
/// Adding a topology: a new file with a type conforming to this protocol and
/// a case in `TopologyKind`.
public protocol Topology: Sendable {
    /// Links crossed from `source` to `destination`, in order. Each link is an
    /// opaque integer; two routes that share an integer share the medium.
    func route(from source: Int, to destination: Int, visit: (Int) -> Void)

    /// How a topology whose every route is a single link names that link;
    /// nil if a route may take several hops (the default). The network reads
    /// it once per topology, then names a message's link itself, with neither
    /// a closure nor a call through the existential per message.
    var singleLinkRule: SingleLinkRule? { get }
}

/// The link of a one-hop route between two different positions.
public enum SingleLinkRule: Sendable, Equatable {
    /// Every ordered pair has its own link, `linkKey(source, destination)`.
    case perOrderedPair
    /// Every route uses this one link.
    case shared(link: Int)

    @inline(__always) func link(from source: Int, to destination: Int) -> Int {
        switch self {
        case .perOrderedPair: linkKey(source, destination)
        case .shared(let link): link
        }
    }
}

extension Topology {
    public var singleLinkRule: SingleLinkRule? { nil }

    public func hopCount(from source: Int, to destination: Int) -> Int {
        var hops = 0
        route(from: source, to: destination) { _ in hops += 1 }
        return hops
    }
}

/// Encodes a directed link between two positions as one integer key.
@inlinable func linkKey(_ from: Int, _ to: Int) -> Int { (from << 32) | to }

/// The topologies a script can name.
public enum TopologyKind: String, CaseIterable, Sendable {
    case bus
    case switched
    case ring
    case grid
    case torus
    case hypercube

    /// Whether the shape depends on the node count (a ring, a mesh, a
    /// hypercube); a bus or a switch is the same for any count.
    public var dependsOnNodeCount: Bool {
        switch self {
        case .bus, .switched: false
        case .ring, .grid, .torus, .hypercube: true
        }
    }

    /// Builds the topology for `nodeCount` positions; `width` shapes grids.
    public func make(nodeCount: Int, width: Int?) -> any Topology {
        switch self {
        case .bus: return SharedBus()
        case .switched: return SwitchedFabric()
        case .ring: return Ring(size: nodeCount)
        case .grid: return Mesh(size: nodeCount, width: width, wraps: false)
        case .torus: return Mesh(size: nodeCount, width: width, wraps: true)
        case .hypercube: return Hypercube(size: nodeCount)
        }
    }
}
