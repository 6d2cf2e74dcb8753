/// The language's help pages for the command line: `sprite-shell help rpc`
/// prints what `help rpc` prints at the prompt.
public enum LanguageHelp {
    /// The page for `topic` (a statement's keyword or a help topic) fitted to
    /// `width`; for an unknown topic, a usage diagnostic naming the nearest one.
    /// `commands`: the shell's own subcommands, offered as suggestions too.
    public static func page(_ topic: String, width: Int, commands: [String]) -> Result<String, Diagnostic> {
        if let entry = HelpStatement.entry(for: topic) { return .success(HelpStatement.page(entry, width: width)) }
        let words = commands + StatementRegistry.keywords + StatementRegistry.helpEntries.map(\.topic)
        let shown = String(topic.prefix(Suggestions.maximumLength))
        return .failure(Diagnostic(.usage, "no command or help topic '\(shown)'"
                                   + Suggestions.didYouMean(topic, among: words), at: nil,
                                   help: "'sprite-shell --help' lists the commands; "
                                   + "'sprite-shell -c help' lists the statements and topics"))
    }
}
