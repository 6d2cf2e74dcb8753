import SpriteScript

/// What a test's header asks for; nil: the command line's default.
public struct TestSettings: Sendable, Equatable {
    public var points: Points?
    /// Wall-clock nanoseconds before the test's process is killed.
    public var timeout: Int64?
    /// Its output and diff are not shown to students.
    public var hidden = false
    public var description: String?
    /// Limits the test lowers (or sets) for itself; the command line's values are a ceiling over them.
    public var limits: [Limits.Name: Int64] = [:]
    public var seed: UInt64?
    /// The exit status the run must end with: 1 for a test whose expects must fail.
    public var expectedStatus: Int32?

    public init() {}
}

/// The header of a test: `# test: KEY VALUE` lines in the comment block at the top of the script.
///
///     # test: points 5
///     # test: timeout 10s
///     # test: hidden
///     # test: description Stale read after a delayed write
///     # test: limit events=1000000, memory=2000000
///     # test: seed 7
///     # test: expect-status 1
///
/// Other comments may sit among them. A `# test:` line below the first statement is an error, and so is
/// a mistyped marker in the header (`# Test: hidden`, MistypedMarker), so a setting never silently does
/// nothing. A byte order mark before the first line is skipped.
public enum TestHeader {
    public static let keys = ["points", "timeout", "hidden", "description", "limit", "seed", "expect-status"]
    /// The longest timeout a header or `--timeout` may ask for: 30 minutes, below the `wall` limit's own
    /// ceiling, so that a test's wall limit can always follow its timeout (GradingRun.childLimitArguments).
    public static let maxTimeout: Int64 = 1_800_000_000_000
    /// "up to 30min", as messages name the maximum.
    public static var maxTimeoutText: String { Limits.formatted(.wall, maxTimeout) }
    static let marker = "test:"

    /// The settings, or the first thing wrong with the header.
    public static func parse(_ file: SourceFile) -> Result<TestSettings, Diagnostic> {
        var settings = TestSettings()
        var firstLine: [String: Int] = [:]
        var inHeader = true
        for (index, line) in file.lines.enumerated() {
            let number = index + 1
            let characters = Array(line)
            // A byte order mark (an editor's, before the first line) is not text: the header starts after it.
            let start = characters.firstIndex { $0 != " " && $0 != "\t" && !(number == 1 && $0 == "\u{FEFF}") }
                ?? characters.count
            guard start < characters.count else { continue }
            guard characters[start] == "#" else {
                inHeader = false
                continue
            }
            var column = start + 1
            while column < characters.count, characters[column] == " " || characters[column] == "\t" { column += 1 }
            guard String(characters[column...]).hasPrefix(marker) else {
                if inHeader, let mistyped = MistypedMarker.find(in: characters, from: column) {
                    return .failure(mistyped.diagnostic(file, line: number, hash: start))
                }
                continue
            }
            let markerSpan = span(file, number, start, column + marker.count)
            guard inHeader else {
                return .failure(Diagnostic(.check, "test settings are read only from the comment block at the top "
                                           + "of the file", at: markerSpan,
                                           help: "move this line above the first statement"))
            }
            let setting = Setting(file: file, line: number, characters: characters, from: column + marker.count)
            if let first = firstLine[setting.key] {
                return .failure(Diagnostic(.check, "'\(setting.key)' is set twice; it was set on line \(first)",
                                           at: setting.keySpan, help: "keep one '# test: \(setting.key)' line"))
            }
            do throws(Diagnostic) {
                try apply(setting, to: &settings)
            } catch {
                return .failure(error)
            }
            firstLine[setting.key] = number
        }
        return .success(settings)
    }

    /// One `# test: KEY VALUE` line taken apart, with the columns of its parts.
    struct Setting {
        let file: SourceFile
        let line: Int
        let key: String
        let keySpan: SourceSpan
        let value: String
        /// 0-based index of the value's first character in the line.
        let valueStart: Int

        init(file: SourceFile, line: Int, characters: [Character], from offset: Int) {
            var index = offset
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            let keyStart = index
            while index < characters.count, characters[index] != " " && characters[index] != "\t" { index += 1 }
            let keyEnd = index
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            var end = characters.count
            while end > index, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
            self.file = file
            self.line = line
            key = String(characters[keyStart..<keyEnd])
            keySpan = TestHeader.span(file, line, keyStart, max(keyEnd, keyStart + 1))
            value = String(characters[index..<end])
            valueStart = index
        }

        var valueSpan: SourceSpan {
            value.isEmpty ? TestHeader.span(file, line, valueStart, valueStart + 1)
                : TestHeader.span(file, line, valueStart, valueStart + value.count)
        }

        func span(from offset: Int, count: Int) -> SourceSpan {
            TestHeader.span(file, line, valueStart + offset, valueStart + offset + max(1, count))
        }

