import Foundation
import SpriteScript

/// `DIR/.sprite-shell-report`: every folder and file a `test --report` made in DIR, each file with its size
/// and digest. The next `--report DIR` removes an earlier report only when DIR holds nothing but what its
/// manifest lists, each file a plain one (no link, no other name) with the bytes it was written with. Anyone
/// can write a manifest, so it proves nothing by being there: what makes removing safe is that only files
/// byte for byte as listed are removed, and only from a folder holding nothing else.
struct ReportManifest: Equatable {
    static let name = ".sprite-shell-report"
    static let header = "sprite-shell test --report manifest 1"
    /// Entries a folder may hold to be read as a report: a report has a few files per failed test.
    static let mostEntries = 100_000
    /// A report's file is at most a run report's file (HTMLReportFolder.runReportFileSize).
    static let largestFile = Int(HTMLReportFolder.runReportFileSize)

    struct File: Equatable {
        var size: Int
        var digest: UInt64
    }

    /// Relative paths: folders, and files with what they held.
    var folders: Set<String> = []
    var files: [String: File] = [:]

    /// The text of the manifest: a header, then `d PATH` and `f SIZE DIGEST PATH` lines, sorted.
    var text: String {
        var lines = [Self.header]
        lines += folders.sorted().map { "d \($0)" }
        lines += files.keys.sorted().compactMap { path in
            files[path].map { "f \($0.size) \(String($0.digest, radix: 16)) \(path)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The manifest in `text`, nil when it is not one.
    static func parse(_ text: String) -> ReportManifest? {
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == header else { return nil }
        lines.removeFirst()
        var manifest = ReportManifest()
        for line in lines {
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            if fields.count == 2, fields[0] == "d", isRelative(fields[1]) {
                manifest.folders.insert(fields[1])
            } else if fields.count == 4, fields[0] == "f", let size = Int(fields[1]),
                      let digest = UInt64(fields[2], radix: 16), isRelative(fields[3]) {
                manifest.files[fields[3]] = File(size: size, digest: digest)
            } else {
                return nil
            }
        }
        return manifest
    }

    /// Adds the regular file at `relative` below `root` as it is now; false when it is not a plain file.
    mutating func addFile(_ relative: String, root: String) -> Bool {
        guard let file = Self.plainFile(HostPath.join(root, relative)) else { return false }
        files[relative] = file
        return true
    }

    /// Size and digest of the file at `path`: nil unless it is a regular file with one name, not a link.
    static func plainFile(_ path: String) -> File? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1,
              case .success(let bytes) = BoundedFile.read(path, cap: largestFile) else { return nil }
        return File(size: bytes.count, digest: digest(bytes))
    }

    /// FNV-1a, 64 bits: a file's bytes are known to whoever could forge its line, so no secret is needed.
    static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private static func isRelative(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.contains("\n") && parts.allSatisfy { $0 != "" && $0 != ".." && $0 != "." }
    }

    /// Why the folder `root` is not exactly the report `self` lists (the first entry that is not), or nil.
    func mismatch(in root: String) -> String? {
        var pending = [""]
        var seen = 0
        while let folder = pending.popLast() {
            let path = folder.isEmpty ? root : HostPath.join(root, folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                return "\(folder) cannot be listed"
            }
            for name in names.sorted() {
                let relative = folder.isEmpty ? name : folder + "/" + name
                if relative == Self.name { continue }
                seen += 1
                guard seen <= Self.mostEntries else { return "it holds more than \(Self.mostEntries) entries" }
                var status = stat()
                guard lstat(HostPath.join(root, relative), &status) == 0 else { return "\(relative) cannot be read" }
                if status.st_mode & S_IFMT == S_IFDIR, folders.contains(relative) {
                    pending.append(relative)
                } else if let listed = files[relative], Self.plainFile(HostPath.join(root, relative)) == listed {
                    continue
                } else {
                    return "\(relative) is not one of its files as it wrote them"
                }
            }
        }
        return nil
    }

    /// Removes the listed files, then the listed folders deepest first (only when empty), then the manifest.
    func remove(from root: String) -> String? {
        for path in files.keys.sorted() where unlink(HostPath.join(root, path)) != 0 && errno != ENOENT {
            return path
        }
        for path in folders.sorted(by: { $0.count > $1.count }) where rmdir(HostPath.join(root, path)) != 0
            && errno != ENOENT {
            return path
        }
        guard unlink(HostPath.join(root, Self.name)) == 0 || errno == ENOENT else { return Self.name }
        return nil
    }
}
