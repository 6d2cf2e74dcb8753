/// The folder names of the HTML report's test pages. A test's name may hold anything a file name can (a
/// slash, a newline, `..`, any script), so a page's folder is not the name but a slug made from it: the
/// test's number in the whole run (which makes it unique, also across the shards of a run), then the name's
/// ASCII letters and digits in lower case (so that a case-insensitive file system cannot merge two), every
/// other run of characters one `-`, cut short. It never starts with `.` or `-`, never holds `/`.
public enum ReportSlug {
    /// Characters of the name kept after the number.
    static let maxNameCharacters = 48

    /// A slug for each name of the whole run, sorted as the run sorts them (a shard's tests get the same
    /// slugs as in the run of every shard); the number is padded so that the folders sort in the run's order.
    public static func slugs(forRun names: [String]) -> [String: String] {
        let digits = String(max(1, names.count)).count
        var slugs: [String: String] = [:]
        for (index, name) in names.enumerated() where slugs[name] == nil {
            let number = String(index + 1)
            slugs[name] = String(repeating: "0", count: digits - number.count) + number + readable(name)
        }
        return slugs
    }

    /// `-week1-stale-read` for `week1/Stale read`; empty for a name with no ASCII letter or digit.
    static func readable(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            guard out.count < maxNameCharacters + 1 else { break }
            if scalar.isASCII, let byte = UInt8(exactly: scalar.value),
               (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar((0x41...0x5A).contains(byte) ? byte + 0x20 : byte))
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        if !out.hasPrefix("-") { out = "-" + out }
        var trimmed = Substring(out.prefix(maxNameCharacters + 1))
        while trimmed.hasSuffix("-") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
