/// Limit values read and written outside `--limit` and `limit`: the grader's test headers
/// (`# test: limit events=1000`) and the per-test timeout use the same units and spellings.
extension Limits {
    /// `text` read as the value of limit `name` (`60s`, `4GB`, `1000`), clipped to the limit's
    /// ceiling; nil if it is malformed or not above zero.
    public static func value(of name: Name, from text: String) -> Int64? {
        guard let value = name.dimension.parse(text), value > 0 else { return nil }
        return min(value, name.ceiling)
    }

    /// `text` read as a value of limit `name`, not clipped (a caller with a smaller maximum refuses what
    /// is past it rather than cutting it silently); nil if it is malformed or not above zero.
    public static func unclippedValue(of name: Name, from text: String) -> Int64? {
        guard let value = name.dimension.parse(text), value > 0 else { return nil }
        return value
    }

    /// What a value of `name` looks like, for an error: "a duration like 60s or 1h".
    public static func example(of name: Name) -> String { name.dimension.example }

    /// `value` as the command line writes it for `name`: `1h`, `4GB`, `1000`.
    public static func formatted(_ name: Name, _ value: Int64) -> String { name.dimension.format(value) }
}
