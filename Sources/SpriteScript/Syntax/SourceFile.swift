import Synchronization

/// A script's text and name, shared by every span that points into it.
public final class SourceFile: Sendable {
    public let name: String
    public let text: String
    /// The text split into lines, without line terminators.
    public let lines: [String]

    /// Windows line endings are read as plain newlines: Swift treats "\r\n"
    /// as one character, which would otherwise hide every line break.
    public init(name: String, text: String) {
        self.name = name
        var scalars = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            if previousWasReturn && scalar != "\n" { scalars.append("\n") }
            previousWasReturn = scalar == "\r"
            if !previousWasReturn { scalars.append(scalar) }
        }
        if previousWasReturn { scalars.append("\n") }
        self.text = String(scalars)
        self.lines = self.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public func line(_ number: Int) -> String {
        lines.indices.contains(number - 1) ? lines[number - 1] : ""
    }

    /// The last line asked for by character: statements on one long line ask
    /// for it again and again, and a String only reaches a column by walking there.
    private let cachedLine = Mutex<(number: Int, characters: [Character])>((0, []))

    /// Line `number` as characters, so a column is one index away.
    public func characters(ofLine number: Int) -> [Character] {
        cachedLine.withLock { cache in
            if cache.number != number { cache = (number, Array(line(number))) }
            return cache.characters
        }
    }

    /// The text of line `number` from `column` up to `endColumn` (1-based, end exclusive), clipped to the line.
    public func text(line number: Int, from column: Int, to endColumn: Int) -> String {
        let characters = characters(ofLine: number)
        let start = min(max(0, column - 1), characters.count)
        let end = min(max(start, endColumn - 1), characters.count)
        return String(characters[start..<end])
    }
}

/// A range of one source line: 1-based line, 1-based columns, end exclusive.
public struct SourceSpan: Sendable {
    public let file: SourceFile
    public let line: Int
    public let column: Int
    public let endColumn: Int

    public init(file: SourceFile, line: Int, column: Int, endColumn: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.endColumn = max(endColumn, column + 1)
    }

    /// From the start of `self` to the end of `other` (clipped to one line).
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.line == line else {
            let lineEnd = file.characters(ofLine: line).count + 1
            return SourceSpan(file: file, line: line, column: column, endColumn: lineEnd)
        }
        return SourceSpan(file: file, line: line, column: column, endColumn: max(endColumn, other.endColumn))
    }

    public var location: String { "\(file.name):\(line):\(column)" }
}
