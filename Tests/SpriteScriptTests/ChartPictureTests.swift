#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
@testable import SpriteScript
import Testing

@Suite("Charts")
struct ChartPictureTests {
    @Test("a tick step is the smallest 1, 2 or 5 times a power of ten that fits the span in the intervals")
    func niceSteps() {
        // span / intervals, then up to the next of 1, 2, 5 × 10^k:
        #expect(ChartScale.niceStep(span: 10, intervals: 5) == 2)      // 2 exactly
        #expect(ChartScale.niceStep(span: 10, intervals: 10) == 1)     // 1 exactly: an exact power is kept
        #expect(ChartScale.niceStep(span: 7, intervals: 5) == 2)       // 1.4 → 2
        #expect(ChartScale.niceStep(span: 1, intervals: 4) == 0.5)     // 0.25 → 0.5
        #expect(ChartScale.niceStep(span: 45, intervals: 5) == 10)     // 9 → 10
        #expect(ChartScale.niceStep(span: 0.03, intervals: 5) == 0.01) // 0.006 → 0.01
        #expect(ChartScale.niceStep(span: 3, intervals: 6) == 0.5)     // 0.5 exactly
        #expect(ChartScale.niceStep(span: 1.5655e9, intervals: 8) == 2e8) // 1.957e8 → 2e8 (200ms in ns)
        #expect(ChartScale.niceStep(span: 0, intervals: 5) == 1, "an empty span still has a step")
    }

