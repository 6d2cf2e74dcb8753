/// A non-blocking switch: every ordered pair of nodes has its own path of one
/// hop, so only traffic between the same pair in the same direction queues.
public struct SwitchedFabric: Topology {
    public init() {}
    public func route(from source: Int, to destination: Int, visit: (Int) -> Void) {
        if source != destination { visit(linkKey(source, destination)) }
    }
    public var singleLinkRule: SingleLinkRule? { .perOrderedPair }
}
