import BrowserTesting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpriteScript

/// Charts of a sweep over strategy × load: a line a strategy, a point a load, drawn at the loads' labels.
@Suite("sweep charts", .serialized)
struct SweepChartTests {
    /// Three workstations, 20 one-second jobs each, under two strategies at three loads (the arrival gap
    /// S/rho, named by the load it gives).
    static let strategies = """
        seed 7
        sweep balance {
          choose strategy none, sender = sender threshold 1 probes 3
          choose load 0.3 = 3333ms, 0.6 = 1667ms, 0.9 = 1111ms
          cluster { network ethernet preset sprite-1988; server fs1; workstation ws[1..3] }
          migration preset sparcstation-1991
          scheduler ws[1..3] rr quantum 100ms
          balance ws[1..3] strategy $strategy
          workload ws1 jobs 20 as a arrival exponential $load burst exponential 1s
          workload ws2 jobs 20 as b arrival exponential $load burst exponential 1s
          workload ws3 jobs 20 as c arrival exponential $load burst exponential 1s
        }

        """

    @Test("a line per strategy, a point per load, at the loads' labels")
    func seriesAndPoints() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.strategies
                                        + "export chart \"b.svg\" from balance field mean-turnaround x load\n",
                                        folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        #expect(result.sink.text.contains("sweep balance: mean turnaround vs load: 2 series, 6 points"))
        let root = try #require(try XMLDocument(xmlString: try folder.read("b.svg")).rootElement())
        let lines = ChartPictureTests.elements(root, class: "series-line")
        #expect(lines.count == 2)
        #expect(ChartPictureTests.elements(root, class: "point").count == 6)
        #expect(ChartPictureTests.elements(root, class: "legend-entry").count == 2)
        // Each line has three points, and the x axis reads the labels, not the arrival gaps.
        for line in lines {
            let points = line.attributes?.first { $0.name == "points" }?.stringValue?.split(separator: " ") ?? []
            #expect(points.count == 3)
        }
        let ticks = ChartPictureTests.elements(root, class: "tick-label").compactMap(\.stringValue)
        #expect(ticks.contains("0.3") && ticks.contains("0.9"), "\(ticks)")
        let sweep = try #require(result.session.interpreter.sweeps["balance"])
        let model = try #require(ChartAdapters.sweep(sweep, field: "mean-turnaround", x: "load"))
        #expect(model.series.map(\.name) == ["strategy=none", "strategy=sender"])
        #expect(model.series.allSatisfy { $0.points.map(\.x) == [0.3, 0.6, 0.9] })
        #expect(model.y.unit == "s")
    }

    @Test("a field no cell measured is refused when drawn, naming why")
    func unmeasuredField() {
        let folder = try? ExportFolder()
        let result = PictureHarness.run(SweepTests.crash + "export chart \"c.svg\" from crash field mean-turnaround\n",
                                        folder: folder?.path)
        #expect(result.status == .runtimeError)
        #expect(result.sink.errorText.contains("no cell of sweep 'crash' measured mean-turnaround"),
                "\(result.sink.errorText)")
    }

    /// Examples/pictures/balance-strategies.svg as committed (GoldenTests keeps it fresh), opened in Chromium:
    /// four lines of five points, the legend clear of the plot's lines and of every axis label.
    @Test("the balance-strategies chart in a browser: legend apart from the lines and the axis labels")
    func balanceStrategiesInABrowser() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let file = GoldenTests.root.appendingPathComponent("Examples/pictures/balance-strategies.svg")
        let classes = ["point", "series-line", "axis-label", "legend-entry"]
        let facts = try BrowserCheck.inspect(file, classes: classes, width: 740, height: 440, browser: browser)
        #expect(facts.errors.isEmpty && facts.console.isEmpty, "\(facts.errors) \(facts.console)")
        #expect(facts.counts["series-line"] == 4 && facts.counts["point"] == 20 && facts.counts["legend-entry"] == 4)
        #expect(facts.overlaps("legend-entry", "series-line").isEmpty, "the legend stands clear of the lines")
        #expect(facts.overlaps("legend-entry", "point").isEmpty, "the legend stands clear of the points")
        #expect(facts.overlaps("legend-entry", "axis-label").isEmpty, "the legend covers no axis label")
        for other in ["point", "series-line"] {
            #expect(facts.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        // The legend lies right of the plot: every entry starts past the lines' right edge.
        let plotRight = (facts.boxes["series-line"] ?? []).map { $0.x + $0.width }.max() ?? 0
        #expect((facts.boxes["legend-entry"] ?? []).allSatisfy { $0.x >= plotRight })
        #expect(facts.screenshotInked > 0.01)
    }
}
