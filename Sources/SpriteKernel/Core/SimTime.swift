/// A point in simulated time, or a span of it, in integer nanoseconds.
///
/// Integers keep the engine deterministic: two runs of the same script add the
/// same numbers in the same order and so print the same bytes.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimTime(nanoseconds: 0)
    public static let never = SimTime(nanoseconds: .max)
    /// The end of simulated time: about 146 years. Declared values are kept
    /// well below it, so sums of them cannot overflow the clock.
    public static let horizon = SimTime(nanoseconds: 1 << 62)

    @inlinable public static func ns(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) }
    @inlinable public static func us(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000) }
    @inlinable public static func ms(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000) }
    @inlinable public static func s(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000_000) }

    @inlinable public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    /// Saturates instead of wrapping: a sum past Int64.max stays there, so
    /// the clock can never run backwards into negative time.
    @inlinable public static func + (lhs: SimTime, rhs: SimTime) -> SimTime {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanoseconds)
        return SimTime(nanoseconds: overflow ? (rhs.nanoseconds > 0 ? .max : .min) : sum)
    }
    @inlinable public static func - (lhs: SimTime, rhs: SimTime) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }
    @inlinable public static func += (lhs: inout SimTime, rhs: SimTime) { lhs = lhs + rhs }
    @inlinable public static func * (lhs: SimTime, rhs: Int64) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds &* rhs)
    }

    /// Scales a span by a CPU speed factor (work / speed), rounding up so a
    /// non-zero amount of work never becomes free.
    public func scaled(bySpeed speed: Double) -> SimTime {
        guard speed > 0, speed != 1 else { return self }
        let scaled = (Double(nanoseconds) / speed).rounded(.up)
        return scaled >= Double(SimTime.horizon.nanoseconds) ? .horizon : SimTime(nanoseconds: Int64(scaled))
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Exact, compact rendering: "0", "25.6us", "1.0512ms", "2s".
    public var description: String { SimTime.format(nanoseconds) }

    public static func format(_ ns: Int64) -> String {
        if ns == 0 { return "0" }
        let sign = ns < 0 ? "-" : ""
        let magnitude = ns.magnitude
        let (unit, scale): (String, UInt64) =
            magnitude >= 1_000_000_000 ? ("s", 1_000_000_000)
            : magnitude >= 1_000_000 ? ("ms", 1_000_000)
            : magnitude >= 1_000 ? ("us", 1_000) : ("ns", 1)
        return sign + decimal(magnitude, scale: scale) + unit
    }

    /// `value / scale` printed exactly, trailing zeros dropped.
    static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return String(whole) }
        var digits = 0
        var s = scale
        while s > 1 { s /= 10; digits += 1 }
        var text = String(fraction)
        text = String(repeating: "0", count: digits - text.count) + text
        while text.hasSuffix("0") { text.removeLast(); fraction /= 10 }
        return "\(whole).\(text)"
    }
}
