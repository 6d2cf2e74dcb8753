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

    /// Units and their scale to the base unit.
    static let units: [String: (Dimension, Int64)] = [
        "ns": (.duration, 1), "us": (.duration, 1_000), "ms": (.duration, 1_000_000),
        "s": (.duration, 1_000_000_000), "min": (.duration, 60_000_000_000),
        "B": (.size, 1), "KB": (.size, 1 << 10), "MB": (.size, 1 << 20), "GB": (.size, 1 << 30),
        "bps": (.bandwidth, 1), "Kbps": (.bandwidth, 1_000), "Mbps": (.bandwidth, 1_000_000),
        "Gbps": (.bandwidth, 1_000_000_000),
        "B/s": (.rate, 1), "KB/s": (.rate, 1 << 10), "MB/s": (.rate, 1 << 20), "GB/s": (.rate, 1 << 30),
        "%": (.percent, 1),
    ]

    static func unitNames(for dimension: Dimension) -> [String] {
        units.filter { $0.value.0 == dimension }.map(\.key).sorted()
    }

    /// Reads a number token; `wanted` only sharpens the error message.
    static func parse(_ token: Token, unit overrideUnit: String? = nil) throws(Diagnostic) -> Quantity {
        let unit = overrideUnit ?? token.unit
        let digits = token.text
        let written = token.text + (overrideUnit.map { " " + $0 } ?? token.unit)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        // Trailing zeros of a fraction change nothing: 1.500ms is 1.5ms.
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard let real = Double(digits) else {
            throw Diagnostic(.syntax, "malformed number '\(digits)'", at: token.span)
        }
        if unit.isEmpty {
            let value = fraction.isEmpty ? Int64(whole) : Int64(exactly: real.rounded(.towardZero))
            guard let value else {
                throw Diagnostic(.check, "number \(digits) is too large", at: token.span)
            }
            return Quantity(dimension: .count, integer: value, real: real)
        }
        guard let (dimension, scale) = units[unit] else {
            let hint = Suggestions.didYouMean(unit, among: units.keys)
            throw Diagnostic(.syntax, "unknown unit '\(unit)'\(hint)", at: token.span,
                             help: "units are ns us ms s min, B KB MB GB, bps Kbps Mbps Gbps, B/s KB/s MB/s GB/s, %")
        }
        if dimension == .percent {
            return Quantity(dimension: .percent, integer: 0, real: real / 100)
        }
        let base = dimension == .duration ? "1ns clock tick" : dimension == .size ? "byte" : "base unit"
        // Every unit's scale is below 10^11, so more than 18 significant
        // fraction digits can never come to a whole number of base units.
        guard fraction.count <= 18 else {
            throw Diagnostic(.check, "\(written) is finer than one \(base)", at: token.span)
        }
        // Exact decimal arithmetic: 0.5ms is 500000ns, not a rounded double.
        guard let wholeValue = Int64(whole), let fractionValue = fraction.isEmpty ? 0 : Int64(fraction) else {
            throw Diagnostic(.check, "number \(digits) is too large", at: token.span)
        }
        var fractionScale: Int64 = 1
        for _ in 0..<fraction.count { fractionScale *= 10 }
        let (wholeScaled, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else {
            throw Diagnostic(.check, "\(written) is too large", at: token.span)
        }
        let fractionScaled = fractionValue.multipliedFullWidth(by: scale)
        let (quotient, remainder) = fractionScale.dividingFullWidth(fractionScaled)
        guard remainder == 0 else {
            throw Diagnostic(.check, "\(written) is finer than one \(base)", at: token.span)
        }
        let (total, sumOverflow) = wholeScaled.addingReportingOverflow(quotient)
        guard !sumOverflow else {
            throw Diagnostic(.check, "\(written) is too large", at: token.span)
        }
        return Quantity(dimension: dimension, integer: total, real: real * Double(scale))
    }

    /// True for a plain number without a fraction: counts, CPUs, retries.
    public var isWhole: Bool { dimension == .count && real == real.rounded(.towardZero) }

    /// Renders a value of this dimension the way users write it.
    public static func format(_ value: Int64, _ dimension: Dimension) -> String {
        switch dimension {
        case .duration: return SimTime.format(value)
        case .size: return formatBytes(value)
        case .bandwidth: return formatScaled(value, [(1_000_000_000, "Gbps"), (1_000_000, "Mbps"), (1_000, "Kbps"), (1, "bps")])
        case .rate: return formatBytes(value) + "/s"
        case .percent, .count: return String(value)
        }
    }

    public static func formatBytes(_ value: Int64) -> String {
        formatScaled(value, [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB"), (1, "B")])
    }

    /// The largest unit that shows the value exactly with at most two decimals.
    private static func formatScaled(_ value: Int64, _ scales: [(Int64, String)]) -> String {
        for (scale, unit) in scales where value.magnitude >= scale.magnitude {
            if value % scale == 0 { return "\(value / scale)\(unit)" }
            if (value % scale) * 100 % scale == 0 { return SimTimeDecimal.render(value, scale: scale) + unit }
        }
        return "\(value)\(scales.last?.1 ?? "")"
    }
}

/// Exact decimal rendering shared with durations.
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
