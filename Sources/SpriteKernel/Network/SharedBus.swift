/// One shared medium (classic Ethernet): every transmission uses the same
/// link, so transmissions serialize and contention becomes visible.
public struct SharedBus: Topology {
    public init() {}
    public func route(from source: Int, to destination: Int, visit: (Int) -> Void) {
        if source != destination { visit(0) }
    }
    public var singleLinkRule: SingleLinkRule? { .shared(link: 0) }
}
