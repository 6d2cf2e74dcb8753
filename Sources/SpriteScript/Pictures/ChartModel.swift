/// What a chart shows, before any drawing: named series of (x, y) points, the two axes' titles and units.
/// Built by the adapters (ChartAdapters.swift) from what the language measured; drawn by `ChartPicture`.
public struct ChartModel: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Points joined in x order: a quantity against a numeric one (speedup vs hosts).
        case line
        /// One group of bars per distinct x, one bar per series in each: quantities side by side.
        case bar
    }

    public var title: String
    public var kind: Kind
    public var x: ChartAxis
    public var y: ChartAxis
    public var series: [ChartSeries]

    public init(title: String, kind: Kind, x: ChartAxis, y: ChartAxis, series: [ChartSeries]) {
        self.title = title
        self.kind = kind
        self.x = x
        self.y = y
        self.series = series
    }
}

/// An axis: its title and the unit its numbers are in (`""` for a plain count or ratio).
public struct ChartAxis: Sendable, Equatable {
    public var title: String
    public var unit: String
    /// A count (messages, hosts, crash losses): ticks at whole numbers only.
    public var whole: Bool

    public init(_ title: String, unit: String = "", whole: Bool = false) {
        self.title = title
        self.unit = unit
        self.whole = whole
    }

    /// `turnaround (s)`, or the title alone without a unit.
    public var caption: String { unit.isEmpty ? title : "\(title) (\(unit))" }
}

public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// A bar chart's group name under the axis (the x value printed when nil).
    public var label: String?

    public init(x: Double, y: Double, label: String? = nil) {
        self.x = x
        self.y = y
        self.label = label
    }
}

public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var points: [ChartPoint]

    public init(_ name: String, _ points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}

/// The numbers along an axis: a step of 1, 2 or 5 times a power of ten, and the multiples of it that cover the
/// data, so every tick label is a round number a reader can interpolate between.
public struct ChartScale: Sendable, Equatable {
    public let low: Double
    public let high: Double
    public let step: Double

    /// The ticks from `low` to `high`, every `step`.
    public var ticks: [Double] {
        guard step > 0, high >= low, ((high - low) / step).isFinite else { return [low] }
        // A scale is built with a few intervals; a hand-made one is held to as many as a page can show.
        let count = Int(min(Self.maxTicks, ((high - low) / step).rounded()))
        // Each tick computed from its index, not summed, so no rounding error builds up.
        return (0...count).map { Self.clean(low + Double($0) * step) }
    }

    /// The smallest step of 1, 2 or 5 × 10^k that covers `span` in at most `intervals` intervals.
    public static func niceStep(span: Double, intervals: Int) -> Double {
        guard span.isFinite, span > 0, intervals > 0 else { return 1 }
        let rough = span / Double(intervals)
        var power = pow10(decade(rough))
        while true {
            for factor in [1.0, 2.0, 5.0] where factor * power >= rough * (1 - 1e-12) {
                return clean(factor * power)
            }
            power *= 10
        }
    }

    /// A scale over `low...high` with at most `intervals` intervals, widened to whole steps; zero is kept in
    /// view when `includeZero` (bars grow from it); a step of at least 1 when `whole` (a count has no halves).
    public init(low: Double, high: Double, intervals: Int = 5, includeZero: Bool = false, whole: Bool) {
        let scale = ChartScale(low: low, high: high, intervals: intervals, includeZero: includeZero)
        guard whole, scale.step < 1 else { self = scale; return }
        // Below 1 the nice step was a fraction: 1 is the next whole one, over the same data.
        let first = scale.low.rounded(.down)
        self.init(low: first, high: max(scale.high.rounded(.up), first + 1), step: 1)
    }

