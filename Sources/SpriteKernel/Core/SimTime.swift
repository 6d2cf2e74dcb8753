/// A point in simulated time, or a span of it, in integer nanoseconds.
///
/// Integers keep the engine deterministic: two runs of the same script add the
/// same numbers in the same order and so print the same bytes.
public struct SimTime: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimTime(nanoseconds: 0)
    public static let never = SimTime(nanoseconds: .max)
    /// The end of simulated time: about 146 years. Nothing is scheduled after
    /// it: work that would end later fails with `OperationFailure.endOfTime`.
    /// A span or time computed past it is any value above it (arithmetic
    /// saturates at `never`), so it can be told from a real time and refused.
    public static let horizon = SimTime(nanoseconds: 1 << 62)

    /// After the end of simulated time: a value no clock may show.
    @inlinable public var isPastHorizon: Bool { nanoseconds > SimTime.horizon.nanoseconds }

    @inlinable public static func ns(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) }
    @inlinable public static func us(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) * 1_000 }
    @inlinable public static func ms(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) * 1_000_000 }
    @inlinable public static func s(_ value: Int64) -> SimTime { SimTime(nanoseconds: value) * 1_000_000_000 }

    @inlinable public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    /// Saturates instead of wrapping: a sum past Int64.max stays there, so
    /// the clock can never run backwards into negative time.
    @inlinable public static func + (lhs: SimTime, rhs: SimTime) -> SimTime {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanoseconds)
        return SimTime(nanoseconds: overflow ? (rhs.nanoseconds > 0 ? .max : .min) : sum)
    }
    /// Saturates like `+`.
    @inlinable public static func - (lhs: SimTime, rhs: SimTime) -> SimTime {
        let (difference, overflow) = lhs.nanoseconds.subtractingReportingOverflow(rhs.nanoseconds)
        return SimTime(nanoseconds: overflow ? (rhs.nanoseconds > 0 ? .min : .max) : difference)
    }
    @inlinable public static func += (lhs: inout SimTime, rhs: SimTime) { lhs = lhs + rhs }
    /// Saturates like `+`.
    @inlinable public static func * (lhs: SimTime, rhs: Int64) -> SimTime {
        let (product, overflow) = lhs.nanoseconds.multipliedReportingOverflow(by: rhs)
        return SimTime(nanoseconds: overflow ? ((lhs.nanoseconds < 0) == (rhs < 0) ? .max : .min) : product)
    }

    /// Scales a span by a CPU speed factor (work / speed), rounding up so a
    /// non-zero amount of work never becomes free. A span past the horizon
    /// comes back as `never`, never as a rounded or clamped real time.
    @inline(__always) public func scaled(bySpeed speed: Double) -> SimTime {
        guard speed > 0, speed != 1 else { return self }
        return slowScaled(bySpeed: speed)
    }

    /// The division itself, out of line: most nodes run at speed 1.
    @usableFromInline func slowScaled(bySpeed speed: Double) -> SimTime {
        let scaled = (Double(nanoseconds) / speed).rounded(.up)
        return scaled <= Double(SimTime.horizon.nanoseconds) ? SimTime(nanoseconds: Int64(scaled)) : .never
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
}
