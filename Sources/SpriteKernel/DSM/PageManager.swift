/// What a node does with a page request that reaches it.
enum DSMRoute: Equatable {
    /// The node is the page's manager: it serialises the request, then forwards it to the owner.
    case manage
    /// The node owns the page: it serves the request.
    case serve
    /// The node passes the request on to this node.
    case forward(Int)
}

/// Who locates a page's owner (Li and Hudak, Ivy). A new manager is a new file and a registry entry.
protocol PageManager: Sendable {
    /// The node a faulting node asks first.
    func firstHop(page: Int32, from node: Int, _ s: Int, _ memory: SharedMemory) -> Int
    /// What the node at `node` does with a request for `page`.
    func route(page: Int32, at node: Int, _ s: Int, _ memory: SharedMemory) -> DSMRoute
    /// The node that serialises `page`'s transfers and takes confirmations, or -1 (the owner does).
    func manager(of page: Int32, _ segment: DSMSegmentState) -> Int
    /// The node that owns `page` (local index) before any fault.
    func initialOwner(page: Int32, _ segment: DSMSegmentState) -> Int
    /// Whether a served requester confirms to the manager, which serialises the next transfer only then.
    var confirms: Bool { get }
}

/// The registry of managers, by the language's word.
enum PageManagers {
    static func manager(for kind: DSMManagerKind) -> any PageManager {
        switch kind {
        case .central: CentralManager()
        case .fixed: FixedDistributedManager()
        case .dynamic: DynamicDistributedManager()
        }
    }
}
