import Foundation

/// Reads `load`ed files from disk, relative to the file that loads them,
/// and only where its sandbox allows.
public struct FileSourceLoader: SourceLoader {
    public let sandbox: SourceSandbox

    public init(sandbox: SourceSandbox = SourceSandbox()) {
        self.sandbox = sandbox
    }

    public func load(_ path: String, relativeTo base: String) throws -> SourceFile {
        SourceFile(name: path, text: try sandbox.load(path, relativeTo: base))
    }

    /// The path `load` means, in one spelling per file: `./a.sprite` and
    /// `a.sprite` are the same file, so a cycle cannot hide behind a new name.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        let directory = HostPath.folder(of: base)
        let joined = path.hasPrefix("/") || directory.isEmpty || base.hasPrefix("<")
            ? path : HostPath.join(directory, path)
        let standard = normalize(joined)
        return standard.isEmpty ? path : standard
    }

    /// `.` and `..` taken out lexically, without touching the disk and
    /// without expanding `~` (a script's `~` is a folder named `~`).
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && path.hasPrefix("/") {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }
}
