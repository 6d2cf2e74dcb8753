import BrowserTesting
import Foundation
@testable import SpriteScript
import Testing

/// The pictures opened in headless Chromium, checked as a person would look at them: the page loads with no
/// error, the elements are there in the numbers the run says, nothing covers an axis label, and the
/// screenshot is not blank. Skipped (with a printed reason) where chromium is missing, except under CI.
@Suite("Pictures in a browser", .serialized)
struct BrowserPictureTests {
    static func write(_ text: String, _ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("pictures-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("the timeline: no errors, three bars and one arrow, labels clear of bars, the arrow between the rows")
    func timeline() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let (text, _) = try TimelinePictureTests.picture(TimelinePictureTests.twoHosts)
        let file = try Self.write(text, "timeline.svg")
        let facts = try BrowserCheck.inspect(file, classes: ["bar", "move-arrow", "lane-label", "axis-label"],
                                             width: 980, height: 240, browser: browser)
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.console.isEmpty, "\(facts.console)")
        #expect(facts.counts == ["bar": 3, "move-arrow": 1, "lane-label": 2, "axis-label": 9])
        for other in ["bar", "move-arrow", "lane-label"] {
            #expect(facts.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        #expect(facts.overlaps("lane-label", "bar").isEmpty, "row labels covered by bars")
        // Layout from the boxes the browser computed: the SVG is drawn at its own size (960 wide), the arrow
        // runs down from ws1's row to ws2's (its box within the two rows' bars), and the axis labels lie under
        // every bar, left to right in time order.
        let svg = try #require(facts.svgBoxes.first)
        #expect(abs(svg.width - 960) < 1)
        let bars = facts.boxes["bar"] ?? []
        let arrow = try #require(facts.boxes["move-arrow"]?.first)
        let barTops = bars.map(\.y), barBottoms = bars.map { $0.y + $0.height }
        #expect(arrow.y >= (barTops.min() ?? 0) && arrow.y + arrow.height <= (barBottoms.max() ?? 0))
        #expect(arrow.height > 20, "the arrow crosses from one row to the next")
        let labels = facts.boxes["axis-label"] ?? []
        #expect(labels.allSatisfy { $0.y > (barBottoms.max() ?? 0) })
        let ticks = labels.dropLast().map(\.x)
        #expect(ticks == ticks.sorted())
        #expect(facts.screenshotInked > 0.02, "\(facts.screenshotInked)")
        #expect(facts.screenshotColours > 4, "\(facts.screenshotColours)")
    }

    @Test("the sequence diagram: an arrow per delivered message, a cross per lost one, no label covered")
    func sequenceDiagram() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        let result = PictureHarness.run(PictureHarness.lossScenario + "\nexport diagram \"run.svg\"",
                                        folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let file = URL(fileURLWithPath: HostPath.join(folder.path, "run.svg"))
        let facts = try BrowserCheck.inspect(file, classes: ["arrow", "lost", "cross", "lane-label", "axis-label"],
                                             width: 1000, height: 900, browser: browser)
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.console.isEmpty, "\(facts.console)")
        // PictureHarness.lossScenario, by hand: two RPCs get through, a request and a reply each (4 arrows);
        // the partitioned call's request is dropped on each of its 3 attempts (3 lost lines, 3 crosses).
        #expect(facts.counts["arrow"] == 4, "\(facts.counts)")
        #expect(facts.counts["lost"] == 3 && facts.counts["cross"] == 3, "\(facts.counts)")
        #expect(facts.counts["lane-label"] == 3, "fs1, ws1, ws2: \(facts.counts)")
        for other in ["arrow", "lost", "cross", "lane-label"] {
            #expect(facts.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        // Time runs down the page: every arrow's box lies under the lane labels.
        let laneBottom = (facts.boxes["lane-label"] ?? []).map { $0.y + $0.height }.max() ?? 0
        #expect((facts.boxes["arrow"] ?? []).allSatisfy { $0.y >= laneBottom })
        #expect(facts.screenshotInked > 0.01, "\(facts.screenshotInked)")
        #expect(facts.screenshotColours > 4, "\(facts.screenshotColours)")
    }

    @Test("pmake on 12 hosts: an arrow per remote exec, 13 rows, no label covered")
    func pmakeTimeline() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent("Examples/pmake-hosts.sprite"),
                                encoding: .utf8)
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok)
        // The window of the example's own `show timeline`: the 12-host build, whose 24 compiles each go to
        // an idle host by remote exec (k12.remote-jobs == 24), so 24 arrows from ws0's row; ws0 to ws12 are
        // the rows.
        let model = TimelinePictureModel.make(run.session.interpreter, from: .s(143), to: .s(153))
        let file = try Self.write(TimelinePicture.svg(model), "pmake.svg")
        let facts = try BrowserCheck.inspect(file, classes: ["bar", "move-arrow", "lane-label", "axis-label"],
                                             width: 980, height: 560, browser: browser)
        #expect(facts.errors.isEmpty && facts.console.isEmpty, "\(facts.errors) \(facts.console)")
        #expect(facts.counts["move-arrow"] == 24)
        #expect(facts.counts["lane-label"] == 13)
        #expect(facts.counts["bar"] == model.chart.slices.count)
        for other in ["bar", "move-arrow", "lane-label"] {
            #expect(facts.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        #expect(facts.overlaps("lane-label", "bar").isEmpty)
        // Every arrow starts on ws0's row (the top one) and goes down.
        let ws0 = try #require(facts.boxes["lane-label"]?.first)
        #expect((facts.boxes["move-arrow"] ?? []).allSatisfy { $0.y <= ws0.y + ws0.height })
    }

    @Test("a line chart and a bar chart: every point and bar drawn, the axis labels uncovered, the legend apart")
    func charts() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let classes = ["bar", "point", "series-line", "axis-label", "legend-entry"]
        let line = try BrowserCheck.inspect(try Self.write(ChartPicture.svg(ChartPictureTests.twoLines), "line.svg"),
                                            classes: classes, width: 740, height: 440, browser: browser)
        #expect(line.errors.isEmpty && line.console.isEmpty, "\(line.errors) \(line.console)")
        #expect(line.counts["point"] == 6 && line.counts["series-line"] == 2 && line.counts["legend-entry"] == 2)
        for other in ["point", "series-line", "legend-entry"] {
            #expect(line.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        #expect(line.overlaps("legend-entry", "series-line").isEmpty, "the legend stands clear of the lines")
        #expect(line.screenshotInked > 0.01)

        var model = ChartPictureTests.twoLines
        model.kind = .bar
        let bars = try BrowserCheck.inspect(try Self.write(ChartPicture.svg(model), "bars.svg"), classes: classes,
                                            width: 740, height: 440, browser: browser)
        #expect(bars.errors.isEmpty && bars.console.isEmpty, "\(bars.errors) \(bars.console)")
        #expect(bars.counts["bar"] == 6)
        #expect(bars.overlaps("axis-label", "bar").isEmpty)
        #expect(bars.overlaps("bar", "bar").isEmpty, "bars side by side, none over another")
        #expect(bars.screenshotInked > 0.02)
    }

    @Test("the checks can fail: a script error is reported, a blank page has no ink, a covered label is found")
    func checksCanFail() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let broken = """
            <!DOCTYPE html><html><head><title>x</title></head><body>
            <svg width="200" height="100"><text class="axis-label" x="10" y="50">label</text>
            <rect class="bar" x="0" y="30" width="100" height="40"/></svg>
            <script>notDefined();</script></body></html>
            """
        let facts = try BrowserCheck.inspect(try Self.write(broken, "broken.html"), classes: ["axis-label", "bar"],
                                             width: 300, height: 200, browser: browser)
        #expect(facts.errors.contains { $0.contains("notDefined") }, "\(facts.errors)")
        #expect(facts.overlaps("axis-label", "bar").count == 1)
        let blank = try BrowserCheck.inspect(try Self.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                                                            + "height=\"10\"/>", "blank.svg"),
                                             classes: [], width: 100, height: 100, browser: browser)
        #expect(blank.errors.isEmpty)
        #expect(blank.screenshotInked == 0)
        #expect(blank.screenshotColours == 1)
    }

    @Test("a PNG decodes to its pixels: a stored zlib block, the Sub filter undone")
    func pngDecoding() throws {
        // 2×1 RGB: red, then blue written with filter 1 (Sub: each byte less the one 3 bytes before it).
        let row: [UInt8] = [1, 255, 0, 0, 1, 0, 255]
        let filteredBlue = [UInt8(0) &- 255, 0, 255]
        let scanline = [row[0]] + row[1...3] + filteredBlue
        let stored: [UInt8] = [0x78, 0x01, 0x01, 7, 0, 0xF8, 0xFF] + scanline + [0, 0, 0, 0]
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let length = UInt32(body.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 255), UInt8(length >> 8 & 255), UInt8(length & 255)]
                + Array(type.utf8) + body + [0, 0, 0, 0]
        }
        let header: [UInt8] = [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]
        let png = [137, 80, 78, 71, 13, 10, 26, 10] + chunk("IHDR", header) + chunk("IDAT", stored) + chunk("IEND", [])
        let pixels = try PNGPixels(Data(png))
        #expect(pixels.width == 2 && pixels.height == 1)
        #expect(pixels.rgba == [255, 0, 0, 255, 0, 0, 255, 255])
        let (colours, inked) = pixels.statistics()
        #expect(colours == 2 && inked == 0.5)
    }
}
