import Foundation

/// How every report and export file is written (`run --report`, `test --report`, `export`): the bytes go to a
/// new file made under a temporary name (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file, never through a
/// link) in the file's folder, which is then renamed over the name. Renaming replaces the directory entry:
/// a symbolic link at the name is replaced, not followed; a hard link's other names keep their bytes; a FIFO
/// or device is never opened; and a file cut short by a failure is never seen under the name. The folders
/// between `root` and the file are opened one at a time with O_NOFOLLOW, so no link below `root` can lead a
/// write elsewhere.
public enum ReplacingFile {
    public struct Failure: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Writes `text` as `relative` (such as `tests/1-a/index.html`) below the folder `root`.
    public static func write(_ text: String, root: String, relative: String) -> Result<Void, Failure> {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.last, parts.allSatisfy(isPlainName) else {
            return .failure(Failure(reason: "it is not a plain name inside the folder"))
        }
        let folder: Int32
        switch openFolder(root: root, parts.dropLast()) {
        case .success(let descriptor): folder = descriptor
        case .failure(let failure): return .failure(failure)
        }
        defer { close(folder) }
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<1000 {
            temporary = ".\(name).\(getpid()).\(attempt).partial"
            descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { return .failure(Failure(reason: reason(errno))) }
        if let error = writeAll(Array(text.utf8), to: descriptor) {
            close(descriptor)
            unlinkat(folder, temporary, 0)
            return .failure(Failure(reason: reason(error)))
        }
        // A full disk or a network file system may report the failure only now.
        guard close(descriptor) == 0 else {
            let error = errno
            unlinkat(folder, temporary, 0)
            return .failure(Failure(reason: reason(error)))
        }
        guard renameat(folder, temporary, folder, name) == 0 else {
            let error = errno
            unlinkat(folder, temporary, 0)
            return .failure(Failure(reason: error == EISDIR || error == ENOTEMPTY || error == EEXIST
                                    ? "it is a folder" : reason(error)))
        }
        return .success(())
    }

    /// Makes the folder `relative` below `root` (its parent must exist), none of its components a link; an
    /// existing real folder is taken as it is, unless `fresh`.
    public static func makeFolder(root: String, relative: String, fresh: Bool = false) -> Result<Void, Failure> {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.last, parts.allSatisfy(isPlainName) else {
            return .failure(Failure(reason: "it is not a plain name inside the folder"))
        }
        switch openFolder(root: root, parts.dropLast()) {
        case .failure(let failure): return .failure(failure)
        case .success(let parent):
            defer { close(parent) }
            if mkdirat(parent, name, 0o755) == 0 { return .success(()) }
            guard errno == EEXIST, !fresh else { return .failure(Failure(reason: reason(errno))) }
            let existing = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard existing >= 0 else {
                return .failure(Failure(reason: "it is not a folder (a link is never followed)"))
            }
            close(existing)
            return .success(())
        }
    }

    /// `root` (as the command line named it), then each of `parts` below it without following a link.
    private static func openFolder(root: String, _ parts: ArraySlice<String>) -> Result<Int32, Failure> {
        var folder = open(root.isEmpty ? "." : root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return .failure(Failure(reason: reason(errno))) }
        for part in parts {
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let error = errno
            var status = stat()
            let isLink = fstatat(folder, part, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
            close(folder)
            guard next >= 0 else {
                if isLink { return .failure(Failure(reason: "\(part) is a link, which is never followed")) }
                return .failure(Failure(reason: error == ENOTDIR ? "\(part) is not a folder" : reason(error)))
            }
            folder = next
        }
        return .success(folder)
    }

    private static func isPlainName(_ part: String) -> Bool {
        !part.isEmpty && part != "." && part != ".." && !part.contains("\0")
    }

    /// Every byte of `bytes` to `descriptor`: nil, or the errno of the write that failed.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { Foundation.write(descriptor, $0 + offset, raw.count - offset) } ?? 0
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
    }

    static func reason(_ error: Int32) -> String { String(cString: strerror(error)).lowercased() }
}
