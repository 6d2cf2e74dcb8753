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
        /// The blocks by use, least recent first: a file larger than the disk keeps its most recent ones.
        var recency = LRUList<Int64>()

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
        if let block {
            copy.blocks.insert(block)
            copy.recency.touch(block, weight: 1)
        } else {
            copy.whole = true
        }
        let fileBlocks = max(1, (size + blockSize - 1) / blockSize)
        if copy.whole, fileBlocks > capacityBlocks {
            // The whole file does not fit: its last blocks, the most recently read, stay.
            copy.whole = false
            for kept in (fileBlocks - capacityBlocks)..<fileBlocks where !copy.blocks.contains(kept) {
                copy.blocks.insert(kept)
                copy.recency.touch(kept, weight: 1)
            }
        }
        // A file larger than the disk keeps what fits: its least recently used blocks leave.
        while !copy.whole, Int64(copy.blocks.count) > capacityBlocks,
              let cold = copy.recency.coldest(where: { _ in true }) {
            copy.blocks.remove(cold)
            copy.recency.remove(cold)
        }
        copies[file] = copy
        lru.touch(file, weight: copy.whole ? fileBlocks : Int64(copy.blocks.count))
        while lru.totalWeight > capacityBlocks, let cold = lru.coldest(where: { $0 != file }) { drop(cold) }
    }

    /// A read used `block` of the file (nil: all of it): the file and the block are the most recently used.
    mutating func touch(_ file: Int, block: Int64?) {
        guard copies[file] != nil else { return }
        lru.touch(file, weight: lru.weight(of: file))
        if let block, copies[file]?.whole == false { copies[file]?.recency.touch(block, weight: 1) }
    }

    mutating func drop(_ file: Int) {
        copies[file] = nil
        lru.remove(file)
    }
}
