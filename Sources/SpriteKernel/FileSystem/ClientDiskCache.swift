/// A client's disk cache (`cache NODE disk`), the third of the four places: files or blocks a client
/// fetched, kept on its own drive. It outlives the client's memory (a crash and restart keep it) and
/// lets a client read while its server is unreachable (disconnected operation).
struct ClientDiskCache {
    /// One file's data on the client's disk: the whole file, or some of its blocks, of one version.
    struct Copy {
        var version: Int
        var content: ContentID
        var size: Int64
        var modified: SimTime
        /// When the server last vouched for this version (it sent the data, or an open found it current).
        var validatedAt: SimTime = .zero
        var whole: Bool
        var blocks: Set<Int64> = []

        func holds(block: Int64) -> Bool { whole || blocks.contains(block) }
    }

    var capacityBlocks: Int64
    var copies: [Int: Copy] = [:]
    /// Least recently used files leave first when the disk cache is full.
    var lru = LRUList<Int>()

    /// The copy to use for `block` (nil: the whole file), if the disk holds it.
    func copy(of file: Int, block: Int64?) -> Copy? {
        guard let copy = copies[file] else { return nil }
        if let block { return copy.holds(block: block) ? copy : nil }
        return copy.whole ? copy : nil
    }

    /// Takes data from the server: the whole file, or one block of it. A different version replaces the copy.
    mutating func store(_ file: Int, version: Int, content: ContentID, size: Int64, modified: SimTime,
                        block: Int64?, blockSize: Int64, at time: SimTime) {
        var copy = copies[file].flatMap { $0.version == version ? $0 : nil }
            ?? Copy(version: version, content: content, size: size, modified: modified, whole: false)
        copy.validatedAt = time
        if let block { copy.blocks.insert(block) } else { copy.whole = true }
        let weight = copy.whole ? max(1, (size + blockSize - 1) / blockSize) : Int64(copy.blocks.count)
        guard weight <= capacityBlocks else { return drop(file) }
        copies[file] = copy
        lru.touch(file, weight: weight)
        while lru.totalWeight > capacityBlocks, let cold = lru.coldest(where: { $0 != file }) { drop(cold) }
    }

    mutating func drop(_ file: Int) {
        copies[file] = nil
        lru.remove(file)
    }
}
