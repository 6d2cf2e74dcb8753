import SpriteKernel

/// The run's output in both formats at once, for `--report`: the text the terminal shows (`index.html`) and
/// the JSON lines `--format json` prints (`results.json`), whichever format the run itself prints in.
///
/// Each format is rendered from the same items, as the Reporter renders them, with the same output limit
/// counted in its own lines: so when no limit stops the run, each is byte for byte what a run in that format
/// prints.
final class ReportTranscript {
    /// One line as the terminal got it, and whether it went to standard error.
    struct Line: Equatable {
        var text: String
        var isError: Bool
    }

    private let text: any Renderer
    private let json: any Renderer = JSONRenderer()
    private(set) var textLines: [Line] = []
    /// Standard output of a JSON run: one object a line.
    private(set) var jsonLines: [String] = []
    private var textCount = 0
    private var jsonCount = 0
    /// The last echo's text and its first and past-the-end lines, and the text of the echo that began the
    /// output of the part under way: what titles a part (ReportParts).
    private(set) var lastEcho: (text: String, from: Int, to: Int)?
    private(set) var openingEcho: String?
    /// Where the part under way began its output.
    private var partBegins = 0
    /// Bytes kept of each format, and lines left out past `mostBytes`.
    private var textBytes = 0
    private var jsonBytes = 0
    private(set) var textLinesCut = 0
    private(set) var jsonLinesCut = 0

    /// Bytes of each format a report keeps, whatever the output limit lets a run print: so that a report's
    /// files stay far below what `test --report` lets a test's process write (HTMLReportFolder), escaping
    /// included. A report cut there says so in its output, where it was cut.
    static let defaultMostBytes = 4 << 20
    let mostBytes: Int

    /// The size kept, as the notes say it.
    private var keptSize: String { mostBytes >= 1 << 20 ? "\(mostBytes >> 20)MB" : "\(mostBytes) bytes" }

    init(width: Int, mostBytes: Int = defaultMostBytes) {
        text = TextRenderer(width: width)
        self.mostBytes = mostBytes
    }

    /// Keeps an item as both formats show it (`text` and `json`: the same item, but for a help page, laid out
    /// for each); `exempt` items (the summary, a limit's error) pass the limit.
    func record(text item: OutputItem, json jsonItem: OutputItem, context: RenderContext, limit: Int,
                exempt: Bool) {
        let before = textLines.count
        defer {
            if case .echo(_, let words) = item {
                lastEcho = (words, before, textLines.count)
                if before == partBegins && openingEcho == nil { openingEcho = words }
            }
        }
        for (line, stream) in text.render(item, context: context)
        where Self.admit(line, &textCount, limit: limit, exempt: exempt) {
            let escaped = TerminalText.escape(line)
            guard fits(escaped, &textBytes) else {
                if textLinesCut == 0 {
                    textLines.append(Line(text: "[the report keeps the first \(keptSize) of the output: the lines "
                                            + "after this one are not shown]", isError: true))
                }
                textLinesCut += 1
                continue
            }
            textLines.append(Line(text: escaped, isError: stream == .error))
        }
        for (line, stream) in json.render(jsonItem, context: context)
        where Self.admit(line, &jsonCount, limit: limit, exempt: exempt) && stream == .output {
            let escaped = TerminalText.escape(line)
            guard fits(escaped, &jsonBytes) else {
                if jsonLinesCut == 0 && textLinesCut == 0 {
                    textLines.append(Line(text: "[results.json keeps the first \(keptSize) of the JSON output: "
                                            + "what the run printed after this point is not in it]", isError: true))
                }
                jsonLinesCut += 1
                continue
            }
            jsonLines.append(escaped)
        }
    }

    /// A new part's output begins here.
    func beginPart() {
        partBegins = textLines.count
        openingEcho = nil
    }

    /// True, counting its bytes, when `line` fits in what the report keeps: once a line does not, none after
    /// it does either (the kept output is a prefix).
    private func fits(_ line: String, _ bytes: inout Int) -> Bool {
        guard bytes <= mostBytes else { return false }
        bytes += line.utf8.count + 1
        if bytes <= mostBytes { return true }
        bytes = mostBytes + 1
        return false
    }

    /// The Reporter's rule: a line counts once per `Reporter.lineBytes`, and none is kept past the limit.
    private static func admit(_ line: String, _ count: inout Int, limit: Int, exempt: Bool) -> Bool {
        count += max(1, (line.utf8.count + Reporter.lineBytes - 1) / Reporter.lineBytes)
        return count <= limit || exempt
    }

    /// `results.json`: what `--format json` prints on standard output.
    var jsonText: String { jsonLines.map { $0 + "\n" }.joined() }
}
