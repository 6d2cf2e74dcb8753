/// Node positions by name. A `Dictionary<String, Int>` hashed each name with
/// SipHash and hashed every name again each time it grew: in a cluster of
/// ten thousand nodes that cost more than the rest of adding a node. This
/// table hashes a name once, with FNV-1a over its UTF-8 bytes, and keeps the
/// hash beside the name's position, so growing moves integers and a lookup
/// compares strings only when the hashes match. The layout never shows: a
/// name maps to the same position whichever slot it lands in.
struct NodeNameIndex {
    /// Position of the name in each slot, or -1; the count is zero or a power of two.
    private var positions: [Int32] = []
    /// The full hash of the name in each slot.
    private var hashes: [UInt64] = []
    /// Each position's name.
    private var names: [String] = []
    private var shift: UInt64 = 64

    var count: Int { names.count }

    /// The position named `name`, if any.
    subscript(name: String) -> Int? {
        guard !names.isEmpty else { return nil }
        let hash = Self.hash(name)
        let found = positions[slot(of: name, hash: hash)]
        return found < 0 ? nil : Int(found)
    }

    /// Gives `name` the next position, `count`; or, if a node already has
    /// the name, changes nothing and returns that node's position.
    mutating func claim(_ name: String) -> Int? {
        if (names.count + 1) * 2 > positions.count { grow() }
        let hash = Self.hash(name)
        let slot = slot(of: name, hash: hash)
        if positions[slot] >= 0 { return Int(positions[slot]) }
        positions[slot] = Int32(names.count)
        hashes[slot] = hash
        names.append(name)
        return nil
    }

    /// The slot holding `name`, or the empty slot where it would go.
    private func slot(of name: String, hash: UInt64) -> Int {
        let mask = positions.count - 1
        var index = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let position = positions[index]
            if position < 0 || (hashes[index] == hash && names[Int(position)] == name) { return index }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let oldPositions = positions, oldHashes = hashes
        let capacity = max(16, positions.count * 2)
        positions = Array(repeating: -1, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for (old, position) in oldPositions.enumerated() where position >= 0 {
            var index = Int(truncatingIfNeeded: (oldHashes[old] &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while positions[index] >= 0 { index = (index + 1) & mask }
            positions[index] = position
            hashes[index] = oldHashes[old]
        }
    }

    /// FNV-1a, 64 bits, over the name's bytes in place (iterating `utf8`
    /// cost several times as much as hashing).
    private static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
    }
}
