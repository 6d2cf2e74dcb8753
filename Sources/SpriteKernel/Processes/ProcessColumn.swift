/// One optional value per process, indexed by the process's table index and grown as processes are
/// given one: read and written like a dictionary keyed by process (nil: none), without hashing the key
/// on every event. A process never given a value costs nothing past the highest index that has one.
struct ProcessColumn<Value> {
    private var values: [Value?] = []

    /// Processes given a value so far, ended ones included (their value may since be nil).
    var extent: Int { values.count }

    subscript(process: Int32) -> Value? {
        get { process >= 0 && Int(process) < values.count ? values[Int(process)] : nil }
        set {
            let index = Int(process)
            guard index >= 0 else { return }
            if index >= values.count {
                guard newValue != nil else { return }
                values.append(contentsOf: repeatElement(nil, count: index + 1 - values.count))
            }
            values[index] = newValue
        }
    }

    subscript(process: Int32, default fallback: @autoclosure () -> Value) -> Value {
        get { self[process] ?? fallback() }
        set { self[process] = newValue }
    }

    /// Every value held, in process order: for rare scans (an owner's input), not the hot path.
    var presentValues: [Value] { values.compactMap { $0 } }

    @discardableResult
    mutating func removeValue(forKey process: Int32) -> Value? {
        let old = self[process]
        if old != nil { self[process] = nil }
        return old
    }
}

/// A small map from an RPC series (or other non-negative Int32 handle) to a value, for the few series
/// a layer waits on at once: open addressing with linear probing and backward-shift deletion, so a
/// lookup is a multiply and a probe or two, and removing leaves no tombstones. It grows to the most
/// entries ever held at once and then allocates nothing. Keys are the engine's own handles.
struct HandleMap<Value> {
    private var keys: [Int32] = []
    private var values: [Value?] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    private var mask: Int { keys.count - 1 }

    /// Fibonacci hashing: consecutive handles land far apart.
    @inline(__always) private func home(_ key: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private func slot(of key: Int32) -> Int? {
        guard count > 0 else { return nil }
        var index = home(key)
        while keys[index] >= 0 {
            if keys[index] == key { return index }
            index = (index + 1) & mask
        }
        return nil
    }

    subscript(key: Int32) -> Value? {
        get { slot(of: key).map { values[$0] } ?? nil }
        set {
            guard key >= 0 else { return }
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            if let index = slot(of: key) {
                values[index] = newValue
                return
            }
            // At most half full, so a probe finds an empty slot soon.
            if (count + 1) * 2 > keys.count { grow() }
            var index = home(key)
            while keys[index] >= 0 { index = (index + 1) & mask }
            keys[index] = key
            values[index] = newValue
            count += 1
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: Int32) -> Value? {
        guard let found = slot(of: key) else { return nil }
        let old = values[found]
        var hole = found
        var index = (hole + 1) & mask
        // Shift back every entry whose probe run passes through the hole.
        while keys[index] >= 0 {
            let wanted = home(keys[index])
            let distanceToHole = (hole - wanted) & mask
            let distanceToIndex = (index - wanted) & mask
            if distanceToHole < distanceToIndex {
                keys[hole] = keys[index]
                values[hole] = values[index]
                hole = index
            }
            index = (index + 1) & mask
        }
        keys[hole] = -1
        values[hole] = nil
        count -= 1
        return old
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 >= 0 }
        let size = max(16, keys.count * 2)
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: nil, count: size)
        count = 0
        for (key, value) in old { self[key] = value }
    }
}
