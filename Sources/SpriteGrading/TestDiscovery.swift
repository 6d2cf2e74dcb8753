import Foundation
import SpriteScript

/// The command line's paths turned into the tests to run: every `*.sprite` file given, and every one
/// under the folders given (recursively), sorted by name, each file once however often it was reached.
///
/// In a folder, names starting with `_` or `.` are skipped: `_common.sprite` or `_lib/` hold scripts the
/// tests `load`, not tests. A file named on the command line runs whatever its name.
public enum TestDiscovery {
    /// A run of more tests than this is refused rather than listed.
    public static let maxTests = 100_000
    /// Folders nested deeper than this are not searched.
    static let maxDepth = 32

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func discover(_ paths: [String]) throws(Failure) -> [TestCase] {
        var found: [TestCase] = []
        var seen: Set<String> = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw Failure(description: "cannot read '\(path)': \(String(cString: strerror(errno)).lowercased())")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                try collect(folder: path, relative: "", depth: 0, into: &found, seen: &seen)
            } else {
                let name = withoutExtension(HostPath.lastComponent(of: path))
                add(TestCase(name: name, path: path, expectedPath: expected(for: path)), into: &found, seen: &seen)
            }
        }
        found.sort { $0.name < $1.name }
        for (previous, next) in zip(found, found.dropFirst()) where previous.name == next.name {
            throw Failure(description: "two tests are named '\(next.name)' ('\(previous.path)' and '\(next.path)'); "
                          + "give the folder that holds both, or run them separately")
        }
        return found
    }

    private static func collect(folder: String, relative: String, depth: Int,
                                into found: inout [TestCase], seen: inout Set<String>) throws(Failure) {
        guard depth <= maxDepth else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw Failure(description: "cannot read the folder '\(folder)'")
        }
        for entry in entries.sorted() where !entry.hasPrefix(".") && !entry.hasPrefix("_") {
            let path = HostPath.join(folder, entry)
            let name = relative.isEmpty ? entry : relative + "/" + entry
            var status = stat()
            // lstat: a link to a folder is not followed, so a link loop cannot make the search endless.
            guard lstat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                try collect(folder: path, relative: name, depth: depth + 1, into: &found, seen: &seen)
            case S_IFREG, S_IFLNK:
                guard entry.hasSuffix(".sprite") else { continue }
                add(TestCase(name: withoutExtension(name), path: path, expectedPath: expected(for: path)),
                    into: &found, seen: &seen)
            default:
                continue
            }
            guard found.count <= maxTests else {
                throw Failure(description: "more than \(maxTests) tests under '\(folder)'")
            }
        }
    }

    /// Adds `test` unless its file (by real path) is already in.
    private static func add(_ test: TestCase, into found: inout [TestCase], seen: inout Set<String>) {
        let key = realPath(test.path) ?? test.path
        guard seen.insert(key).inserted else { return }
        found.append(test)
    }

    static func withoutExtension(_ name: String) -> String {
        name.hasSuffix(".sprite") ? String(name.dropLast(".sprite".count)) : name
    }

    /// `dir/t1.sprite` → `dir/t1.expected` if that file exists.
    static func expected(for path: String) -> String? {
        let base = path.hasSuffix(".sprite") ? String(path.dropLast(".sprite".count)) : path
        let candidate = base + ".expected"
        var status = stat()
        return stat(candidate, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? candidate : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
