import Foundation

/// Where `export` may write: only inside the folder the command line named with `--export-dir DIR`; without
/// it, nowhere. A relative path is taken from that folder. As for `load` (SourceSandbox), a path is judged
/// by where it really leads, so neither `..` nor a symbolic link can write elsewhere on the host, and a
/// refusal never says whether a file outside exists.
struct ExportSandbox {
    /// Why an export may not write where it asked, worded for the script's author.
    struct Refusal: Error {
        let message: String
        let help: String
    }

    let folder: String?

    /// The file an export of `path` would write, judged before anything runs: a refusal when it lies
    /// outside the export folder, or its folder does not exist.
    func resolve(_ path: String) throws(Refusal) -> String {
        let shown = "'\(path)'"
        guard let folder else {
            throw Refusal(message: "cannot export \(shown): the command line allowed no folder for exports",
                          help: "run with --export-dir DIR to let export write files under DIR "
                            + "(--export-dir . for the current folder)")
        }
        guard !path.isEmpty, !path.contains("\0"), !path.hasSuffix("/") else {
            throw Refusal(message: "cannot export \(shown): it is not a file name", help: "give a name like run.svg")
        }
        let root = SourceSandbox.absolute(folder.isEmpty ? "." : folder)
        let spelled = SourceSandbox.absolute(path.hasPrefix("/") ? path : HostPath.join(root, path))
        let outside = Refusal(message: "cannot export \(shown): it is outside the folder exports may write (\(folder))",
                              help: "give a path inside \(folder), like \(HostPath.lastComponent(of: path))")
        guard let realRoot = SourceSandbox.realPath(root) else {
            throw Refusal(message: "cannot export \(shown): the export folder \(folder) does not exist",
                          help: "create it, or give --export-dir an existing folder")
        }
        guard spelled != root, SourceSandbox.contains(root, spelled) || SourceSandbox.contains(realRoot, spelled)
        else { throw outside }
        let parent = HostPath.folder(of: spelled)
        guard let realParent = SourceSandbox.realPath(parent) else {
            // Say nothing of a folder that a link leads out to.
            if let ancestor = SourceSandbox.realAncestor(of: spelled), !SourceSandbox.contains(realRoot, ancestor) {
                throw outside
            }
            throw Refusal(message: "cannot export \(shown): its folder does not exist",
                          help: "create the folder inside \(folder) first, or write beside the others")
        }
        guard SourceSandbox.contains(realRoot, realParent) else { throw outside }
        let file = HostPath.join(realParent, HostPath.lastComponent(of: spelled))
        try Self.refuseExisting(file, shown: shown)
        return file
    }

    /// An existing name an export may not replace, judged before anything runs (`write` checks again, as
    /// the file may change meanwhile): a link (never followed, and its target is not named), a folder, or
    /// anything else that is not a regular file.
    private static func refuseExisting(_ file: String, shown: String) throws(Refusal) {
        var status = stat()
        guard lstat(file, &status) == 0 else { return }
        let help = "export to a new name, or remove it first"
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: throw Refusal(message: "cannot export \(shown): it is a symbolic link", help: help)
        case S_IFDIR: throw Refusal(message: "cannot export \(shown): it is a folder", help: help)
        default: throw Refusal(message: "cannot export \(shown): it is not a regular file", help: help)
        }
    }

    /// Writes `text` to the file `path` resolves to, replacing its directory entry (ReplacingFile): never
    /// through a symbolic link, never into a hard link's other names, never into a FIFO or a device.
    func write(_ text: String, to path: String) throws(Refusal) {
        let file = try resolve(path)
        let written = ReplacingFile.write(text, root: HostPath.folder(of: file),
                                          relative: HostPath.lastComponent(of: file))
        if case .failure(let failure) = written {
            throw Refusal(message: "cannot write '\(path)': \(failure.reason)",
                          help: "check the folder's permissions and the space left on the disk, and that the name "
                            + "is not a folder")
        }
    }
}
