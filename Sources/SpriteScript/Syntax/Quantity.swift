import SpriteKernel

/// What a number measures. Units say it: `20ms` is a duration, `64KB` a size.
public enum Dimension: String, Sendable, CaseIterable {
    case duration, size, bandwidth, rate, percent, count

    var example: String {
        switch self {
        case .duration: "a duration like 20ms"
        case .size: "a size like 64KB"
        case .bandwidth: "a bandwidth like 10Mbps"
        case .rate: "a transfer rate like 2MB/s"
        case .percent: "a percentage like 5%"
        case .count: "a plain number like 3"
        }
    }

    var noun: String { self == .count ? "number" : rawValue }
}

/// A number with its unit resolved to the engine's base units: nanoseconds,
/// bytes, bits per second, bytes per second, a fraction, or a plain number.
public struct Quantity: Sendable, Equatable {
    public var dimension: Dimension
    /// Exact base-unit value for integral quantities.
    public var integer: Int64
    /// The value as a real number (base units), for percentages and factors.
    public var real: Double

    public var duration: SimTime { SimTime(nanoseconds: integer) }

    /// Units and their scale to the base unit. Sizes and rates are binary
    /// (1KB = 1024 bytes); bandwidths are decimal (1Kbps = 1000 bit/s).
    static let units: [String: (Dimension, Int64)] = [
        "ns": (.duration, 1), "us": (.duration, 1_000), "ms": (.duration, 1_000_000),
        "s": (.duration, 1_000_000_000), "min": (.duration, 60_000_000_000),
        "h": (.duration, 3_600_000_000_000), "d": (.duration, 86_400_000_000_000),
        "B": (.size, 1), "KB": (.size, 1 << 10), "MB": (.size, 1 << 20), "GB": (.size, 1 << 30), "TB": (.size, 1 << 40),
        "bps": (.bandwidth, 1), "Kbps": (.bandwidth, 1_000), "Mbps": (.bandwidth, 1_000_000),
        "Gbps": (.bandwidth, 1_000_000_000), "Tbps": (.bandwidth, 1_000_000_000_000),
        "B/s": (.rate, 1), "KB/s": (.rate, 1 << 10), "MB/s": (.rate, 1 << 20), "GB/s": (.rate, 1 << 30),
        "TB/s": (.rate, 1 << 40),
        "%": (.percent, 1),
        // docs/COST-MODEL.md writes microseconds µs: the micro sign and the Greek mu both read as `us`.
        "\u{B5}s": (.duration, 1_000), "\u{3BC}s": (.duration, 1_000),
    ]

    /// Spellings accepted but not listed: each is another way to write a listed unit.
    static let aliases: Set<String> = ["\u{B5}s", "\u{3BC}s"]

    /// A dimension's units, smallest first: `ns us ms s min h d`.
    static func unitNames(for dimension: Dimension) -> [String] {
        units.filter { $0.value.0 == dimension && !aliases.contains($0.key) }
            .sorted { $0.value.1 < $1.value.1 }.map(\.key)
    }

    /// Every unit, by dimension, as the help line of an unknown unit lists them.
    static var unitList: String {
        [Dimension.duration, .size, .bandwidth, .rate, .percent]
            .map { unitNames(for: $0).joined(separator: " ") }.joined(separator: ", ")
    }

