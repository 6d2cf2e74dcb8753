import SpriteScript

/// One scenario to grade: the script, its name in reports, and the `.expected` output beside it.
public struct TestCase: Sendable, Hashable {
    /// The path relative to the folder it was found under, without `.sprite`: `week1/stale-read`.
    /// Unique within a run; results, shards and merged files are ordered and matched by it.
    public let name: String
    /// The script's path as the command line reaches it (the folder given, then the relative path).
    public let path: String
    /// `NAME.expected` beside the script, if there is one: the output must match it byte for byte.
    public let expectedPath: String?
    /// Why the test cannot be graded as found (a symbolic link out of its folder, a name that is not
    /// UTF-8): it is reported as an ERROR rather than left out of the run.
    public let problem: String?

    public init(name: String, path: String, expectedPath: String?, problem: String? = nil) {
        self.name = name
        self.path = path
        self.expectedPath = expectedPath
        self.problem = problem
    }

    /// The order of tests in a run, its shards and its digest: by the bytes of their UTF-8 names, so that
    /// any other tool sorts them the same way.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The folder the script's `load` may read: its own, exactly as `run` confines it.
    public var folder: String { HostPath.folder(of: path) }
}
