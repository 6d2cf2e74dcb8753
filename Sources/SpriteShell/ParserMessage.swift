import SpriteScript

/// The argument parser's messages (`Error: …`, `Help:  --seed <seed>  …`)
/// fitted to the output's width like the shell's own text.
enum ParserMessage {
    /// Continuation lines start under the text after `Error: ` and its kin.
    static let labelWidth = 7

    static func fitted(_ message: String, width: Int = Terminal.outputWidth) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).flatMap { piece -> [String] in
            let line = String(piece)
            let labelled = ["Error: ", "Help:  ", "Usage: "].contains { line.hasPrefix($0) }
            return TextLayout.wrap(line, width: width, indent: labelled ? labelWidth : TextLayout.hangingIndent(line))
        }.joined(separator: "\n")
    }
}
