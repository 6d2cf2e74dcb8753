import SpriteKernel

/// Simulated time to a vertical position: each moment something happens gets a row, and the gap between
/// two rows grows with the time between them, but never below `minimumGap` (events a nanosecond apart stay
/// apart) nor above `maximumGap` (a quiet minute does not push the rest off the page).
struct SequenceScale {
    private let times: [SimTime]
    private let positions: [Double]
    let top: Double

    init(times unsorted: [SimTime], top: Double) {
        self.top = top
        let times = Array(Set(unsorted)).sorted()
        self.times = times
        let minimumGap: Double = times.count > 600 ? 6 : 14
        let maximumGap: Double = 80
        let span = Double((times.last ?? .zero).nanoseconds - (times.first ?? .zero).nanoseconds)
        // About 16 points a moment, spread over the span in proportion to time.
        let budget = min(2400, max(240, Double(times.count) * 16))
        let pointsPerNanosecond = span > 0 ? budget / span : 0
        var positions: [Double] = []
        positions.reserveCapacity(times.count)
        var y = top
        for (index, time) in times.enumerated() {
            if index > 0 {
                let elapsed = Double(time.nanoseconds - times[index - 1].nanoseconds) * pointsPerNanosecond
                y += min(maximumGap, max(minimumGap, elapsed))
            }
            positions.append(y)
        }
        self.positions = positions
    }

    /// The last row's position (the top when there is none).
    var bottom: Double { positions.last ?? top }

    var first: SimTime? { times.first }

    /// The rows, earliest first, for the axis.
    var rows: [(time: SimTime, y: Double)] { Array(zip(times, positions)) }

    /// The position of `time`: a row's own, or between the rows around it.
    func y(_ time: SimTime) -> Double {
        guard let last = times.last, let first = times.first else { return top }
        if time <= first { return top }
        if time >= last { return bottom }
        var low = 0, high = times.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle } else { high = middle }
        }
        if times[low] == time { return positions[low] }
        let fraction = Double(time.nanoseconds - times[low].nanoseconds)
            / Double(times[high].nanoseconds - times[low].nanoseconds)
        return positions[low] + fraction * (positions[high] - positions[low])
    }
}
