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
    /// `/a/b/c` → `/a/b`, `/a`. Scans bytes, not characters: `/` is ASCII.
    public static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        let bytes = path.utf8
        var end = bytes.endIndex
        while let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")), slash != bytes.startIndex {
            end = slash
            result.append(String(path[..<slash]))
        }
        return result
    }

    /// Already canonical paths (nearly all of them) are returned untouched.
    /// Every step's path passes here, so it reads UTF-8 bytes rather than
    /// Characters: `/` and `.` are ASCII and never part of another scalar.
    private static func needsNormalizing(_ path: String) -> Bool {
        // Through a buffer: the UTF-8 view's own iterator costs about six times as much a byte.
        path.utf8.withContiguousStorageIfAvailable { needsNormalizing(bytes: $0) }
            ?? needsNormalizing(bytes: Array(path.utf8))
    }

    private static func needsNormalizing(bytes path: some Collection<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var bytes = path.makeIterator()
        guard bytes.next() == slash else { return true }
        var previous = slash
        var componentStart = true
        var dots = 0
        var length = 1
        while let byte = bytes.next() {
            length += 1
            if byte == slash {
                if previous == slash || (componentStart && dots > 0 && dots <= 2) { return true }
                componentStart = true
                dots = 0
            } else if componentStart && byte == dot {
                dots += 1
            } else {
                componentStart = false
            }
            previous = byte
        }
        // A trailing `/` (but the root itself) or a final `.` or `..` component.
        return (length > 1 && previous == slash) || (componentStart && dots > 0 && dots <= 2)
    }
}
