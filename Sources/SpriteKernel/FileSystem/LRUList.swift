/// Least-recently-used order over keys, each with a weight (blocks) and the
/// time it was last used (what the file cache offers in the VM / file-cache
/// negotiation). Touch, insert and remove are O(1); `evict` pops from the cold end.
struct LRUList<Key: Hashable> {
    private struct Link {
        var key: Key
        var weight: Int64
        var stamp: SimTime
        var older: Int
        var newer: Int
    }
    private var links: [Link] = []
    private var slot: [Key: Int] = [:]
    private var free: [Int] = []
    private var newest = -1
    private var oldest = -1
    private(set) var totalWeight: Int64 = 0
    /// The latest stamp given: a touch that names no time takes it, so the stamps stay in the list's order.
    private(set) var latestStamp: SimTime = .zero

    func contains(_ key: Key) -> Bool { slot[key] != nil }

    /// The weight `key` holds, 0 if absent.
    func weight(of key: Key) -> Int64 { slot[key].map { links[$0].weight } ?? 0 }

    /// When `key` was last used; nil if absent.
    func stamp(of key: Key) -> SimTime? { slot[key].map { links[$0].stamp } }

    /// The last use of the least recently used key; nil when the list is empty.
    var oldestStamp: SimTime? { oldest >= 0 ? links[oldest].stamp : nil }

    /// Marks `key` as used at `time` (nil: the latest time the list knows), inserting it (or updating its weight).
    mutating func touch(_ key: Key, weight: Int64, at time: SimTime? = nil) {
        let stamp = max(time ?? latestStamp, latestStamp)
        latestStamp = stamp
        if let index = slot[key] {
            totalWeight += weight - links[index].weight
            links[index].weight = weight
            links[index].stamp = stamp
            unlink(index)
            linkNewest(index)
            return
        }
        let link = Link(key: key, weight: weight, stamp: stamp, older: -1, newer: -1)
        let index: Int
        if let reused = free.popLast() {
            links[reused] = link
            index = reused
        } else {
            links.append(link)
            index = links.count - 1
        }
        slot[key] = index
        totalWeight += weight
        linkNewest(index)
    }

    mutating func remove(_ key: Key) {
        guard let index = slot.removeValue(forKey: key) else { return }
        totalWeight -= links[index].weight
        unlink(index)
        free.append(index)
    }

    /// The least recently used key that `eligible` accepts.
    func coldest(where eligible: (Key) -> Bool) -> Key? {
        var index = oldest
        while index >= 0 {
            if eligible(links[index].key) { return links[index].key }
            index = links[index].newer
        }
        return nil
    }

    mutating func removeAll() {
        let latest = latestStamp
        self = LRUList()
        latestStamp = latest
    }

    /// How many keys `matching` accepts (walks the keys held, not a range).
    /// Every key held, in no particular order.
    var keys: Dictionary<Key, Int>.Keys { slot.keys }

    func count(where matching: (Key) -> Bool) -> Int { slot.keys.reduce(0) { $0 + (matching($1) ? 1 : 0) } }

    private mutating func unlink(_ index: Int) {
        let link = links[index]
        if link.older >= 0 { links[link.older].newer = link.newer } else { oldest = link.newer }
        if link.newer >= 0 { links[link.newer].older = link.older } else { newest = link.older }
    }

    private mutating func linkNewest(_ index: Int) {
        links[index].older = newest
        links[index].newer = -1
        if newest >= 0 { links[newest].newer = index }
        newest = index
        if oldest < 0 { oldest = index }
    }
}

extension LRUList where Key == BlockKey {
    /// What touching blocks 0..<blocks of `file` and then evicting down to
    /// `capacity` leaves, when the file alone fills the cache: its last blocks.
    mutating func keepOnly(file: Int, blocks: Int64, capacity: Int64, at time: SimTime? = nil) {
        removeAll()
        for block in max(0, blocks - capacity)..<blocks {
            touch(BlockKey(file: file, block: block), weight: 1, at: time)
        }
    }
}
