import SpriteScript

/// `sprite-shell help TOPIC` where TOPIC is not a command: the language's
/// help page, as `help TOPIC` prints it at the prompt.
enum HelpTopic {
    static let commands = ["run", "check", "test", "help"]

    /// The exit status if `arguments` (without the program name) asked for a
    /// language topic and it was answered; nil to let the argument parser go on.
    static func answer(_ arguments: [String]) -> ExitStatus? {
        guard arguments.count == 2, arguments[0] == "help", !commands.contains(arguments[1]),
              !arguments[1].hasPrefix("-") else { return nil }
        let width = Terminal.outputWidth
        switch LanguageHelp.page(arguments[1], width: width, commands: commands) {
        case .success(let page):
            StandardOutput.shared.write(page, to: .output)
            return StandardOutput.shared.finish(.ok)
        case .failure(let diagnostic):
            StandardOutput.shared.writeError(diagnostic.renderedLines(width: width).joined(separator: "\n"))
            return StandardOutput.shared.finish(.malformed)
        }
    }
}
