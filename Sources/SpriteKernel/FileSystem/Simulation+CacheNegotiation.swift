/// The file cache's side of the VM / file-cache negotiation (Frames/).
extension Simulation {
    /// The last reference of the least recently used block in `node`'s file cache; nil: it holds none.
    func fileCacheOldestReference(node: Int) -> SimTime? {
        nil
    }

    /// Gives up the file cache's least recently used page on `node`; false when it cannot.
    func fileCacheSurrenderPage(node: Int) -> Bool {
        false
    }
}
