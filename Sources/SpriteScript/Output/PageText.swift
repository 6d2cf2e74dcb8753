/// Text put into a report's pages (`run --report` and `test --report` alike): first every control, bidi or
/// invisible character shown as an escape (TerminalText), so a name or an output line can neither hide nor
/// reverse nor forge part of the page; then XML's markup characters as character references (SVGWriter),
/// safe in content and in quoted attributes of HTML and XHTML.
public enum PageText {
    /// `text` on one line, for a cell, a heading, a title or an attribute.
    public static func escape(_ text: String) -> String { SVGWriter.escape(TerminalText.escape(text)) }

    /// Markup characters only, for text whose other characters are already escaped (a `<pre>` block's lines).
    public static func markup(_ text: String) -> String { SVGWriter.escape(text) }
}
