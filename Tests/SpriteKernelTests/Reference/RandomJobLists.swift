// Seeded random job lists for the scheduling reference: the lists depend on the
// seed alone (SplitMix64), so every failure names a list that can be rebuilt.

struct JobListRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

struct JobListShape: Sendable {
    var jobs: ClosedRange<Int> = 2...8
    var arrival: ClosedRange<Int> = 0...30
    var bursts: ClosedRange<Int> = 1...3
    var burst: ClosedRange<Int> = 1...20
    var io: ClosedRange<Int> = 1...15
    var priority: ClosedRange<Int> = 0...5
    var tickets: [Int] = [50, 100, 200, 250, 500]
}

/// A random job list; arrivals often collide, so the tie-breaking rules are exercised.
func randomJobList(seed: UInt64, shape: JobListShape = JobListShape()) -> [RefJob] {
    var random = JobListRandom(state: seed)
    let count = random.int(shape.jobs)
    return (0..<count).map { index in
        // Arrivals on a coarse grid of 5 ticks: same-instant arrivals and quantum ends are common.
        let arrival = random.int(shape.arrival) / 5 * 5
        var phases = [random.int(shape.burst)]
        for _ in 1..<random.int(shape.bursts) {
            phases += [random.int(shape.io), random.int(shape.burst)]
        }
        let tickets = shape.tickets[random.int(0...(shape.tickets.count - 1))]
        return RefJob("j\(index)", at: arrival, phases, priority: random.int(shape.priority), tickets: tickets)
    }
}

extension Array where Element == RefJob {
    /// The list as `name@arrival[cpu,io,cpu] pPRIORITY tTICKETS`, for failure messages and the report.
    var listing: String {
        map { "\($0.name)@\($0.arrival)\($0.phases) p\($0.priority) t\($0.tickets)" }.joined(separator: " ")
    }
}
