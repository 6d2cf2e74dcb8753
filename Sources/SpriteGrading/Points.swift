/// A score in hundredths of a point, so that sums of 2.5 and 0.1 stay exact (a Double would
/// print 0.30000000000000004 for 0.1 + 0.2).
public struct Points: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public init(_ whole: Int) { hundredths = whole * 100 }

    public static let zero = Points(hundredths: 0)
    /// The most one test may be worth: far from any overflow when summed.
    static let most = Points(1_000_000)

    /// `5`, `2.5`, `0.25`; nil for anything else (negative, more than two decimals, past `most`).
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !parts[0].isEmpty, parts[0].count <= 7, let whole = Int(parts[0]) else { return nil }
        var hundredths = whole * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), let digits = Int(fraction) else { return nil }
            hundredths += fraction.count == 1 ? digits * 10 : digits
        }
        guard hundredths <= Self.most.hundredths else { return nil }
        self.hundredths = hundredths
    }

    /// From a JSON number (a merged result file): rounded to hundredths; a number that no run could have
    /// written (not finite, negative, past `most`) is refused rather than converted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Double.self)
        guard value.isFinite, value >= 0, value <= Double(Self.most.hundredths) / 100 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(value) is not a number of "
                                                   + "points from 0 to \(Self.most)")
        }
        hundredths = Int((value * 100).rounded())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if hundredths % 100 == 0 {
            try container.encode(hundredths / 100)
        } else {
            try container.encode(Double(hundredths) / 100)
        }
    }

    /// `5`, `2.5`, `0.25`: no trailing zeros.
    public var description: String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.hundredths < rhs.hundredths }
    /// Saturates rather than traps: every total is of checked points (each at most `most`, at most
    /// `TestDiscovery.maxTests` of them), far below the largest Int, so the cap is never reached.
    public static func + (lhs: Points, rhs: Points) -> Points {
        let (sum, overflow) = lhs.hundredths.addingReportingOverflow(rhs.hundredths)
        return Points(hundredths: overflow ? Int.max : sum)
    }
}
