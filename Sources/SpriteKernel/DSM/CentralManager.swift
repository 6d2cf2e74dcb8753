/// Ivy's central manager: every request goes to one node, which knows each page's owner and copy set,
/// forwards the request to the owner, and takes the next request for the page once the requester confirms.
struct CentralManager: PageManager {
    func firstHop(page: Int32, from node: Int, _ s: Int, _ memory: SharedMemory) -> Int {
        memory.segments[s].managerNode
    }

    func route(page: Int32, at node: Int, _ s: Int, _ memory: SharedMemory) -> DSMRoute {
        node == memory.segments[s].managerNode ? .manage : .serve
    }

    func manager(of page: Int32, _ segment: DSMSegmentState) -> Int { segment.managerNode }

    /// The manager holds every page at first.
    func initialOwner(page: Int32, _ segment: DSMSegmentState) -> Int { segment.managerNode }

    var confirms: Bool { true }
}