    @Test("a scale covers the data with whole steps, widening the step when an interval too many would follow")
    func scales() {
        // 1.3...8.7: step 2 (7.4 / 5 = 1.48), from 0 to 10: five intervals.
        let plain = ChartScale(low: 1.3, high: 8.7, intervals: 5)
        #expect(plain.ticks == [0, 2, 4, 6, 8, 10])
        // 0.9...10.1: step 2 gives 0...12, six intervals; the step widens to 5 (12 / 5 = 2.4 → 5).
        let widened = ChartScale(low: 0.9, high: 10.1, intervals: 5)
        #expect(widened.ticks == [0, 5, 10, 15])
        // Bars grow from zero: 3...9 with zero kept is 0...10, step 2.
        #expect(ChartScale(low: 3, high: 9, intervals: 5, includeZero: true).ticks == [0, 2, 4, 6, 8, 10])
        // Steps under one keep the decimals they need and no binary noise.
        let tenths = ChartScale(low: 0.1, high: 0.7, intervals: 6)
        #expect(tenths.ticks == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(tenths.ticks.map(tenths.label) == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        #expect(ChartScale(low: 0, high: 3000, intervals: 6).ticks.map { ChartScale(low: 0, high: 3000,
            intervals: 6).label($0) } == ["0", "500", "1000", "1500", "2000", "2500", "3000"])
    }

    @Test("choice values read as numbers with one kind of unit, or not at all")
    func choiceNumbers() throws {
        let sizes = try #require(ChartUnits.numbers(["256KB", "1MB", "4MB"]))
        #expect(sizes.dimension == .size)
        #expect(sizes.values == [262_144, 1_048_576, 4_194_304])
        #expect(ChartUnits.numbers(["100ms", "1s"])?.values == [1e8, 1e9])
        #expect(ChartUnits.numbers(["1", "2", "12"])?.dimension == .count)
        #expect(ChartUnits.numbers(["1MB", "2s"]) == nil, "two kinds of unit")
        #expect(ChartUnits.numbers(["write-through", "delayed-write"]) == nil)
        #expect(ChartUnits.bytes([262_144, 4_194_304]).name == "MB")
        #expect(ChartUnits.time([5e8]).name == "ms")
    }

    static let twoLines = ChartModel(
        title: "turnaround vs load", kind: .line, x: ChartAxis("load"), y: ChartAxis("turnaround", unit: "s"),
        series: [ChartSeries("sender", [ChartPoint(x: 0.3, y: 1.08), ChartPoint(x: 0.5, y: 1.20),
                                        ChartPoint(x: 0.9, y: 2.98)]),
                 ChartSeries("receiver <&>", [ChartPoint(x: 0.3, y: 1.24), ChartPoint(x: 0.5, y: 1.37),
                                              ChartPoint(x: 0.9, y: 2.49)])])

    @Test("a line chart: a line and a point per value for each series, axes with units, a legend entry a series")
    func lineChart() throws {
        let text = ChartPicture.svg(Self.twoLines)
        #expect(text == ChartPicture.svg(Self.twoLines), "the same model gives the same bytes")
        let root = try #require(try XMLDocument(xmlString: text).rootElement())
        #expect(Self.elements(root, class: "series-line").count == 2)
        #expect(Self.elements(root, class: "point").count == 6)
        #expect(Self.elements(root, class: "legend-entry").count == 2)
        let titles = Self.elements(root, class: "axis-title").map { $0.stringValue ?? "" }
        #expect(titles == ["load", "turnaround (s)"])
        // y: 1.08...2.98 with zero kept (all positive): step 1 (2.98 / 5 = 0.596 → 1), ticks 0, 1, 2, 3.
        let tickLabels = Self.elements(root, class: "tick-label").map { $0.stringValue ?? "" }
        #expect(tickLabels.prefix(4) == ["0", "1", "2", "3"])
        // x: 0.3...0.9 over 6 intervals: step 0.1, ticks 0.3 to 0.9.
        #expect(Array(tickLabels.dropFirst(4)) == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        let hover = Self.elements(root, class: "point").compactMap { $0.elements(forName: "title").first?.stringValue }
        #expect(hover.first == "sender: 0.3, 1.08 s")
    }

    @Test("a bar chart: a bar per point, grouped by x, growing from zero")
    func barChart() throws {
        var model = Self.twoLines
        model.kind = .bar
        let root = try #require(try XMLDocument(xmlString: ChartPicture.svg(model)).rootElement())
        let bars = Self.elements(root, class: "bar")
        #expect(bars.count == 6)
        // Zero is the scale's low end: every bar's bottom is the x axis.
        let bottoms = Set(bars.map { Self.number($0, "y") + Self.number($0, "height") })
        #expect(bottoms.count == 1)
    }

    @Test("pmake's speedup vs hosts: the builds by hosts, and the ideal line beside them")
    func pmakeSpeedup() throws {
        // Two builds of the same 4 compiles: hosts 1 is its own baseline (speedup 1), hosts 2 is faster.
        let script = """
            cluster {
              network ethernet preset sprite-1988
              server fs1
              workstation ws[0..2] diskless
            }
            domain / on fs1
            migration preset sparcstation-1991
            idle ws[1..2] after 30s load 1.5
            balance ws[0..2] strategy sprite central fs1
            trace off
            pmake k1 on ws0 jobs 4 compile 2s reads 32KB writes 16KB link 1s hosts 1
            run
            pmake k2 on ws0 jobs 4 compile 2s reads 32KB writes 16KB link 1s hosts 2
            run
            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok)
        let model = ChartAdapters.pmakeSpeedup(run.session.interpreter.simulation.pmakeReports)
        #expect(model.series.map(\.name) == ["speedup over k1", "ideal (= hosts)"])
        let measured = try #require(model.series.first).points
        #expect(measured.map(\.x) == [1, 2])
        #expect(measured.first?.y == 1)
        // Two hosts halve the four compiles (2 rounds instead of 4) but not the link: between 1 and 2.
        #expect((measured.last?.y ?? 0) > 1.3 && (measured.last?.y ?? 0) < 2)
        let root = try #require(try XMLDocument(xmlString: ChartPicture.svg(model)).rootElement())
        #expect(Self.elements(root, class: "point").count == 4)
    }

    @Test("a sweep's field against a choice of words: grouped bars, a series for each value of the other choice")
    func sweepBars() throws {
        let script = """
            sweep sharing {
              choose consistency sprite, nfs, none
              choose policy write-through, delayed-write
              cluster {
                network ethernet preset sprite-1988 topology switched
                server fs1 memory 32MB disk 20ms
                workstation jack, jill
              }
              domain / on fs1
              consistency $consistency
              cache client policy $policy
              on jack { open /notes rw; write "version 1"; close }
              at 500ms { on jill { open /notes r; read; close } }
              at 1s { on jack { open /notes rw; write "version 2"; close } }
              at 2s { on jill { open /notes r; read; close } }
            }
            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok)
        let sweep = try #require(run.session.interpreter.sweeps["sharing"])
        let model = try #require(ChartAdapters.sweep(sweep, field: "stale-reads-unix"))
        #expect(model.kind == .bar)
        #expect(model.series.map(\.name) == ["policy=write-through", "policy=delayed-write"])
        // Examples/sweep-write-policies.sprite derives these: sprite checks every open (0 stale), nfs trusts
        // a copy for 3s (the 2s read is stale), none never checks (and under delayed-write the first read is
        // stale too, jack's version 1 still in his cache).
        #expect(model.series[0].points.map(\.y) == [0, 1, 1])
        #expect(model.series[1].points.map(\.y) == [0, 1, 2])
        #expect(model.series[0].points.map(\.label) == ["sprite", "nfs", "none"])
        #expect(ChartAdapters.sweep(sweep, field: "no-such-field") == nil)
        #expect(ChartAdapters.sweep(sweep, field: "time", x: "no-such-choice") == nil)
        let root = try #require(try XMLDocument(xmlString: ChartPicture.svg(model)).rootElement())
        #expect(Self.elements(root, class: "bar").count == 6)
    }

    @Test("a sweep's field against a choice of sizes: a line a series, on an axis in the sizes' unit")
    func sweepLines() throws {
        // Server traffic against the client cache size, one line per protocol. The table's values are made
        // up here: the adapter only reads them.
        let shape = SweepShape(name: "cache", choices: [("size", ["256KB", "1MB", "4MB"]),
                                                       ("consistency", ["sprite", "nfs"])])
        let field = try #require(SweepMetric.all.firstIndex { $0.field == "to-server" })
        func cell(_ bytes: Int64) -> SweepCellResult {
            var values = [Int64?](repeating: 0, count: SweepMetric.all.count)
            values[field] = bytes
            return SweepCellResult(values: values)
        }
        let traffic: [[Int64]] = [[3 << 20, 4 << 20], [2 << 20, 3 << 20], [1 << 20, 2 << 20]]
        var cells: [(values: [String], result: SweepCellResult)] = []
        for (size, row) in zip(["256KB", "1MB", "4MB"], traffic) {
            for (protocolName, bytes) in zip(["sprite", "nfs"], row) {
                cells.append(([size, protocolName], cell(bytes)))
            }
        }
        let model = try #require(ChartAdapters.sweep(SweepResult(shape: shape, seed: 1, cells: cells),
                                                     field: "to-server"))
        #expect(model.kind == .line)
        #expect(model.x == ChartAxis("size", unit: "MB"))
        #expect(model.y == ChartAxis("bytes to server", unit: "MB"))
        #expect(model.series.map(\.name) == ["consistency=sprite", "consistency=nfs"])
        #expect(model.series[0].points.map(\.x) == [0.25, 1, 4])
        #expect(model.series[0].points.map(\.y) == [3, 2, 1])
        #expect(model.series[1].points.map(\.y) == [4, 3, 2])
    }

    /// Elements whose class list holds `name`, in document order.
    static func elements(_ element: XMLElement, class name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        let classes = element.attributes?.first { $0.name == "class" }?.stringValue?.split(separator: " ") ?? []
        if classes.contains(Substring(name)) { found.append(element) }
        for child in element.children ?? [] {
            if let child = child as? XMLElement { found += elements(child, class: name) }
        }
        return found
    }

    static func number(_ element: XMLElement, _ name: String) -> Double {
        Double(element.attributes?.first { $0.name == name }?.stringValue ?? "") ?? .nan
    }
}
