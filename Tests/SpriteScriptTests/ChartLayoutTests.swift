import BrowserTesting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpriteScript

/// A chart's layout holds whatever the labels and series are: x labels that would overlap are turned and
/// thinned, long legend names are elided in the middle (the whole name on hover), the plot is as tall as the
/// legend, series past eight colours differ in dash, marker and fill, and counts tick at whole numbers.
@Suite("chart layout")
struct ChartLayoutTests {
    static let policies = ["write-through", "write-on-close", "delayed-write flush 30s age 30s",
                           "delayed-write flush 5s age 5s", "delayed-write flush 1s age 1s",
                           "delayed-write flush 10s age 10s"]

    /// Six groups of long labels, `count` series of the given names.
    static func bars(series count: Int, name: (Int) -> String = { "consistency=sprite, flavour=\($0)" })
        -> ChartModel {
        let series = (0..<count).map { index in
            ChartSeries(name(index), policies.indices.map { ChartPoint(x: Double($0), y: Double(($0 + index) % 3),
                                                                       label: policies[$0]) })
        }
        return ChartModel(title: "crash losses vs policy", kind: .bar, x: ChartAxis("policy"),
                          y: ChartAxis("crash losses", whole: true), series: series)
    }

    @Test("labels wider than their groups are turned 45°, spaced so neighbours stand clear, inside the canvas")
    func turnedLabels() {
        let layout = ChartLayout(Self.bars(series: 6), width: 720, height: 420)
        #expect(layout.turned)
        // Turned labels at least 20 apart along x stand 20 × sin 45° = 14.1 apart across their baselines, more
        // than the 12px text is tall.
        let xs = layout.xLabels.map(\.x)
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 >= ChartLayout.turnedSpacing })
        // The first label's start stays on the canvas: it reaches left len × 7.2 × cos 45° from its tick + 4.
        guard let first = layout.xLabels.first else { Issue.record("no x label"); return }
        #expect(first.x + 4 - Double(first.text.count) * 7.2 * 0.7072 >= 0)
        // The canvas grows below to hold them and the axis title under them.
        #expect(layout.height > 420 || layout.bottom + layout.titleOffset <= 420)
        #expect(layout.xLabels.allSatisfy { $0.text.count <= ChartLayout.turnedCharacters })
        // Short labels that fit stay level.
        var short = Self.bars(series: 2)
        short.series = short.series.map { ChartSeries($0.name, $0.points.map { ChartPoint(x: $0.x, y: $0.y,
                                                                                         label: "p\(Int($0.x))") }) }
        #expect(!ChartLayout(short, width: 720, height: 420).turned)
    }

    @Test("long legend names keep their start and end; the plot is as tall as 18 legend rows and stays wide")
    func legendFits() throws {
        let long = String(repeating: "a", count: 88)
        let two = ChartLayout(Self.bars(series: 2) { "q=\(long)\($0 + 1)" }, width: 720, height: 420)
        #expect(two.legendNames.count == 2 && two.legendNames[0] != two.legendNames[1],
                "names differing in their last character stay apart: \(two.legendNames)")
        #expect(two.legendNames.allSatisfy { $0.count == ChartLayout.legendCharacters && ($0.hasSuffix("a1")
                    || $0.hasSuffix("a2")) })
        // 30 characters × 7.2 + 30 + 16 = 262 at most for the legend: the plot keeps 720 − 262 − left.
        #expect(two.right - two.left > 350)
        let many = ChartLayout(Self.bars(series: 18), width: 720, height: 420)
        // 18 rows of 20 from top + 8: the plot's bottom is at least 40 + 8 + 360 = 408.
        #expect(many.bottom >= many.top + 8 + 18 * ChartLayout.legendRow)
        let svg = ChartPicture.svg(Self.bars(series: 2) { "q=\(long)\($0 + 1)" })
        #expect(svg.contains("<title>q=\(long)1</title>"), "the whole name on hover")
    }

    @Test("series 1 and 9 share a colour but not a look: the second round of eight is pale with an edge")
    func distinctPastEight() throws {
        #expect(ChartSeriesStyle(0).colour == ChartSeriesStyle(8).colour)
        #expect(ChartSeriesStyle(0).fillAttributes != ChartSeriesStyle(8).fillAttributes)
        #expect(ChartSeriesStyle(8).lineAttributes != ChartSeriesStyle(0).lineAttributes)
        #expect(ChartSeriesStyle(16).marker(x: 0, y: 0).name == "polygon")
        let looks = (0..<32).map {
            "\(ChartSeriesStyle($0).colour) \(ChartSeriesStyle($0).fillAttributes.map(\.value))"
        }
        #expect(Set(looks).count == 32)
    }

    @Test("a count's axis ticks at whole numbers: 0 to 2 crash losses is 0, 1, 2, not 0, 0.5 … 2")
    func wholeTicks() {
        // 0...2 over 5 intervals: the nice step is 0.5; a count takes 1.
        #expect(ChartScale(low: 0, high: 2, intervals: 5, includeZero: true).ticks == [0, 0.5, 1, 1.5, 2])
        #expect(ChartScale(low: 0, high: 2, intervals: 5, includeZero: true, whole: true).ticks == [0, 1, 2])
        #expect(ChartScale(low: 0, high: 0, intervals: 5, includeZero: true, whole: true).ticks == [0, 1])
        // A step already whole is kept: 0...68 RPCs, step 20.
        #expect(ChartScale(low: 0, high: 68, intervals: 5, includeZero: true, whole: true).ticks
            == [0, 20, 40, 60, 80])
        let labels = ChartLayout(Self.bars(series: 1), width: 720, height: 420).yScale.ticks
        #expect(labels.allSatisfy { $0 == $0.rounded() })
    }

    @Test("two choice values at one number are drawn as bars, a group each, and hover says the label")
    func sameNumberLabels() throws {
        let folder = try ExportFolder()
        let run = PictureHarness.run("""
            sweep w {
            choose p 1 = write-through, 1.0 = write-on-close
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            cache client policy $p
            }
            export chart "h.svg" from w field messages
            sweep k {
            choose size 1024B, 2KB
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            rpc ws1 -> fs1 reply $size
            }
            export chart "k.svg" from k field messages

            """, folder: folder.path)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let root = try #require(try XMLDocument(xmlString: folder.read("h.svg")).rootElement())
        #expect(ChartPictureTests.elements(root, class: "bar").count == 2, "a bar a value, not one place")
        let labels = ChartPictureTests.elements(root, class: "tick-label").map { $0.stringValue ?? "" }
        #expect(labels.contains("1") && labels.contains("1.0"))
        // A line chart's hover names the value as written beside the number it is drawn at.
        let line = try #require(try XMLDocument(xmlString: folder.read("k.svg")).rootElement())
        let hover = ChartPictureTests.elements(line, class: "point").compactMap {
            $0.elements(forName: "title").first?.stringValue
        }
        #expect(hover.first?.hasPrefix("messages: 1024B (1 KB), ") == true, "\(hover)")
        #expect(hover.last?.hasPrefix("messages: 2 KB, ") == true, "a label spelled as the number: \(hover)")
    }

    @Test("in a browser: turned labels stay on the canvas and off the bars; 18 legend rows clear the labels")
    func browserLayout() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let classes = ["bar", "axis-label", "tick-label", "legend-entry"]
        for count in [6, 18] {
            let svg = ChartPicture.svg(Self.bars(series: count))
            let facts = try BrowserCheck.inspect(try BrowserPictureTests.write(svg, "bars\(count).svg"),
                                                 classes: classes, width: 900, height: 900, browser: browser)
            #expect(facts.errors.isEmpty, "\(facts.errors)")
            #expect(facts.counts["bar"] == 6 * count)
            #expect(facts.overlaps("tick-label", "bar").isEmpty, "labels under the plot, not over bars")
            #expect(facts.overlaps("legend-entry", "tick-label").isEmpty, "the legend ends above the labels")
            #expect(facts.overlaps("legend-entry", "bar").isEmpty)
            let canvas = try #require(facts.svgBoxes.first)
            for box in (facts.boxes["axis-label"] ?? []) + (facts.boxes["legend-entry"] ?? []) {
                #expect(box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width + 0.5, "\(box) in \(canvas)")
                #expect(box.y + box.height <= canvas.y + canvas.height + 0.5, "\(box) in \(canvas)")
            }
            #expect(facts.screenshotInked > 0.02)
        }
        // Level labels that fit: none over another.
        var level = Self.bars(series: 3)
        level.series = level.series.map { ChartSeries($0.name, $0.points.map {
            ChartPoint(x: $0.x, y: $0.y, label: "policy \(Int($0.x))") }) }
        let facts = try BrowserCheck.inspect(try BrowserPictureTests.write(ChartPicture.svg(level), "level.svg"),
                                             classes: classes, width: 800, height: 500, browser: browser)
        #expect(facts.overlaps("tick-label", "tick-label").isEmpty)
    }
}
