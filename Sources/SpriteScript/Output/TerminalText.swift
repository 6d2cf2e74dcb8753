/// Text made safe for a terminal. A script decides what `echo` prints, what
/// a file holds and what a name or string in a diagnostic says; none of that
/// may drive the terminal (ESC sequences, BEL) or forge a line of output (an
/// embedded newline printing a fake `expect  ok`). Every control character —
/// C0, DEL and C1 — is shown as a JSON string shows it, the notation quoted
/// file contents and JSON output already use: `\b \f \n \r \t` by name, any
/// other as `\u` and four lowercase hex digits (`\u001b` for ESC, `\u007f`,
/// `\u009b`). A backslash is left as it is.
public enum TerminalText {
    /// `text` on one line, every control character escaped.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
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

    /// A quick look at the bytes: most lines hold no control character.
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            // C1 controls are U+0080...U+009F: 0xC2 then 0x80...0x9F in UTF-8.
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte <= 0x9F && byte >= 0x80) { return true }
            previous = byte
        }
        return false
    }
}
