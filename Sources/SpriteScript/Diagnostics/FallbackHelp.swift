/// The help a diagnostic gets when the code that made it had none: the usage
/// of the statement it is about and the help page to read. Every error the
/// user sees then says what to write instead, even one no one wrote a hint for.
enum FallbackHelp {
    /// For an error outside any statement we can name.
    static let general = "type 'help' for the list of statements"

    /// `usage: seed N; see 'help seed'`, or nil for a word that is no statement.
    /// With `form`, the word written after the keyword (`show cache`), the lines
    /// of that form come first, so the one the user meant is never cut off.
    static func usage(of keyword: String, form: String? = nil) -> String? {
        guard let syntax = StatementRegistry.syntax(for: keyword) else { return nil }
        // A page covers several keywords (`read`, `write`): show the lines of this one.
        let own = syntax.help.usage.filter { $0 == keyword || $0.hasPrefix(keyword + " ") }
        var lines = own.isEmpty ? syntax.help.usage : own
        if let form {
            let formLines = lines.filter { $0.hasPrefix("\(keyword) \(form) ") || $0 == "\(keyword) \(form)" }
            lines = formLines + lines.filter { !formLines.contains($0) }
        }
        return "usage: " + lines.prefix(3).joined(separator: " | ") + "; see 'help \(keyword)'"
    }

    /// The word right after `keyword` on the diagnostic's line, if the line has one.
    static func form(after keyword: String, on span: SourceSpan?) -> String? {
        guard let span else { return nil }
        let words = String(span.file.characters(ofLine: span.line)).split(whereSeparator: \.isWhitespace)
        guard let index = words.firstIndex(where: { $0 == keyword }), index + 1 < words.count else { return nil }
        return String(words[index + 1])
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
        copy.help = keyword.flatMap { FallbackHelp.usage(of: $0, form: FallbackHelp.form(after: $0, on: span)) }
            ?? FallbackHelp.general
        return copy
    }
}
