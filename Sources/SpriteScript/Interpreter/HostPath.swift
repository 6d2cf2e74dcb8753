/// Host file names taken apart as text, without touching the disk.
///
/// Foundation's `NSString` path methods trap on some short names on Linux
/// (`"a"`, `"-"`, `"a/"`), and a script or command line may give any name,
/// so sprite-shell splits paths itself.
public enum HostPath {
    /// The folder part: `dir/a.sprite` → `dir`, `/a.sprite` → `/`, `a.sprite` → "".
    public static func folder(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The last part: `dir/a.sprite` → `a.sprite`, `dir/` → `dir`, `/` → `/`.
    public static func lastComponent(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        let last = trimmed[trimmed.index(after: slash)...]
        return last.isEmpty ? "/" : String(last)
    }

    /// `name` inside `folder`; an empty folder leaves the name as it is.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func withoutTrailingSlashes(_ path: String) -> Substring {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
