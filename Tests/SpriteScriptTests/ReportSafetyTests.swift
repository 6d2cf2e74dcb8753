import Foundation
@testable import SpriteKernel
@testable import SpriteScript
import Testing

/// A sink that takes every line but loses them when flushed, as a buffered standard output on a full disk.
private final class FailingOnFlushSink: OutputSink {
    private(set) var hasFailed = false
    func write(_ line: String, to stream: OutputChannel) {}
    func flush() { hasFailed = true }
}

/// `run --report DIR` where names clash or mislead and output fails late: each chart its own file, names on
/// the page with bidi characters escaped as grading's pages escape them, no report saying the wrong exit
/// status, and output past what a report keeps said to be cut.
@Suite("the run report's edges")
struct ReportSafetyTests {
    /// Two sweeps whose names both become `_` in a file name (é and è), each drawing the same fields.
    static let clashingSweeps = ["é", "è"].map { name in
        """
        sweep \(name) {
          choose policy write-through, write-on-close
          cluster {
            network ethernet preset sprite-1988 topology switched
            server fs1 memory 32MB disk 20ms
            workstation ws1 memory 8MB diskless
          }
          domain / on fs1
          cache client policy $policy
          at 1s { on ws1 { open /log rw; write "entry 1"; close } }
          at 2s { on ws1 { open /draft rw; write "half a thought" } }
          at 10s { crash ws1 }
        }
        """
    }.joined(separator: "\n")

    @Test("two charts whose names clash get a file each, numbered in order, each linked once")
    func chartNames() throws {
        let folder = try ExportFolder()
        #expect(ReportHarness.run(Self.clashingSweeps, folder: folder.path).status == .ok)
        let page = try folder.read("index.html")
        let charts = page.components(separatedBy: "href=\"").dropFirst()
            .compactMap { $0.split(separator: "\"").first.map(String.init) }.filter { $0.hasPrefix("chart-") }
        // Each chart is linked twice (the Files line and under the chart), each file name once per place.
        let names = Set(charts)
        #expect(charts.count == 2 * names.count && names.count >= 2, "\(charts)")
        for name in names { #expect(folder.exists(name), "\(name)") }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("chart-") }
        #expect(Set(files) == names)
        // The rule by hand: the second of two equal names gets -2, a third -3.
        let picture = RunReport.Picture(file: "chart-_-x.svg", title: "", svg: "")
        let unique = RunReport.uniqueFiles([picture, picture, picture]).map(\.file)
        #expect(unique == ["chart-_-x.svg", "chart-_-x-2.svg", "chart-_-x-3.svg"])
    }

    @Test("a bidi character in the script's name is escaped on the page, as the grading pages escape it")
    func bidiName() throws {
        let folder = try ExportFolder()
        var options = ScriptHarness.options()
        options.reportFolder = folder.path
        let session = Session(options: options, sink: BufferSink())
        let name = "evil\u{202E}ltfx.sprite"
        #expect(session.runScript(SourceFile(name: name, text: ReportHarness.jackAndJill)) == .ok)
        let page = try folder.read("index.html")
        #expect(!page.contains("\u{202E}"))
        #expect(page.contains("<h1>evil\\u202eltfx.sprite</h1>"))
        // One escaping for both reports: PageText.
        #expect(ReportMarkup.escape("a\u{202E}<'\"&\u{7}") == PageText.escape("a\u{202E}<'\"&\u{7}"))
        #expect(PageText.escape("a\u{202E}<'\"&") == "a\\u202e&lt;&apos;&quot;&amp;")
    }

    @Test("output lost when flushed: exit status 5 and no report (the page would say another status)")
    func outputLostAtFlush() throws {
        let parent = try ExportFolder()
        let path = HostPath.join(parent.path, "report")
        var options = ScriptHarness.options()
        options.reportFolder = path
        let session = Session(options: options, sink: FailingOnFlushSink())
        #expect(session.runScript(ScriptHarness.file(ReportHarness.jackAndJill)) == .outputFailed)
        // The folder made for the report is removed again, as nothing was written in it.
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("output past what a report keeps: cut there, and the page says how much is left out")
    func transcriptCut() {
        // 100 bytes a format: "one", "two" and "three" take 4 + 4 + 6 bytes of text (a newline each), then
        // lines of 40 characters (41 bytes): two more fit (14 + 82 = 96), the third passes 100 and none after.
        let transcript = ReportTranscript(width: 80, mostBytes: 100)
        let context = RenderContext(simulation: Simulation(), labels: [:])
        let lines = ["one", "two", "three"] + Array(repeating: String(repeating: "x", count: 40), count: 5)
        for line in lines {
            transcript.record(text: .text(line), json: .text(line), context: context, limit: 1_000, exempt: false)
        }
        let shown = transcript.textLines
        #expect(transcript.textLinesCut == 3)
        #expect(shown.filter { !$0.isError }.map(\.text) == Array(lines.prefix(5)))
        #expect(shown.last == ReportTranscript.Line(text: "[the report keeps the first 100 bytes of the output: the "
                                                    + "lines after this one are not shown]", isError: true))
        // JSON lines are longer: results.json is cut first, and the output says where.
        #expect(transcript.jsonLinesCut > 0)
        #expect(shown.contains { $0.isError && $0.text.hasPrefix("[results.json keeps the first 100 bytes") })
        #expect(transcript.jsonText.utf8.count <= 100)
    }
}