    /// Reads a number token; `wanted` only sharpens the error message.
    static func parse(_ token: Token, unit overrideUnit: String? = nil,
                      wanted: Dimension? = nil) throws(Diagnostic) -> Quantity {
        let unit = overrideUnit ?? token.unit
        let digits = token.text
        let written = token.text + (overrideUnit.map { " " + $0 } ?? token.unit)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        // Trailing zeros of a fraction change nothing: 1.500ms is 1.5ms.
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let tooLarge = "write a smaller number, or the same amount in a larger unit"
        guard let real = Double(digits) else {
            throw Diagnostic(.syntax, "malformed number '\(digits)'", at: token.span,
                             help: "write digits with at most one '.', such as 2.5")
        }
        if unit.isEmpty {
            let value = fraction.isEmpty ? Int64(whole) : Int64(exactly: real.rounded(.towardZero))
            guard let value else {
                throw Diagnostic(.check, "number \(digits) is too large", at: token.span, help: tooLarge)
            }
            return Quantity(dimension: .count, integer: value, real: real)
        }
        guard let (dimension, scale) = units[unit] else { throw unknownUnit(unit, in: token, wanted: wanted) }
        if dimension == .percent {
            return Quantity(dimension: .percent, integer: 0, real: real / 100)
        }
        let base = dimension == .duration ? "1ns clock tick" : dimension == .size ? "byte" : "base unit"
        // Every unit's scale is below 10^11, so more than 18 significant
        // fraction digits can never come to a whole number of base units.
        guard fraction.count <= 18 else {
            throw Diagnostic(.check, "\(written) is finer than one \(base)", at: token.span,
                             help: "round it to a whole \(base)")
        }
        // Exact decimal arithmetic: 0.5ms is 500000ns, not a rounded double.
        guard let wholeValue = Int64(whole), let fractionValue = fraction.isEmpty ? 0 : Int64(fraction) else {
            throw Diagnostic(.check, "number \(digits) is too large", at: token.span, help: tooLarge)
        }
        var fractionScale: Int64 = 1
        for _ in 0..<fraction.count { fractionScale *= 10 }
        let (wholeScaled, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else {
            throw Diagnostic(.check, "\(written) is too large", at: token.span, help: tooLarge)
        }
        let fractionScaled = fractionValue.multipliedFullWidth(by: scale)
        var (quotient, remainder) = fractionScale.dividingFullWidth(fractionScaled)
        // A transfer rate alone is rounded to the nearest byte per second:
        // drives are specified in decimal megabytes (rate 1.86MB/s).
        let rounded = dimension == .rate && remainder != 0
        if rounded {
            quotient += remainder >= fractionScale - remainder ? 1 : 0
            remainder = 0
        }
        guard remainder == 0 else {
            throw Diagnostic(.check, "\(written) is finer than one \(base)", at: token.span,
                             help: "round it to a whole \(base)")
        }
        let (total, sumOverflow) = wholeScaled.addingReportingOverflow(quotient)
        guard !sumOverflow else {
            throw Diagnostic(.check, "\(written) is too large", at: token.span, help: tooLarge)
        }
        return Quantity(dimension: dimension, integer: total, real: rounded ? Double(total) : real * Double(scale))
    }

    /// A unit no dimension has: the near miss among the units the statement
    /// wants (a duration's for `advance 3m`, never `%`), and those units.
    static func unknownUnit(_ unit: String, in token: Token, wanted: Dimension?) -> Diagnostic {
        let wanted = wanted.flatMap { unitNames(for: $0).isEmpty ? nil : $0 }
        let candidates = wanted.map { unitNames(for: $0) } ?? units.keys.filter { !aliases.contains($0) }
        let hint: String
        if unit == "m" && (wanted == nil || wanted == .duration) {
            hint = "; did you mean 'ms' or 'min'?"
        } else {
            hint = Suggestions.didYouMean(unit, among: candidates)
        }
        let help = wanted.map { "\($0.noun) units: " + unitNames(for: $0).joined(separator: " ") }
        return Diagnostic(.syntax, "unknown unit '\(unit)'\(hint)", at: token.span,
                          help: help ?? "units are " + unitList)
    }

    /// True for a plain number without a fraction: counts, CPUs, retries.
    public var isWhole: Bool { dimension == .count && real == real.rounded(.towardZero) }

    /// Renders a value of this dimension for people: scaled and rounded
    /// (times to four decimals, sizes and bandwidths to two), pasteable.
    public static func format(_ value: Int64, _ dimension: Dimension) -> String {
        switch dimension {
        case .duration: return SimTime.readable(value)
        case .size: return formatBytes(value)
        case .bandwidth: return rounded(value, bandwidthScales)
        case .rate: return formatBytes(value) + "/s"
        case .percent, .count: return String(value)
        }
    }

    /// Renders a value without losing a digit, for where rounding could make
    /// two different values look equal (an expect's found value).
    public static func formatExact(_ value: Int64, _ dimension: Dimension) -> String {
        switch dimension {
        case .duration: return SimTime.exact(value)
        case .size: return exact(value, byteScales)
        case .bandwidth: return exact(value, bandwidthScales)
        case .rate: return exact(value, byteScales) + "/s"
        case .percent, .count: return String(value)
        }
    }

    static let byteScales: [(Int64, String)] =
        [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB"), (1, "B")]
    static let bandwidthScales: [(Int64, String)] =
        [(1_000_000_000_000, "Tbps"), (1_000_000_000, "Gbps"), (1_000_000, "Mbps"), (1_000, "Kbps"), (1, "bps")]

    /// `8437500KB` is `8.05GB`: the largest unit the size reaches, at most two decimals.
    public static func formatBytes(_ value: Int64) -> String { rounded(value, byteScales) }

    /// The largest unit the value reaches, rounded half up to two decimals,
    /// trailing zeros dropped; a value that rounds up to the next unit moves there.
    private static func rounded(_ value: Int64, _ scales: [(Int64, String)]) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        guard var index = scales.firstIndex(where: { magnitude >= $0.0.magnitude }) else {
            return "0" + (scales.last?.1 ?? "")
        }
        var hundredths = roundedHundredths(magnitude, UInt64(scales[index].0))
        if index > 0, hundredths >= UInt64(scales[index - 1].0 / scales[index].0) * 100 {
            index -= 1
            hundredths = roundedHundredths(magnitude, UInt64(scales[index].0))
        }
        var fraction = String(hundredths % 100)
        fraction = String(repeating: "0", count: 2 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(hundredths / 100) + (fraction.isEmpty ? "" : "." + fraction) + scales[index].1
    }

    private static func roundedHundredths(_ value: UInt64, _ scale: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 100)
        let (low, carry) = product.low.addingReportingOverflow(scale / 2)
        return scale.dividingFullWidth((product.high + (carry ? 1 : 0), low)).quotient
    }

    /// The largest unit that shows the value exactly with at most two
    /// decimals, else the smallest unit.
    private static func exact(_ value: Int64, _ scales: [(Int64, String)]) -> String {
        for (scale, unit) in scales where value.magnitude >= scale.magnitude {
            if value % scale == 0 { return "\(value / scale)\(unit)" }
            if (value % scale) * 100 % scale == 0 { return SimTimeDecimal.render(value, scale: scale) + unit }
        }
        return "\(value)\(scales.last?.1 ?? "")"
    }
}

/// Exact decimal rendering of `value / scale`.
enum SimTimeDecimal {
    static func render(_ value: Int64, scale: Int64) -> String {
        let whole = value / scale
        var rest = value % scale
        var text = "\(whole)."
        var digits = 0
        while rest != 0 && digits < 6 {
            rest *= 10
            text.append(String(rest / scale))
            rest %= scale
            digits += 1
        }
        return text
    }
}
