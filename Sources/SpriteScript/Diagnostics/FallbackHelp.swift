/// The help a diagnostic gets when the code that made it had none: the usage
/// of the statement it is about and the help page to read. Every error the
/// user sees then says what to write instead, even one no one wrote a hint for.
enum FallbackHelp {
    /// For an error outside any statement we can name.
    static let general = "type 'help' for the list of statements"

    /// `usage: seed N; see 'help seed'`, or nil for a word that is no statement.
    static func usage(of keyword: String) -> String? {
        guard let syntax = StatementRegistry.syntax(for: keyword) else { return nil }
        // A page covers several keywords (`read`, `write`): show the lines of this one.
        let own = syntax.help.usage.filter { $0 == keyword || $0.hasPrefix(keyword + " ") }
        let lines = (own.isEmpty ? syntax.help.usage : own).prefix(3)
        return "usage: " + lines.joined(separator: " | ") + "; see 'help \(keyword)'"
    }

    /// The keyword a statement's span begins with: its first word as written.
    static func keyword(at span: SourceSpan) -> String {
        let line = span.file.characters(ofLine: span.line)
        let characters = line.dropFirst(max(0, span.column - 1))
        return String(characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }
}

extension Diagnostic {
    /// Self with the statement's usage as help, if it had none.
    func withFallbackHelp(statement keyword: String?) -> Diagnostic {
        guard help == nil else { return self }
        var copy = self
        copy.help = keyword.flatMap(FallbackHelp.usage(of:)) ?? FallbackHelp.general
        return copy
    }
}
