extension Quantity {
    /// An upper bound as a message names it: readable when the readable form is not above `value`, else exact.
    /// The readable form rounds (2^62ns reads 53375.9956d, which is past it): naming that as "at most" would
    /// refuse the very value the message gives.
    static func formatBound(_ value: Int64, _ dimension: Dimension) -> String {
        let readable = format(value, dimension)
        guard let named = baseUnits(of: readable, dimension), named > value else { return readable }
        return formatExact(value, dimension)
    }

    /// `53375.9956d` in base units, nil when it does not read as a number and a unit of `dimension` (or does
    /// not fit an Int64). A fraction that does not divide the unit exactly is rounded up, as it is past it.
    static func baseUnits(of text: String, _ dimension: Dimension) -> Int64? {
        let number = text.prefix { $0.isNumber || $0 == "." }
        let unit = String(text.dropFirst(number.count))
        guard let (kind, scale) = units[unit], kind == dimension else { return nil }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        var total = whole.multipliedReportingOverflow(by: scale)
        guard !total.overflow else { return nil }
        if parts.count == 2, !parts[1].isEmpty, let digits = Int64(parts[1]) {
            var power: Int64 = 1
            for _ in parts[1] { power *= 10 }
            let (numerator, overflow) = digits.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            let fraction = (numerator + power - 1) / power
            total = total.partialValue.addingReportingOverflow(fraction)
            guard !total.overflow else { return nil }
        }
        return total.partialValue
    }
}
