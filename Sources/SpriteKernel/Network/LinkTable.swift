/// When each link next becomes free, by link key (the opaque integers a
/// `Topology` names). Every transmission reads and writes it once per hop and
/// packet, so it is an open-addressing table with a multiplicative hash rather
/// than a `Dictionary` with its seeded SipHash. A link never used is free.
struct LinkTable: ~Copyable {
    /// Marks an empty slot; the one key equal to it is kept aside.
    private static let empty = Int.min
    // Unique arrays: every message writes a value, and an Array asked first whether it was shared.
    private var keys = UniqueArray<Int>()
    private var values = UniqueArray<SimTime>()
    private var used = 0
    private var shift: UInt64 = 64
    private var emptyKeyValue = SimTime.zero

    init() {}

    /// Slots held (twice the links at most): what the table costs in memory.
    var capacity: Int { keys.count }

    /// Where `key` is, or the empty slot where it would go. Needs a slot free.
    @inline(__always) private func slot(of key: Int) -> Int {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[index]
            if found == key || found == Self.empty { return index }
            index = (index + 1) & mask
        }
    }

    subscript(link: Int) -> SimTime {
        get {
            if link == Self.empty { return emptyKeyValue }
            guard used > 0 else { return .zero }
            let index = slot(of: link)
            return keys[index] == link ? values[index] : .zero
        }
        set {
            if link == Self.empty {
                emptyKeyValue = newValue
                return
            }
            // Most bookings are of a link booked before: one probe, no growth check.
            if used > 0 {
                let index = slot(of: link)
                if keys[index] == link {
                    values[index] = newValue
                    return
                }
            }
            if (used + 1) * 2 > keys.count { grow() }
            let index = slot(of: link)
            keys[index] = link
            used += 1
            values[index] = newValue
        }
    }

    /// The slot holding `link`'s free time, claimed (free since time zero, as
    /// for a link never used) if it has none; -1 for the key kept aside. A
    /// booking reads and writes the slot with `[claimed:]`: one probe where a
    /// read then a write took two, and no closure to keep the booking from inlining.
    ///
    /// `now` is the engine's clock: no message departs before it, so a link free by then is as good as one
    /// never used, and the table drops such links when it would grow. A long run then holds the links busy
    /// now, not every pair of nodes that ever talked.
    @inline(__always) mutating func claim(_ link: Int, now: SimTime) -> Int {
        if link == Self.empty { return -1 }
        if used > 0 {
            let index = slot(of: link)
            if keys[index] == link { return index }
        }
        if (used + 1) * 2 > keys.count { grow(droppingFreeBy: now) }
        let index = slot(of: link)
        keys[index] = link
        values[index] = .zero
        used += 1
        return index
    }

    /// The free time in a slot from `claim`.
    @inline(__always) subscript(claimed index: Int) -> SimTime {
        get { index < 0 ? emptyKeyValue : values[index] }
        set {
            if index < 0 { emptyKeyValue = newValue } else { values[index] = newValue }
        }
    }

    /// Rehashes into a table twice the size, or the same size when dropping the links free by `floor` left
    /// it at most a quarter full (then at least a quarter of the slots fill before the next rehash: the
    /// cost stays constant per booking).
    private mutating func grow(droppingFreeBy floor: SimTime = .zero) {
        var live = 0
        for index in 0..<keys.count where keys[index] != Self.empty && values[index] > floor { live += 1 }
        let capacity = (live + 1) * 4 <= keys.count ? keys.count : max(16, keys.count * 2)
        var oldKeys = UniqueArray<Int>(repeating: Self.empty, count: capacity)
        var oldValues = UniqueArray<SimTime>(repeating: .zero, count: capacity)
        // The table takes the larger empty arrays; the old ones come out to be rehashed.
        swap(&oldKeys, &keys)
        swap(&oldValues, &values)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        used = 0
        for index in 0..<oldKeys.count where oldKeys[index] != Self.empty && oldValues[index] > floor {
            let target = slot(of: oldKeys[index])
            keys[target] = oldKeys[index]
            values[target] = oldValues[index]
            used += 1
        }
    }

    mutating func removeAll() {
        for index in 0..<keys.count { keys[index] = Self.empty }
        used = 0
        emptyKeyValue = .zero
    }
}
