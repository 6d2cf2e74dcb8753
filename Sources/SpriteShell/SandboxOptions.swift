import ArgumentParser
import Foundation
import SpriteScript

/// `--allow-path DIR`: folders beyond the script's own that `load` may read.
struct SandboxOptions: ParsableArguments {
    @Option(name: .customLong("allow-path"), help: ArgumentHelp(
        "Let 'load' read scripts in this folder too (repeatable). Without it 'load' reads only the folder of "
            + "the script being run, or the current directory for -c, standard input and the prompt.",
        valueName: "DIR"))
    var allowedFolders: [String] = []

    @Option(name: .customLong("export-dir"), help: ArgumentHelp(
        "Let 'export' write pictures into this folder (relative names are taken from it). Without it every "
            + "export is refused.", valueName: "DIR"))
    var exportFolder: String?

    func validate() throws {
        if let exportFolder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: exportFolder, isDirectory: &isDirectory),
                  isDirectory.boolValue else {
                throw ValidationError("--export-dir: '\(exportFolder)' is not a folder")
            }
        }
        for folder in allowedFolders {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
            guard exists, isDirectory.boolValue else {
                throw ValidationError("--allow-path: '\(folder)' is not a folder")
            }
        }
    }

    /// The sandbox for a script read from `path`; nil for -c, standard input and the prompt.
    func sandbox(forScript path: String?) -> SourceSandbox {
        SourceSandbox(scriptFolder: path.map(HostPath.folder),
                      allowedFolders: allowedFolders)
    }
}
