import Foundation
import ArgumentParser

// ArgumentParser reports usage errors with its own exit code; sprite-shell
// promises 2 for any malformed command line, so map it here.
do {
    var command = try SpriteShellCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SpriteShellCommand.exitCode(for: error)
    if code == .success {
        print(SpriteShellCommand.fullMessage(for: error))
        exit(0)
    }
    if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }
    StandardOutput.shared.writeError(SpriteShellCommand.fullMessage(for: error))
    exit(2)
}
