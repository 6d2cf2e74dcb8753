import Foundation

/// Reads `load`ed files from disk, relative to the file that loads them.
public struct FileSourceLoader: SourceLoader {
    public init() {}

    public func load(_ path: String, relativeTo base: String) throws -> SourceFile {
        let resolved = Self.resolve(path, relativeTo: base)
        let text = try String(contentsOfFile: resolved, encoding: .utf8)
        return SourceFile(name: path, text: text)
    }

    static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (base as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !base.hasPrefix("<") else { return path }
        return (directory as NSString).appendingPathComponent(path)
    }
}
