import BrowserTesting
import Foundation
@testable import SpriteScript
import Testing

/// The report's page opened in headless Chromium at a 1200px-wide window, as a person would look at it.
/// Skipped (with a printed reason) where chromium is missing, except under CI.
@Suite("Report page in a browser", .serialized)
struct ReportBrowserTests {
    @Test("index.html: no errors, every section laid out, nothing overlapping, no wider than the window")
    func page() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        #expect(ReportHarness.run(ReportHarness.sweepAndSharing, folder: folder.path).status == .ok)
        let file = URL(fileURLWithPath: HostPath.join(folder.path, "index.html"))
        let facts = try BrowserCheck.inspect(file, classes: ["outcome-table", "picture", "output", "stale-row",
                                                             "arrow", "bar", "table-scroll"],
                                             width: 1200, height: 900, browser: browser)
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.console.isEmpty, "\(facts.console)")
        // ReportHarness.sweepAndSharing: one outcome table with one stale read; three pictures at least (the
        // diagram, the timeline, a chart of the sweep); Jack and Jill's messages drawn as arrows.
        #expect(facts.counts["outcome-table"] == 1 && facts.counts["stale-row"] == 1, "\(facts.counts)")
        #expect((facts.counts["picture"] ?? 0) >= 3, "\(facts.counts)")
        #expect((facts.counts["arrow"] ?? 0) > 0, "\(facts.counts)")
        let table = try #require(facts.boxes["outcome-table"]?.first)
        let pictures = facts.boxes["picture"] ?? []
        let diagram = try #require(pictures.first)
        let output = try #require(facts.boxes["output"]?.first)
        for box in [table, diagram, output] + pictures + (facts.boxes["table-scroll"] ?? []) {
            #expect(box.width > 0 && box.height > 0, "\(box)")
            // The page is no wider than the window: wide pictures and tables scroll in their own boxes.
            #expect(box.x >= 0 && box.x + box.width <= 1200, "\(box)")
        }
        #expect(facts.pageWidth > 0 && facts.pageWidth <= 1200, "the page scrolls sideways: \(facts.pageWidth)")
        #expect(facts.overlaps("outcome-table", "picture").isEmpty, "the verdict table overlaps a picture")
        #expect(facts.overlaps("output", "picture").isEmpty)
        // In the page's order, top to bottom: the output, the verdicts, the diagram.
        #expect(output.y + output.height <= table.y && table.y + table.height <= diagram.y)
        #expect(facts.screenshotInked > 0.01, "\(facts.screenshotInked)")
        #expect(facts.screenshotColours > 4, "\(facts.screenshotColours)")
    }

    @Test("a script with resets: one section per part, in order, none overlapping another, each with its pictures")
    func parts() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        let script = try ReportPartsTests.example("jack-and-jill.sprite")
        #expect(ReportHarness.run(script, folder: folder.path).status == .ok)
        let file = URL(fileURLWithPath: HostPath.join(folder.path, "index.html"))
        let facts = try BrowserCheck.inspect(file, classes: ["part", "outcome-table", "picture", "part-mark"],
                                             width: 1200, height: 900, browser: browser)
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.console.isEmpty, "\(facts.console)")
        // Jack and Jill's three setups: three parts, each a verdict table, a diagram and a timeline; a mark in the
        // output where each begins.
        #expect(facts.counts["part"] == 3 && facts.counts["outcome-table"] == 3, "\(facts.counts)")
        #expect(facts.counts["picture"] == 6 && facts.counts["part-mark"] == 3, "\(facts.counts)")
        let parts = facts.boxes["part"] ?? []
        #expect(facts.overlaps("part", "part").isEmpty, "two parts overlap")
        for (earlier, later) in zip(parts, parts.dropFirst()) {
            #expect(earlier.y + earlier.height <= later.y, "\(earlier) \(later)")
        }
        for (part, table) in zip(parts, facts.boxes["outcome-table"] ?? []) {
            #expect(part.height > 0 && table.y >= part.y && table.y + table.height <= part.y + part.height)
        }
        #expect(facts.pageWidth > 0 && facts.pageWidth <= 1200, "the page scrolls sideways: \(facts.pageWidth)")
    }

    @Test("a diagram wider than the window scrolls in its box: the page stays within the window")
    func wideDiagram() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        // 13 lanes of 120px (SequenceDiagram.laneGap for short names) after a 110px margin, plus 40px:
        // 1,710px of diagram, wider than the 1,200px window.
        let script = "cluster { workstation ws[1..12]; server fs1 }\nrpc ws[1..12] -> fs1\nrun"
        #expect(ReportHarness.run(script, folder: folder.path).status == .ok)
        let file = URL(fileURLWithPath: HostPath.join(folder.path, "index.html"))
        let facts = try BrowserCheck.inspect(file, classes: ["picture", "arrow"], width: 1200, height: 900,
                                             browser: browser)
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.counts["arrow"] == 24, "a request and a reply for each of the 12 calls: \(facts.counts)")
        let diagram = try #require(facts.svgBoxes.first)
        #expect(abs(diagram.width - 1710) < 1, "\(diagram)")
        let box = try #require(facts.boxes["picture"]?.first)
        #expect(box.x >= 0 && box.x + box.width <= 1200, "\(box)")
        #expect(facts.pageWidth > 0 && facts.pageWidth <= 1200, "the page scrolls sideways: \(facts.pageWidth)")
    }
}
