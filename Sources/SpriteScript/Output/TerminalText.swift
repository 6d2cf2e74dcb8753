/// Text made safe for a terminal. A script decides what `echo` prints, what
/// a file holds and what a name or string in a diagnostic says; none of that
/// may drive the terminal (ESC sequences, BEL) or forge a line of output (an
/// embedded newline printing a fake `expect  ok`). Every control character —
/// C0, DEL and C1 — is shown as a JSON string shows it, the notation quoted
/// file contents and JSON output already use: `\b \f \n \r \t` by name, any
/// other as `\u` and four lowercase hex digits (`\u001b` for ESC, `\u007f`,
/// `\u009b`). Invisible format characters (Unicode category Cf: U+200B zero
/// width space, U+200D joiner, U+202E bidi override, U+00AD soft hyphen) and
/// the line and paragraph separators U+2028 and U+2029 are escaped the same
/// way (`\u200b`): they could hide text or reorder a line. A backslash is
/// left as it is.
public enum TerminalText {
    /// `text` on one line, every control character escaped.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) || isInvisible(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// Several lines (a help page, a message from the argument parser): split
    /// at its newlines, then each line escaped.
    public static func lines(_ text: String) -> [String] {
        guard needsEscaping(text) else { return [text] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
    }

    /// One character of a source line as a diagnostic shows it: a tab as four
    /// spaces (it is layout, and the caret must line up), any other control
    /// character escaped.
    static func sourceCharacter(_ character: Character) -> String {
        character == "\t" ? "    " : escape(String(character))
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A format character or a line or paragraph separator: nothing to see, but it changes what is seen.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.properties.generalCategory == .format
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        default:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// A quick look at the bytes: most lines hold no control character, and
    /// only text beyond ASCII needs its scalars looked at.
    private static func needsEscaping(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.unicodeScalars.contains { isControl($0) || isInvisible($0) }
    }
}
