/// Ivy's fixed distributed manager: page p's manager is the segment's node p mod n, which also owns it at
/// first; otherwise as the central manager (forward to the owner, confirm).
struct FixedDistributedManager: PageManager {
    static func managerNode(of page: Int32, _ segment: DSMSegmentState) -> Int {
        segment.spec.nodes[Int(page) % segment.spec.nodes.count]
    }

    func firstHop(page: Int32, from node: Int, _ s: Int, _ memory: SharedMemory) -> Int {
        Self.managerNode(of: page, memory.segments[s])
    }

    func route(page: Int32, at node: Int, _ s: Int, _ memory: SharedMemory) -> DSMRoute {
        node == Self.managerNode(of: page, memory.segments[s]) ? .manage : .serve
    }

    func manager(of page: Int32, _ segment: DSMSegmentState) -> Int { Self.managerNode(of: page, segment) }

    func initialOwner(page: Int32, _ segment: DSMSegmentState) -> Int { Self.managerNode(of: page, segment) }

    var confirms: Bool { true }
}
