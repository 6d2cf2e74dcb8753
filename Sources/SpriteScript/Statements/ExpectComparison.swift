/// How `expect` compares a measured number with its target: the operator, widened by a `within` tolerance
/// (an absolute amount in the value's own unit, or a percentage of the target). Shared by `expect` and the
/// sweep's `expect NAME[…].FIELD`, so both read a tolerance the same way.
enum ExpectComparison {
    static func holds(_ measured: Double, _ op: String, _ target: Double, within tolerance: Quantity?) -> Bool {
        let slack: Double
        if let tolerance {
            slack = tolerance.dimension == .percent ? abs(target) * tolerance.real
                : (tolerance.dimension == .count ? tolerance.real : Double(tolerance.integer))
        } else {
            slack = 0
        }
        switch op {
        case "==": return abs(measured - target) <= slack
        case "!=": return abs(measured - target) > slack
        case "<": return measured < target + slack
        case "<=": return measured <= target + slack
        case ">": return measured > target - slack
        default: return measured >= target - slack
        }
    }
}
