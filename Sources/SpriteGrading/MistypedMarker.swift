import SpriteScript

/// A header comment that was meant as a setting but whose marker is not `# test:` exactly: `# Test: hidden`,
/// `# tests: hidden`, `# test hidden`, `# test : points 3`. Read as a plain comment it would silently do
/// nothing (a hidden test shown to students, its points lost), so the header reports it instead.
///
/// A comment is taken for a mistyped marker when its first word is `test` or `tests` in any case and is
/// followed by a colon, or by the name of a setting. Prose such as `# Test that a read is stale` is not.
struct MistypedMarker {
    /// 0-based characters of the marker as written (`Test:`, `test`).
    let range: Range<Int>
    /// The setting and its value as written after the marker.
    let setting: String

    static func find(in characters: [Character], from start: Int) -> MistypedMarker? {
        var index = start
        while index < characters.count, characters[index].isASCII, characters[index].isLetter { index += 1 }
        let word = String(characters[start..<index]).lowercased()
        guard word == "test" || word == "tests" else { return nil }
        var next = index
        while next < characters.count, characters[next] == " " || characters[next] == "\t" { next += 1 }
        if next < characters.count, characters[next] == ":" {
            return MistypedMarker(range: start..<(next + 1), setting: rest(characters, from: next + 1))
        }
        let setting = rest(characters, from: next)
        let key = setting.prefix { $0 != " " && $0 != "\t" }
        guard next > index, TestHeader.keys.contains(String(key)) else { return nil }
        return MistypedMarker(range: start..<index, setting: setting)
    }

    private static func rest(_ characters: [Character], from offset: Int) -> String {
        String(characters[min(offset, characters.count)...]).trimmingSpaces
    }

    func diagnostic(_ file: SourceFile, line: Int, hash: Int) -> Diagnostic {
        let example = "# " + TestHeader.marker + (setting.isEmpty ? " points 5" : " " + setting)
        return Diagnostic(.check, "this comment looks like a test setting, but a setting's line starts with '# "
                          + TestHeader.marker + "' exactly (lower case, the colon right after 'test')",
                          at: TestHeader.span(file, line, hash, range.upperBound),
                          help: "write '\(example)', or reword the comment if it is not a setting")
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
