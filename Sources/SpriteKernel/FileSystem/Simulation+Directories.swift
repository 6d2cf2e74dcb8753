/// Directories at a server. A directory is made by `mkdir`, or exists
/// implicitly while files live below it; a regular file is never a directory,
/// so nothing can be created under one.
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

    /// Some live file is below `path`, so `path` is a directory.
    func hasFilesBelow(_ path: String) -> Bool {
        path == "/" || (fs.filesBelow[path] ?? 0) > 0
    }

    /// Counts a file created (+1) or deleted (-1) in every directory above it.
    func countFileBelowAncestors(_ path: String, _ change: Int) {
        for ancestor in FilePath.ancestors(of: path) {
            let count = (fs.filesBelow[ancestor] ?? 0) + change
            fs.filesBelow[ancestor] = count > 0 ? count : nil
        }
    }
}
