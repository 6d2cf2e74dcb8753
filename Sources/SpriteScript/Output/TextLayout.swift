/// Fits text to a width by breaking lines at spaces, with a hanging indent:
/// continuation lines start under the column where the line's text begins.
public enum TextLayout {
    /// Below this many columns beside a hanging indent, continuation lines
    /// hang at a small indent instead, so a narrow width still reads.
    static let minimumRoom = 24

    /// Breaks `line` at spaces so that no piece is wider than `width` where a
    /// word allows it (a word longer than the room is kept whole). The first
    /// `indent` characters are never broken, and continuation lines start with
    /// `indent` spaces. A width of 0 (or less) leaves the line as it is.
    /// `unbroken`: characters that stay on one line, as one word (a location
    /// such as `(<command line>:1:83)`).
    public static func wrap(_ line: String, width: Int, indent: Int, unbroken: Range<Int>? = nil) -> [String] {
        guard width > 0, line.count > width else { return [line] }
        let characters = Array(line)
        let hang = width - indent >= minimumRoom ? indent : min(indent, 4)
        let padding = String(repeating: " ", count: hang)
        var lines: [String] = []
        var start = 0
        // Leading spaces are never a place to break.
        var protected = min(max(indent, leadingSpaces(line)), characters.count)
        var room = width
        while characters.count - start > room {
            guard let cut = breakPoint(characters, after: protected, limit: start + room, unbroken: unbroken)
            else { break }
            var end = cut
            while end > start && characters[end - 1] == " " { end -= 1 }
            lines.append((lines.isEmpty ? "" : padding) + String(characters[start..<end]))
            start = cut
            while start < characters.count && characters[start] == " " { start += 1 }
            protected = start
            room = width - hang
        }
        if start < characters.count { lines.append((lines.isEmpty ? "" : padding) + String(characters[start...])) }
        return lines
    }

    /// The space to break at: the last one that keeps the piece within
    /// `limit`, else the first one after it (a word wider than the room).
    private static func breakPoint(_ characters: [Character], after protected: Int, limit: Int,
                                   unbroken: Range<Int>?) -> Int? {
        func isBreak(_ index: Int) -> Bool { characters[index] == " " && unbroken?.contains(index) != true }
        var index = min(limit, characters.count - 1)
        while index > protected {
            if isBreak(index) { return index }
            index -= 1
        }
        index = max(limit + 1, protected + 1)
        while index < characters.count {
            if isBreak(index) { return index }
            index += 1
        }
        return nil
    }

    /// Leading spaces of a line.
    static func leadingSpaces(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// Where a free-text line's continuation lines start: prose (no indent)
    /// stays at the margin; an indented line hangs under its second column
    /// (text after a gap of two or more spaces, as in "  unix   a read …")
    /// if it has one near the start, else two columns in from its own indent.
    public static func hangingIndent(_ line: String) -> Int {
        let leading = leadingSpaces(line)
        guard leading > 0 else { return 0 }
        let characters = Array(line.prefix(40))
        var index = leading
        while index + 2 < characters.count {
            if characters[index] == " " && characters[index + 1] == " " {
                var end = index
                while end < characters.count && characters[end] == " " { end += 1 }
                if end < characters.count { return end }
                break
            }
            index += 1
        }
        return leading + 2
    }
}
