import Foundation

/// The folder `--report DIR` writes a run's report into. DIR is made when it is missing, but only DIR: a
/// missing parent is refused, as a mistyped path would otherwise grow a tree of folders. The files go in
/// through the export sandbox rooted at DIR, which replaces each file's directory entry (ReplacingFile): no
/// symbolic or hard link inside DIR can lead a write elsewhere.
struct ReportFolder {
    /// Why the report cannot be written, worded for the command line's author.
    struct Failure: Error, Equatable {
        let message: String
        let help: String
        /// The command line named no folder it could use (exit 2), rather than writing failed (exit 5).
        var isUsage = false
    }

    let path: String
    /// True when `prepare` made the folder (`discard` may remove it).
    var made = false

    /// Removes the folder when `prepare` made it and nothing was written in it (rmdir: only an empty folder).
    func discard() {
        if made { rmdir(path) }
    }

    /// The folder at `path`, made if missing.
    static func prepare(_ path: String) throws(Failure) -> ReportFolder {
        let shown = "'\(path)'"
        guard !path.isEmpty, !path.contains("\0") else {
            throw Failure(message: "cannot write the report: \(shown) is not a folder name",
                          help: "give --report the name of a folder, like --report report", isUsage: true)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Failure(message: "cannot write the report: \(shown) is a file, not a folder",
                              help: "give --report a folder, or a new name to make one", isUsage: true)
            }
            return ReportFolder(path: path)
        }
        let parent = HostPath.folder(of: path)
        let parentShown = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: parentShown, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(message: "cannot write the report: the folder \(shown) would be in '\(parentShown)', "
                            + "which does not exist",
                          help: "--report makes only the last folder of its path: create '\(parentShown)' first",
                          isUsage: true)
        }
        guard mkdir(path, 0o755) == 0 else {
            throw Failure(message: "cannot make the report folder \(shown): \(String(cString: strerror(errno)))",
                          help: "check the permissions of '\(parentShown)'")
        }
        return ReportFolder(path: path, made: true)
    }

    /// Writes `text` as the file `name` in the folder, replacing it.
    func write(_ text: String, named name: String) throws(Failure) {
        do throws(ExportSandbox.Refusal) {
            try ExportSandbox(folder: path).write(text, to: name)
        } catch {
            throw Failure(message: "cannot write the report into '\(path)': \(error.message)", help: error.help)
        }
    }
}
