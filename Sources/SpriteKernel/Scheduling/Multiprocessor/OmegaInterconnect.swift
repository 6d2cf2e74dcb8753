/// An omega network: log₂N stages of N/2 2×2 switches between N CPUs and N
/// memory modules. Two requests that want the same switch output in one cycle
/// collide and one is refused (blocking). Patel's approximation (1981): with
/// request probability p₀ per input per cycle, a stage passes
/// p_{i+1} = 1 − (1 − p_i/2)²; a request is accepted with P_A = p_n / p₀, and
/// a refused one is sent again, so memory accesses stretch by s = 1 / P_A.
/// p₀ is the average demand per input port, Σ m_i / P. When N is not a power
/// of two the network is built for the next one, P = 2^⌈log₂N⌉ ports, the
/// ports without a CPU offering nothing: the same network, hardware and
/// traffic as a P-CPU machine with P − N CPUs idle.
struct OmegaInterconnect: MemoryInterconnect {
    var inputs: Int

    /// ⌈log₂N⌉ stages (a network for the next power of two when N is not one).
    static func stages(inputs: Int) -> Int {
        var stages = 0
        while (1 << stages) < inputs { stages += 1 }
        return stages
    }

    static func switchCount(inputs: Int) -> Int {
        let stages = stages(inputs: inputs)
        return (1 << stages) / 2 * stages
    }

    func contention(demands: ArraySlice<Double>) -> Double {
        let stages = Self.stages(inputs: inputs)
        var total = 0.0
        for m in demands { total += m }
        let offered = total / Double(1 << stages)
        guard stages > 0, offered > 0 else { return 1 }
        var passed = offered
        for _ in 0..<stages { passed = 1 - (1 - passed / 2) * (1 - passed / 2) }
        return ((offered / passed) * 1e9).rounded() / 1e9
    }
}