        func error(_ message: String, help: String) -> Diagnostic {
            Diagnostic(.check, message, at: valueSpan, help: help)
        }
    }

    private static func apply(_ setting: Setting, to settings: inout TestSettings) throws(Diagnostic) {
        guard keys.contains(setting.key) else {
            let shown = setting.key.isEmpty ? "a test setting is missing its name"
                : "unknown test setting '\(setting.key)'" + Suggestions.didYouMean(setting.key, among: keys)
            throw Diagnostic(.check, shown, at: setting.keySpan, help: "settings: " + keys.joined(separator: ", "))
        }
        if setting.key == "hidden" {
            guard setting.value.isEmpty else {
                throw setting.error("'hidden' takes no value", help: "write '# test: hidden' alone")
            }
            settings.hidden = true
            return
        }
        guard !setting.value.isEmpty else {
            throw setting.error("'\(setting.key)' needs a value", help: "as in '# test: \(example(setting.key))'")
        }
        let value = setting.value
        switch setting.key {
        case "points":
            guard let points = Points(parsing: value) else {
                throw setting.error("points takes a number like 5 or 2.5 (at most two decimals), not '\(value)'",
                                    help: "as in '# test: points 5'")
            }
            settings.points = points
        case "timeout":
            guard let timeout = Limits.unclippedValue(of: .wall, from: value), timeout <= maxTimeout else {
                throw setting.error("timeout takes a duration like 10s or 2min, up to \(maxTimeoutText), not "
                                    + "'\(value)'",
                                    help: "as in '# test: timeout 10s'")
            }
            settings.timeout = timeout
        case "description":
            settings.description = value
        case "limit":
            settings.limits = try limits(setting)
        case "seed":
            guard let seed = UInt64(value) else {
                throw setting.error("seed takes a whole number from 0 to \(UInt64.max), not '\(value)'",
                                    help: "as in '# test: seed 7'")
            }
            settings.seed = seed
        default:
            guard let status = Int32(value), (0...4).contains(status) else {
                throw setting.error("expect-status takes an exit status from 0 to 4, not '\(value)'",
                                    help: "0 ok, 1 an expect failed, 2 malformed, 3 runtime error, 4 a limit")
            }
            settings.expectedStatus = status
        }
    }

    /// `events=1000000, memory=2000000`: each limit by its `--limit` name and value.
    private static func limits(_ setting: Setting) throws(Diagnostic) -> [Limits.Name: Int64] {
        var limits: [Limits.Name: Int64] = [:]
        let names = Limits.Name.allCases.map(\.rawValue)
        var offset = 0
        for item in setting.value.split(separator: ",", omittingEmptySubsequences: false) {
            defer { offset += item.count + 1 }
            let leading = item.prefix { $0 == " " || $0 == "\t" }.count
            let text = item.dropFirst(leading).reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            let entry = String(text)
            let span = setting.span(from: offset + leading, count: entry.count)
            guard let equals = entry.firstIndex(of: "=") else {
                throw Diagnostic(.check, "limit takes NAME=VALUE pairs separated by commas, not '\(entry)'",
                                 at: span, help: "as in '# test: limit events=1000000, wall=10s'")
            }
            let word = String(entry[..<equals])
            let valueText = String(entry[entry.index(after: equals)...])
            guard let name = Limits.Name(rawValue: word) else {
                throw Diagnostic(.check, "unknown limit '\(word)'" + Suggestions.didYouMean(word, among: names),
                                 at: setting.span(from: offset + leading, count: word.count),
                                 help: "limits: " + names.joined(separator: " "))
            }
            guard let value = Limits.value(of: name, from: valueText) else {
                let valueSpan = setting.span(from: offset + leading + word.count + 1, count: valueText.count)
                throw Diagnostic(.check, "limit \(word) takes \(Limits.example(of: name)) greater than zero, "
                                 + "not '\(valueText)'", at: valueSpan, help: "as in '# test: limit \(word)="
                                    + Limits.formatted(name, Limits()[name]) + "'")
            }
            guard limits[name] == nil else {
                throw Diagnostic(.check, "limit \(word) is given twice", at: span, help: "keep one value")
            }
            limits[name] = value
        }
        return limits
    }

    private static func example(_ key: String) -> String {
        switch key {
        case "points": "points 5"
        case "timeout": "timeout 10s"
        case "description": "description Stale read after a delayed write"
        case "limit": "limit events=1000000, memory=2000000"
        case "seed": "seed 7"
        default: "expect-status 1"
        }
    }

    /// A span over 0-based characters `start..<end` of line `line`.
    static func span(_ file: SourceFile, _ line: Int, _ start: Int, _ end: Int) -> SourceSpan {
        SourceSpan(file: file, line: line, column: start + 1, endColumn: end + 1)
    }
}
