import Foundation
import SpriteScript

/// The command line's paths turned into the tests to run: every `*.sprite` file given, and every one
/// under the folders given (recursively), sorted by the bytes of their names, each file once however
/// often it was reached.
///
/// In a folder, names starting with `_` or `.` are skipped: `_common.sprite` or `_lib/` hold scripts the
/// tests `load`, not tests. A file named on the command line runs whatever its name.
///
/// Nothing under a folder is dropped without a word: what cannot be graded is a test of its own whose
/// `problem` says why, graded ERROR (FolderEntry). That is a symbolic link that leads out of the folder
/// given, a link to a folder (links to folders are not followed), a name that is not UTF-8, and a folder
/// nested deeper than `maxDepth`. A link to a `.sprite` file inside the folder is a test of its own name.
public enum TestDiscovery {
    /// A run of more tests than this is refused rather than listed.
    public static let maxTests = 100_000
    /// Folders nested deeper than this are not searched (each one is reported).
    static let maxDepth = 32

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func discover(_ paths: [String]) throws(Failure) -> [TestCase] {
        var found = Found()
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw Failure(description: "cannot read '\(path)': \(String(cString: strerror(errno)).lowercased())")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                // The folder as given is trusted, even when it is itself a link; what lies in it is judged.
                let root = realPath(path) ?? path
                try collect(folder: path, relative: "", depth: 0, root: root, into: &found)
            } else {
                let name = withoutExtension(HostPath.lastComponent(of: path))
                let root = realPath(HostPath.folder(of: path).isEmpty ? "." : HostPath.folder(of: path)) ?? "/"
                found.add(test(name: name, path: path, root: root), key: realPath(path))
            }
        }
        var tests = found.tests
        tests.sort { TestCase.precedes($0.name, $1.name) }
        for (previous, next) in zip(tests, tests.dropFirst()) where previous.name == next.name {
            throw Failure(description: "two tests are named '\(next.name)' ('\(previous.path)' and '\(next.path)'); "
                          + "give the folder that holds both, or run them separately")
        }
        return tests
    }

    /// The tests found so far, and the real paths of the files among them.
    struct Found {
        var tests: [TestCase] = []
        var seen: Set<String> = []

        /// Adds `test` unless its file (`key`, its real path) is already in; a test without a key (a
        /// problem, a link) is always added.
        mutating func add(_ test: TestCase, key: String?) {
            if let key, !seen.insert(key).inserted { return }
            tests.append(test)
        }
    }

    private static func collect(folder: String, relative: String, depth: Int, root: String,
                                into found: inout Found) throws(Failure) {
        guard let entries = FolderEntry.list(folder) else {
            throw Failure(description: "cannot read the folder '\(folder)'")
        }
        for entry in entries where !entry.isSkipped {
            let path = HostPath.join(folder, entry.shownName)
            let name = relative.isEmpty ? entry.shownName : relative + "/" + entry.shownName
            switch entry.kind(in: folder, root: root) {
            case .folder:
                guard depth < maxDepth else {
                    found.add(problem(name + "/", path, "a folder nested more than \(maxDepth) deep: its tests "
                                      + "are not searched; move them higher"), key: nil)
                    continue
                }
                try collect(folder: path, relative: name, depth: depth + 1, root: root, into: &found)
            case .file(let linked):
                let test = test(name: withoutExtension(name), path: path, root: root)
                found.add(test, key: linked ? nil : realPath(path))
            case .problem(let reason):
                found.add(problem(entry.isTest ? withoutExtension(name) : name + "/", path, reason), key: nil)
            case .ignored:
                continue
            }
            guard found.tests.count <= maxTests else {
                throw Failure(description: "more than \(maxTests) tests under '\(folder)'")
            }
        }
    }

    private static func problem(_ name: String, _ path: String, _ reason: String) -> TestCase {
        TestCase(name: name, path: path, expectedPath: nil, problem: reason)
    }

    /// The test at `path`, with its `.expected` if there is one (refused if it leads out of `root`).
    private static func test(name: String, path: String, root: String) -> TestCase {
        let base = path.hasSuffix(".sprite") ? String(path.dropLast(".sprite".count)) : path
        let candidate = base + ".expected"
        var status = stat()
        guard lstat(candidate, &status) == 0 else { return TestCase(name: name, path: path, expectedPath: nil) }
        if status.st_mode & S_IFMT == S_IFLNK, !FolderEntry.isInside(realPath(candidate), root: root) {
            return TestCase(name: name, path: path, expectedPath: nil,
                            problem: "\(HostPath.lastComponent(of: candidate)) is a symbolic link that leads out of "
                            + "the test's folder; it is not read")
        }
        return TestCase(name: name, path: path, expectedPath: candidate)
    }

    static func withoutExtension(_ name: String) -> String {
        name.hasSuffix(".sprite") ? String(name.dropLast(".sprite".count)) : name
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
