/// How simulated times and durations are written for people.
///
/// One readable form everywhere (trace column, messages, summary, prompt):
/// ns, us, ms or s below an hour, then h, then d past 1000h,
/// rounded to at most four decimals, the unit written against the number so
/// that a printed value can be pasted back into a script. `exactDescription`
/// keeps every digit, for places where rounding would hide a difference.
extension SimTime {
    /// Readable and rounded: "0s", "886.8us", "5.2784ms", "10.5015s", "412.7602s", "1.5h".
    public var description: String { SimTime.readable(nanoseconds) }

    /// Every digit, in ns, us, ms or s: "5.278412ms", "10.5014805s", "0s".
    public var exactDescription: String { SimTime.exact(nanoseconds) }

    /// The units of the readable form, largest first: each with its size in
    /// ns and the smallest value written in it. Seconds run up to an hour so
    /// that a trace of minutes keeps its tenth-of-a-millisecond steps apart
    /// (4 decimals of a minute would be 6ms); hours run up to 1000h.
    static let readableUnits: [(name: String, scale: UInt64, from: UInt64)] = [
        ("d", 86_400_000_000_000, 1000 * 3_600_000_000_000), ("h", 3_600_000_000_000, 3_600_000_000_000),
        ("s", 1_000_000_000, 1_000_000_000), ("ms", 1_000_000, 1_000_000), ("us", 1_000, 1_000), ("ns", 1, 1),
    ]

    /// The readable form's number and unit apart. With `keepZeros` the four
    /// decimals are always written (except in ns, which has none), so that
    /// decimal points line up in a column.
    public static func readableParts(_ ns: Int64, keepZeros: Bool = false) -> (number: String, unit: String) {
        if ns == 0 { return ("0", "s") }
        let sign = ns < 0 ? "-" : ""
        let magnitude = ns.magnitude
        var index = readableUnits.firstIndex { magnitude >= $0.from } ?? readableUnits.count - 1
        var units = roundedTenThousandths(magnitude, readableUnits[index].scale)
        // 3599.99996s rounds to 3600s: write it in the next unit up, as 1h.
        if index > 0, units / 10_000 >= readableUnits[index - 1].from / readableUnits[index].scale {
            index -= 1
            units = roundedTenThousandths(magnitude, readableUnits[index].scale)
        }
        let unit = readableUnits[index].name
        let whole = units / 10_000
        var fraction = String(units % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        if unit == "ns" { return (sign + String(whole), unit) }
        if !keepZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        return (sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction), unit)
    }

    public static func readable(_ ns: Int64) -> String {
        let (number, unit) = readableParts(ns)
        return number + unit
    }

    /// `value / scale` in ten-thousandths, rounded half up, without overflow.
    private static func roundedTenThousandths(_ value: UInt64, _ scale: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 10_000)
        let (sum, carry) = product.low.addingReportingOverflow(scale / 2)
        let (quotient, _) = scale.dividingFullWidth((product.high + (carry ? 1 : 0), sum))
        return quotient
    }

    /// Exact rendering in the largest of ns, us, ms, s that the value reaches.
    public static func exact(_ ns: Int64) -> String {
        if ns == 0 { return "0s" }
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
        let fraction = value % scale
        guard fraction != 0 else { return String(whole) }
        var digits = 0
        var s = scale
        while s > 1 { s /= 10; digits += 1 }
        var text = String(fraction)
        text = String(repeating: "0", count: digits - text.count) + text
        while text.hasSuffix("0") { text.removeLast() }
        return "\(whole).\(text)"
    }
}
