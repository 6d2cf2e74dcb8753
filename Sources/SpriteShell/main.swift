import Foundation
import ArgumentParser
import SpriteScript

if let status = HelpTopic.answer(Array(CommandLine.arguments.dropFirst())) { exit(status.rawValue) }

// ArgumentParser reports usage errors with its own exit code; sprite-shell
// promises 2 for any malformed command line, so map it here.
do {
    var command = try SpriteShellCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SpriteShellCommand.exitCode(for: error)
    if code == .success {
        StandardOutput.shared.write(SpriteShellCommand.fullMessage(for: error), to: .output)
        exit(StandardOutput.shared.finish(.ok).rawValue)
    }
    if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }
    StandardOutput.shared.writeError(ParserMessage.fitted(SpriteShellCommand.fullMessage(for: error)))
    exit(StandardOutput.shared.finish(.malformed).rawValue)
}
