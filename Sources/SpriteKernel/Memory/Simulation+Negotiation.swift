/// Virtual memory's side of the VM / file-cache negotiation (Frames/).
extension Simulation {
    /// The last reference of the least recently used page in `node`'s VM; nil: it holds none.
    func vmOldestReference(node: Int) -> SimTime? {
        virtualMemory.frames(of: node)?.oldestStamp
    }

    /// Gives up VM's least recently used page on `node` to the file cache; false when it cannot.
    func vmSurrenderPage(node: Int) -> Bool {
        false
    }
}
