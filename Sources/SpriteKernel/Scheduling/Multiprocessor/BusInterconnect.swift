/// Bus-based UMA: one bus for every CPU. CPU i, slowed by s, issues memory
/// work at m_i / ((1−m_i) + m_i·s) of its time; the bus carries at most
/// `capacity` of it. Below that s = 1; above, s is the value at which the
/// demands just fill the bus. For N identical workers this gives
/// s = (N·m/C − (1−m)) / m, so a burst takes d·N·m/C: the speedup
/// flattens at C/m, whatever the number of CPUs ("the bus is the bottleneck").
struct BusInterconnect: MemoryInterconnect {
    var capacity: Double

    func contention(demands: ArraySlice<Double>) -> Double {
        var count = 0
        for m in demands where m > 0 { count += 1 }
        guard load(demands, at: 1) > capacity else { return 1 }
        // The load falls as s grows (and is at most count/s), so bisect on [1, count/C].
        var low = 1.0
        var high = max(1, Double(count) / capacity)
        for _ in 0..<64 {
            let middle = (low + high) / 2
            if load(demands, at: middle) > capacity { low = middle } else { high = middle }
        }
        // Rounded to 1e-9 so a value that is exact in theory (3, not 2.9999999999) stays exact.
        return (high * 1e9).rounded() / 1e9
    }

    /// Memory work per unit of time the CPUs put on the bus when slowed by `s`.
    private func load(_ demands: ArraySlice<Double>, at s: Double) -> Double {
        var total = 0.0
        for m in demands where m > 0 { total += m / ((1 - m) + m * s) }
        return total
    }
}
