/// Path names in the simulated file system, in one place. Every path the
/// engine is given (file steps, domains, exports, mounts, automount roots,
/// look-ups) is normalised here first, so `/d/../x`, `/./x`, `//x` and `/x/`
/// all name the file `/x`, whoever asks and however the name is resolved.
public enum FilePath {
    /// The absolute, canonical form of `path`: `.` and empty components are
    /// dropped, `..` removes the component before it (and stays at `/` above
    /// the root), and there is no trailing `/` except for the root itself.
    public static func normalize(_ path: String) -> String {
        guard needsNormalizing(path) else { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directories above a normalised path, nearest first, without `/`:
    /// `/a/b/c` → `/a/b`, `/a`.
    public static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = Substring(path)
        while let slash = current.lastIndex(of: "/"), slash != current.startIndex {
            current = current[..<slash]
            result.append(String(current))
        }
        return result
    }

    /// Already canonical paths (nearly all of them) are returned untouched.
    private static func needsNormalizing(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return true }
        if path == "/" { return false }
        if path.hasSuffix("/") { return true }
        var previous: Character = "/"
        var componentStart = true
        var dots = 0
        for c in path.dropFirst() {
            if c == "/" {
                if previous == "/" || (componentStart && dots > 0 && dots <= 2) { return true }
                componentStart = true
                dots = 0
            } else if componentStart && c == "." {
                dots += 1
            } else {
                componentStart = false
            }
            previous = c
        }
        return componentStart && dots > 0 && dots <= 2
    }
}
