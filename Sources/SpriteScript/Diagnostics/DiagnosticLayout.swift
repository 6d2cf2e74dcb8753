extension Diagnostic {
    /// Where a wrapped `help:` line continues: under the text after "  help: ".
    static let helpIndent = 8

    /// The rendered lines fitted to `width` (0: unbroken): the `help:` line
    /// wraps with a hanging indent. The `file:line:col: error:` line stays
    /// whole for editors that jump to it, and the source line and its caret
    /// too, since the caret must stay under the span.
    public func renderedLines(width: Int) -> [String] {
        var lines = renderedLines
        guard width > 0, help != nil, let last = lines.popLast() else { return renderedLines }
        return lines + TextLayout.wrap(last, width: width, indent: Self.helpIndent)
    }
}
