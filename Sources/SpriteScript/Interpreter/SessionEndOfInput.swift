/// The prompt's input ending (Ctrl-D) while a block or a continued statement
/// is unfinished: say what is dropped rather than leave silently.
extension Session {
    /// Reports that `pending`, the input typed since the last statement ran,
    /// is abandoned unfinished, and returns the exit status for that.
    public func abandonUnfinished(_ pending: SourceFile) -> ExitStatus {
        let balance = InputBalance(of: pending.text)
        let lines = max(1, pending.lines.count)
        if let brace = balance.openBraces.last {
            let span = SourceSpan(file: pending, line: brace.line, column: brace.column, endColumn: brace.column + 1)
            interpreter.emit(.diagnostic(Diagnostic(
                .incomplete, "unfinished block abandoned at end of input: nothing in it ran", at: span,
                help: "close the block with '}' before leaving", severity: .warning)))
        } else {
            let last = pending.line(lines)
            let span = SourceSpan(file: pending, line: lines, column: max(1, last.count), endColumn: last.count + 1)
            interpreter.emit(.diagnostic(Diagnostic(
                .incomplete, "unfinished statement abandoned at end of input: the line ends with '\\'", at: span,
                help: "a '\\' at the end of a line waits for the rest of the statement on the next line",
                severity: .warning)))
        }
        return .malformed
    }
}
