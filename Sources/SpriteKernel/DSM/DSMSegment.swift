/// A shared segment as the language declares it: pages spread over up to 64 nodes.
public struct DSMSegmentSpec: Sendable, Equatable {
    public var name: String
    public var pages: Int32
    public var pageSize: Int64
    /// The nodes that may map the segment (by index), at most `maximumNodes`.
    public var nodes: [Int]
    public var manager: DSMManagerKind
    public var consistency: DSMConsistencyKind
    /// The trap of an access fault on the faulting process's CPU; nil: the network's local-cost.
    public var faultCPU: SimTime?
    /// Each message a manager, owner or copy holder handles; nil: the network's call-cpu.
    public var service: SimTime?

    /// A copy set is one 64-bit word.
    public static let maximumNodes = 64

    public init(name: String, pages: Int32, pageSize: Int64 = 4096, nodes: [Int],
                manager: DSMManagerKind = .central(node: nil), consistency: DSMConsistencyKind = .sequential,
                faultCPU: SimTime? = nil, service: SimTime? = nil) {
        self.name = name
        self.pages = pages
        self.pageSize = pageSize
        self.nodes = nodes
        self.manager = manager
        self.consistency = consistency
        self.faultCPU = faultCPU
        self.service = service
    }
}

/// Who knows where a page's owner is (Li and Hudak's Ivy).
public enum DSMManagerKind: Sendable, Equatable {
    /// One manager for every page, on `node` (nil: the segment's first node).
    case central(node: Int?)
    /// Page p's manager is the segment's node p mod n.
    case fixed
    /// No manager: each node keeps a probable owner per page; requests follow the hints.
    case dynamic

    public var name: String {
        switch self {
        case .central: "central"
        case .fixed: "fixed"
        case .dynamic: "dynamic"
        }
    }
}

/// When writes become visible to the other nodes.
public enum DSMConsistencyKind: String, Sendable, Equatable, CaseIterable {
    /// Ivy: one writer at a time, every other copy invalidated before a write.
    case sequential
    /// Eager release (Munin): several writers with twins; diffs pushed to every copy at a release.
    case release
    /// TreadMarks: write notices travel with lock grants and barrier releases; diffs fetched at the fault.
    case lazyRelease = "lazy-release"
}

/// A segment's state: its spec, where its pages start in the page table, its participants.
struct DSMSegmentState {
    var spec: DSMSegmentSpec
    var firstPage: Int32
    /// Participant index of each node (by node index), -1 when the node is not among the segment's nodes.
    var participant: [Int8]
    /// The central manager's node, or -1.
    var managerNode: Int
    var messages: Int64 = 0
    var bytes: Int64 = 0
    /// Pages each participant wrote in its current interval (multiple-writer models), for its next release.
    var written: [[Int32]]

    var participantCount: Int { spec.nodes.count }

    func participantIndex(of node: Int) -> Int {
        node < participant.count ? Int(participant[node]) : -1
    }
}
