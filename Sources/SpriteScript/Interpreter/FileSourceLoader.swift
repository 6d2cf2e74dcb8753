import Foundation

/// Reads `load`ed files from disk, relative to the file that loads them.
public struct FileSourceLoader: SourceLoader {
    public init() {}

    public func load(_ path: String, relativeTo base: String) throws -> SourceFile {
        let resolved = Self.resolve(path, relativeTo: base)
        let text = try String(contentsOfFile: resolved, encoding: .utf8)
        return SourceFile(name: path, text: text)
    }

    /// The path `load` means, in one spelling per file: `./a.sprite` and
    /// `a.sprite` are the same file, so a cycle cannot hide behind a new name.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        let directory = (base as NSString).deletingLastPathComponent
        let joined = path.hasPrefix("/") || directory.isEmpty || base.hasPrefix("<")
            ? path : (directory as NSString).appendingPathComponent(path)
        let standard = (joined as NSString).standardizingPath
        return standard.isEmpty ? path : standard
    }
}
