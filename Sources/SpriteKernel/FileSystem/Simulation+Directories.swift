/// Directories at a server. A directory is made by `mkdir`, or implicitly,
/// as `mkdir -p` would, when a file is created under missing ones; the root
/// and every domain or export root are directories too. A regular file is
/// never a directory, so nothing can be created under one.
extension Simulation {
    /// The nearest directory above `path` that is in fact a regular file.
    func regularFileAbove(_ path: String) -> String? {
        for ancestor in FilePath.ancestors(of: path) {
            if let file = fs.fileIndex[ancestor], !fs.files[file].deleted, !fs.files[file].isDirectory {
                return ancestor
            }
        }
        return nil
    }

    /// The answer for a name that does not exist: under a regular file,
    /// the name is wrong in a way worth saying (not a directory).
    func missingAnswer(_ path: String) -> CallAnswer {
        regularFileAbove(path).map { CallAnswer(notADirectory: $0) } ?? CallAnswer(missing: true)
    }

    /// The live file (or directory) record at `path`, if any.
    func liveFile(_ path: String) -> Int? {
        fs.fileIndex[path].flatMap { fs.files[$0].deleted ? nil : $0 }
    }

    /// Some live file is below `path`, so `path` is a directory.
    func hasFilesBelow(_ path: String) -> Bool {
        path == "/" || (fs.filesBelow[path] ?? 0) > 0
    }

    /// `path` names a directory: made by mkdir, holding files, or the root
    /// of a domain or export (or above one, as a Sprite remote link is).
    func isDirectory(_ path: String) -> Bool {
        if let file = liveFile(path) { return fs.files[file].isDirectory }
        if hasFilesBelow(path) || fs.domains.keys.contains(where: { Self.isUnder($0, path) }) { return true }
        guard let (server, remote) = superRoot(path) else { return false }
        return (fs.exports[server] ?? []).contains { Self.isUnder($0, remote) }
    }

    /// The root of a domain or an export: where a name space is attached.
    func isNamespaceRoot(_ path: String) -> Bool {
        if path == "/" || fs.domains[path] != nil { return true }
        guard let (server, remote) = superRoot(path) else { return false }
        return fs.exports[server]?.contains(remote) == true
    }

    /// Makes the directories above a new file that its server serves and
    /// that do not exist yet, nearest the root first. A domain's or an
    /// export's root is a directory already and needs no record.
    func createParents(of path: String, server: Int) {
        for ancestor in FilePath.ancestors(of: path).reversed() where liveFile(ancestor) == nil
            && authoritativeServer(for: ancestor) == server && !isNamespaceRoot(ancestor) {
            var directory = ServerFile(path: ancestor, server: server, isDirectory: true)
            directory.modified = now
            fs.files.append(directory)
            fs.fileIndex[ancestor] = fs.files.count - 1
            countFileBelowAncestors(ancestor, +1)
            recordDirectoryChange(ancestor, added: true, directory: true)
        }
    }

    /// Counts a file created (+1) or deleted (-1) in every directory above it.
    func countFileBelowAncestors(_ path: String, _ change: Int) {
        for ancestor in FilePath.ancestors(of: path) {
            let count = (fs.filesBelow[ancestor] ?? 0) + change
            fs.filesBelow[ancestor] = count > 0 ? count : nil
        }
    }
}
