import Foundation
import SpriteScript

/// One name in a test folder, read as bytes (readdir), so a name that is not UTF-8 is seen and reported
/// rather than lost in a conversion.
struct FolderEntry {
    let bytes: [UInt8]
    /// The name as text: itself when it is UTF-8; otherwise its ASCII bytes and each other byte as `\xff`.
    let shownName: String
    let isUTF8: Bool

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if let text = String(validating: bytes, as: UTF8.self) {
            shownName = text
            isUTF8 = true
        } else {
            shownName = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
            isUTF8 = false
        }
    }

    /// Every name in `folder` but `.` and `..`, sorted by bytes; nil when the folder cannot be read.
    static func list(_ folder: String) -> [FolderEntry]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [FolderEntry] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: &entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard bytes != [46], bytes != [46, 46] else { continue }
            entries.append(FolderEntry(bytes: bytes))
        }
        return entries.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// `_lib`, `.git`: not searched.
    var isSkipped: Bool { bytes.first == 46 || bytes.first == 95 }
    var isTest: Bool { bytes.count > 7 && bytes.suffix(7).elementsEqual(".sprite".utf8) }

    enum Kind: Equatable {
        case folder
        /// A regular file (or a FIFO, a device: reading it is refused when the test is graded); `linked`:
        /// reached through a symbolic link that stays inside the folder given.
        case file(linked: Bool)
        case problem(String)
        /// Not a test and not a folder (a link to a file that is no test).
        case ignored
    }

    /// What the entry is, judged against `root`, the real path of the folder given on the command line.
    /// A problem is reported only for an entry that is, or may hold, a test.
    func kind(in folder: String, root: String) -> Kind {
        var status = stat()
        let rawPath = (Array(folder.utf8) + [47] + bytes + [0]).map { CChar(bitPattern: $0) }
        let looked = rawPath.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return Int32(-1) }
            return lstat(base, &status)
        }
        guard looked == 0 else {
            return isTest ? .problem("cannot look at it: \(String(cString: strerror(errno)).lowercased())") : .ignored
        }
        let type = status.st_mode & S_IFMT
        guard isUTF8 else {
            return isTest || type == S_IFDIR || type == S_IFLNK ? .problem("its name is not UTF-8 text; rename it")
                : .ignored
        }
        switch type {
        case S_IFDIR: return .folder
        case S_IFLNK: return link(HostPath.join(folder, shownName), root: root)
        default: return isTest ? .file(linked: false) : .ignored
        }
    }

    /// A symbolic link: followed only to a file inside `root` (a link to a folder could loop, and one out
    /// of the folder would grade, and show, whatever it leads to on the host).
    private func link(_ path: String, root: String) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else { return isTest ? .problem("a symbolic link to nothing") : .ignored }
        let toFolder = status.st_mode & S_IFMT == S_IFDIR
        guard isTest || toFolder else { return .ignored }
        guard Self.isInside(TestDiscovery.realPath(path), root: root) else {
            return .problem("a symbolic link that leads out of the folder given; it is not followed")
        }
        guard !toFolder else {
            return .problem("a symbolic link to a folder; links to folders are not followed: give the folder "
                            + "itself, or start the link's name with '_'")
        }
        return .file(linked: true)
    }

    static func isInside(_ target: String?, root: String) -> Bool {
        guard let target else { return false }
        return target == root || target.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
