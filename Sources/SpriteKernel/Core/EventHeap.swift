/// The events `EventQueue` holds out of time order, as a radix heap: the part
/// of the queue that takes events no run can.
///
/// The queue is monotone: no event is scheduled before the last one taken. So
/// each event waits in the bucket of the highest bit in which its key differs
/// from the key last taken out of this heap (`base`), and every key in a lower
/// bucket is smaller than every key in a higher one. The least event is in the
/// lowest bucket that holds any, found by a scan of it; taking it out makes it
/// the new base and spreads the rest of its bucket over lower buckets. Buckets
/// above keep their events: they differ from the new base where they differed
/// from the old one. An event moves a few times on its way down (about six in
/// the balance benchmark), where a binary heap of the thousand or two far
/// events a busy cluster holds (a burst's end for every busy CPU, and the stale
/// ones kernel work left behind) moved an element on each of ten levels for
/// every event taken. Keys are unique, so events come out in exactly (time,
/// sequence) order, as from any heap.
///
/// Buckets are linked lists through a slab of entries reused through a free
/// list, so a heap in steady state allocates nothing.
struct EventHeap: ~Copyable, Sendable {
    /// The entries; a free one is on the free list.
    private var events = UniqueArray<ScheduledEvent>()
    /// The next entry in the same bucket (or on the free list), or -1.
    private var links = UniqueArray<Int32>()
    private var freeEntry: Int32 = -1
    /// The first entry of each bucket, or -1: bucket b > 0 holds the keys whose highest bit differing from
    /// `base` is bit b - 1; bucket 0 the key equal to it.
    private var heads = UniqueArray<Int32>(repeating: -1, count: 129)
    /// Which buckets hold an entry: bits 0–63, 64–127 and 128.
    private var occupiedLow: UInt64 = 0
    private var occupiedHigh: UInt64 = 0
    private var occupiedTop = false
    /// The key of the event last taken out; every key held is above it.
    private var base: Int128 = 0
    /// The entry holding the least key, or -1 when empty.
    private var least: Int32 = -1
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var first: ScheduledEvent? { least < 0 ? nil : events[Int(least)] }

    mutating func insert(_ event: ScheduledEvent) {
        // An event earlier than the base (were one ever scheduled in the past) first lowers the base to it.
        if event.key < base { rebase(below: event.key) }
        let entry: Int32
        if freeEntry >= 0 {
            entry = freeEntry
            freeEntry = links[Int(entry)]
            events[Int(entry)] = event
        } else {
            entry = Int32(events.count)
            events.append(event)
            links.append(-1)
        }
        push(entry, to: bucket(of: event.key), link: links.baseAddress, head: heads.baseAddress)
        count &+= 1
        if least < 0 || event.key < events[Int(least)].key { least = entry }
    }

    mutating func removeFirst() -> ScheduledEvent? {
        guard least >= 0 else { return nil }
        // Entries are indexed through their base addresses: every index below comes from a head or a link,
        // each naming an entry of the slab, and nothing is appended until the next insert.
        let event = events.baseAddress, link = links.baseAddress, head = heads.baseAddress
        let taken = Int(least)
        let first = event[taken]
        let spread = bucket(of: first.key)
        base = first.key
        // The rest of the taken event's bucket goes below it, by the new base.
        var entry = head[spread]
        head[spread] = -1
        unmark(spread)
        while entry >= 0 {
            let next = link[Int(entry)]
            if Int(entry) != taken { push(entry, to: bucket(of: event[Int(entry)].key), link: link, head: head) }
            entry = next
        }
        link[taken] = freeEntry
        freeEntry = Int32(taken)
        count &-= 1
        least = count > 0 ? leastOfLowestBucket(event: event, link: link, head: head) : -1
        return first
    }

    mutating func removeAll() {
        events.removeAll()
        links.removeAll()
        freeEntry = -1
        for bucket in 0..<heads.count { heads[bucket] = -1 }
        occupiedLow = 0
        occupiedHigh = 0
        occupiedTop = false
        base = 0
        least = -1
        count = 0
    }

    /// The bucket of `key`: one more than the index of the highest bit in which it differs from `base`.
    @inline(__always) private func bucket(of key: Int128) -> Int {
        let difference = key ^ base
        let high = UInt64(truncatingIfNeeded: difference >> 64)
        if high != 0 { return 128 &- high.leadingZeroBitCount }
        return 64 &- UInt64(truncatingIfNeeded: difference).leadingZeroBitCount
    }

    @inline(__always) private mutating func push(_ entry: Int32, to bucket: Int, link: UnsafeMutablePointer<Int32>,
                                                 head: UnsafeMutablePointer<Int32>) {
        link[Int(entry)] = head[bucket]
        head[bucket] = entry
        if bucket < 64 {
            occupiedLow |= 1 &<< UInt64(bucket)
        } else if bucket < 128 {
            occupiedHigh |= 1 &<< UInt64(bucket &- 64)
        } else {
            occupiedTop = true
        }
    }

    @inline(__always) private mutating func unmark(_ bucket: Int) {
        if bucket < 64 {
            occupiedLow &= ~(1 &<< UInt64(bucket))
        } else if bucket < 128 {
            occupiedHigh &= ~(1 &<< UInt64(bucket &- 64))
        } else {
            occupiedTop = false
        }
    }

    /// The entry with the least key: a scan of the lowest bucket that holds any. The heap must not be empty.
    @inline(__always) private func leastOfLowestBucket(event: UnsafeMutablePointer<ScheduledEvent>,
                                                       link: UnsafeMutablePointer<Int32>,
                                                       head: UnsafeMutablePointer<Int32>) -> Int32 {
        let lowest = occupiedLow != 0 ? occupiedLow.trailingZeroBitCount
            : occupiedHigh != 0 ? 64 &+ occupiedHigh.trailingZeroBitCount : 128
        var best = head[lowest]
        var bestKey = event[Int(best)].key
        var entry = link[Int(best)]
        while entry >= 0 {
            let key = event[Int(entry)].key
            if key < bestKey {
                best = entry
                bestKey = key
            }
            entry = link[Int(entry)]
        }
        return best
    }

    /// Makes `key` the base, every key held being above it: each entry goes to its bucket anew.
    private mutating func rebase(below key: Int128) {
        var held: [Int32] = []
        for bucket in 0..<heads.count {
            var entry = heads[bucket]
            while entry >= 0 {
                held.append(entry)
                entry = links[Int(entry)]
            }
            heads[bucket] = -1
        }
        occupiedLow = 0
        occupiedHigh = 0
        occupiedTop = false
        base = key
        for entry in held {
            push(entry, to: bucket(of: events[Int(entry)].key), link: links.baseAddress, head: heads.baseAddress)
        }
    }
}
