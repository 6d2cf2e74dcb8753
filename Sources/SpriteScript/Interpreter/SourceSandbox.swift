import Foundation

/// Which files `load` may read: regular files named `*.sprite`, of at most
/// 1 MiB of UTF-8 text without NUL bytes, inside the folder of the script
/// being run or a folder the command line allowed (`--allow-path`). A path is
/// judged by where it really leads, so neither `..` nor a symbolic link can
/// reach the rest of the host.
///
/// A refusal never quotes the refused file: a script must not be able to
/// print the host's files (`/etc/passwd`, `/proc/self/environ`) through a
/// diagnostic.
public struct SourceSandbox: Sendable {
    /// The largest file `load` reads.
    public static let maxFileSize = 1 << 20

    /// Why a `load` was refused, worded for the script's author.
    public struct Refusal: Error, Sendable {
        public let message: String
        public let help: String
    }

    /// The folder of the top-level script; nil for `-c`, standard input and
    /// the prompt, which may read the current directory.
    public var scriptFolder: String?
    /// Further folders the command line allowed.
    public var allowedFolders: [String]

    public init(scriptFolder: String? = nil, allowedFolders: [String] = []) {
        self.scriptFolder = scriptFolder
        self.allowedFolders = allowedFolders
    }

    /// The text of the script `path` names, written in the file `base`.
    public func load(_ path: String, relativeTo base: String) throws(Refusal) -> String {
        let shown = "'\(path)'"
        let roots = self.roots
        let spelled = Self.absolute(FileSourceLoader.resolve(path, relativeTo: base))
        // Judge the path as written before touching the disk, so a refusal
        // does not even tell whether a file outside exists.
        guard roots.contains(where: { Self.contains($0.spelled, spelled) || Self.contains($0.real, spelled) }) else {
            throw Refusal(message: "cannot load \(shown): it is outside the folders load may read", help: outsideHelp)
        }
        guard HostPath.lastComponent(of: path).hasSuffix(".sprite") else {
            throw Refusal(message: "cannot load \(shown): load reads only files whose names end in '.sprite'",
                          help: "give the script a name ending in '.sprite'")
        }
        let escapes = Refusal(message: "cannot load \(shown): a symbolic link leads outside the folders load may read",
                              help: outsideHelp)
        guard let real = Self.realPath(spelled) else {
            let reason = String(cString: strerror(errno))
            // A missing file behind a link that leads out: say so, not whether it exists out there.
            if let ancestor = Self.realAncestor(of: spelled),
               !roots.contains(where: { Self.contains($0.real, ancestor) }) {
                throw escapes
            }
            throw Refusal(message: "cannot read \(shown): \(reason)", help: "the path is relative to \(base)")
        }
        guard roots.contains(where: { Self.contains($0.real, real) }) else { throw escapes }
        guard HostPath.lastComponent(of: real).hasSuffix(".sprite") else {
            throw Refusal(message: "cannot load \(shown): it links to a file whose name does not end in '.sprite'",
                          help: "load reads only script files")
        }
        let bytes = try Self.contents(of: real, shown: shown)
        guard !bytes.contains(0) else {
            throw Refusal(message: "cannot load \(shown): it contains a NUL byte, so it is not a script",
                          help: "load reads only script text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Refusal(message: "cannot load \(shown): it is not UTF-8 text", help: "load reads only script text")
        }
        return text
    }

    private var outsideHelp: String {
        let home = scriptFolder.map { "the folder of the script being run (\($0.isEmpty ? "." : $0))" }
            ?? "the current directory"
        return "load reads files under \(home); allow another folder with --allow-path DIR"
    }

    /// Every allowed folder, as an absolute path and as its real path.
    private var roots: [(spelled: String, real: String)] {
        ([scriptFolder ?? "."] + allowedFolders).compactMap { folder in
            let spelled = Self.absolute(folder.isEmpty ? "." : folder)
            return Self.realPath(spelled).map { (spelled, $0) }
        }
    }

    /// Reads at most one byte more than the cap from a regular file,
    /// without following a final symbolic link or waiting on a FIFO.
    private static func contents(of path: String, shown: String) throws(Refusal) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Refusal(message: "cannot read \(shown): \(String(cString: strerror(errno)))",
                          help: "check the file's permissions")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(message: "cannot load \(shown): it is not a regular file",
                          help: "load reads only script files")
        }
        let tooLarge = Refusal(message: "cannot load \(shown): it is larger than 1 MiB, the most load reads",
                               help: "split the script into smaller files")
        guard status.st_size <= maxFileSize else { throw tooLarge }
        var bytes = [UInt8](repeating: 0, count: maxFileSize + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base + count, buffer.count - count)
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else {
                throw Refusal(message: "cannot read \(shown): \(String(cString: strerror(errno)))",
                              help: "check the file")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= maxFileSize else { throw tooLarge }
        return Array(bytes[..<count])
    }

    /// The real path of the nearest folder above `path` that exists.
    static func realAncestor(of path: String) -> String? {
        var folder = HostPath.folder(of: path)
        while true {
            if let real = realPath(folder) { return real }
            let parent = HostPath.folder(of: folder)
            guard parent != folder, !parent.isEmpty else { return nil }
            folder = parent
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against the current directory, with `.` and `..` taken lexically.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return FileSourceLoader.normalize(full)
    }

    /// True if `path` is `folder` or lies under it.
    static func contains(_ folder: String, _ path: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}