    /// The same without `whole`: steps of 1, 2 or 5 × 10^k, fractions included.
    public init(low: Double, high: Double, intervals: Int = 5, includeZero: Bool = false) {
        var (a, b) = (min(low, high), max(low, high))
        // A span too wide for a Double (-1e308...1e308) is drawn as if empty, not as an endless row of ticks.
        if !a.isFinite || !b.isFinite || !(b - a).isFinite { (a, b) = (0, 1) }
        if includeZero { (a, b) = (min(a, 0), max(b, 0)) }
        if a == b { (a, b) = a == 0 ? (0, 1) : (a - abs(a) / 2, b + abs(b) / 2) }
        let step = Self.niceStep(span: b - a, intervals: intervals)
        var first = Self.wholeSteps(a, step, .down) * step
        var last = Self.wholeSteps(b, step, .up) * step
        // Widening to whole steps can add an interval at each end: widen the step instead.
        if ((last - first) / step).rounded() > Double(intervals) {
            let wider = Self.niceStep(span: last - first, intervals: intervals)
            first = Self.wholeSteps(a, wider, .down) * wider
            last = Self.wholeSteps(b, wider, .up) * wider
            self.init(low: Self.clean(first), high: Self.clean(last), step: wider)
            return
        }
        self.init(low: Self.clean(first), high: Self.clean(last), step: step)
    }

    /// `value / step` rounded to a whole number, a quotient within a hair of one taken as it (0.3 / 0.1 is
    /// 2.9999999999999996 in binary: three steps, not two).
    static func wholeSteps(_ value: Double, _ step: Double, _ rule: FloatingPointRoundingRule) -> Double {
        let quotient = value / step
        let nearest = quotient.rounded()
        return abs(quotient - nearest) < 1e-9 ? nearest : quotient.rounded(rule)
    }

    static let maxTicks = 1000.0

    public init(low: Double, high: Double, step: Double) {
        self.low = low
        self.high = high
        self.step = step
    }

    /// Where `value` falls between `low` (0) and `high` (1).
    public func fraction(_ value: Double) -> Double {
        high > low ? (value - low) / (high - low) : 0
    }

    /// A tick's label: as many decimals as the step needs, no more (`0.25`, `2`, `1500`).
    public func label(_ value: Double) -> String {
        let decimals = max(0, -Self.decade(step))
        return Self.fixed(value, decimals: decimals)
    }

    /// `value` with exactly `decimals` decimals, built from integers (no locale, no exponent).
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        guard value.isFinite else { return "0" }
        let scaled = (abs(value) * scale).rounded()
        // Past 2^53 a Double holds no exact digits to print, and past Int64 none fit: an exponent instead.
        guard scaled < 9e15 else { return scientific(value) }
        let whole = Int64(scaled)
        let sign = value < 0 && whole != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let unit = Int64(scale)
        var fraction = String(whole % unit)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return sign + String(whole / unit) + "." + fraction
    }

    /// `1.5e17`: four significant digits and the power of ten, for a label too large to print digit by digit.
    static func scientific(_ value: Double) -> String {
        var exponent = decade(abs(value))
        var mantissa = abs(value) / pow10(exponent)
        if (mantissa * 1000).rounded() >= 10_000 { (mantissa, exponent) = (mantissa / 10, exponent + 1) }
        var digits = fixed(mantissa, decimals: 3)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return (value < 0 ? "-" : "") + digits + "e" + String(exponent)
    }

    /// The power of ten at or below `value` (> 0): `decade(250) == 2`, `decade(0.05) == -2`. Counted by
    /// multiplying, not with a logarithm, so an exact power is never missed by a rounding bit.
    static func decade(_ value: Double) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        var (exponent, power) = (0, 1.0)
        while power * 10 <= value { power *= 10; exponent += 1 }
        while power > value { power /= 10; exponent -= 1 }
        return exponent
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// Rounds away the last bits of binary noise (0.30000000000000004 → 0.3, 14.999999999999998 → 15): twelve
    /// significant digits, scaled by an exact power of ten so the result is the double nearest the decimal.
    static func clean(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        let shift = 12 - decade(abs(value))
        guard abs(shift) <= 22 else { return value }
        let power = pow10(abs(shift))
        return shift >= 0 ? (value * power).rounded() / power : (value / power).rounded() * power
    }
}
