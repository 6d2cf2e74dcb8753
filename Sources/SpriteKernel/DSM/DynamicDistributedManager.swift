/// Ivy's dynamic distributed manager: no manager. Each node keeps a probable owner per page; a request
/// goes to it and is forwarded along the hints until it reaches the owner. A node that forwards a write
/// request points its hint at the requester (the owner to be); a served node points at the owner. No confirm.
struct DynamicDistributedManager: PageManager {
    func firstHop(page: Int32, from node: Int, _ s: Int, _ memory: SharedMemory) -> Int {
        memory.probableOwner(page: page, at: node, s)
    }

    func route(page: Int32, at node: Int, _ s: Int, _ memory: SharedMemory) -> DSMRoute {
        if Int(memory.pages[Int(memory.segments[s].firstPage + page)].owner) == node { return .serve }
        return .forward(memory.probableOwner(page: page, at: node, s))
    }

    /// No node manages a page: the owner serialises its transfers.
    func manager(of page: Int32, _ segment: DSMSegmentState) -> Int { -1 }

    func initialOwner(page: Int32, _ segment: DSMSegmentState) -> Int {
        FixedDistributedManager.managerNode(of: page, segment)
    }

    var confirms: Bool { false }
}
