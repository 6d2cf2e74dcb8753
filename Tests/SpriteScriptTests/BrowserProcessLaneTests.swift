import BrowserTesting
import Foundation
@testable import SpriteScript
import Testing

/// A process-lane diagram opened in headless Chromium (BrowserCheck): an arrow per delivered message, and
/// no arrow, count or move label over a lane label or an axis label. Skipped where chromium is missing.
@Suite("Process lanes in a browser", .serialized)
struct BrowserProcessLaneTests {
    @Test("the migrating worker by process: arrows = delivered messages, labels clear")
    func processLanes() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        let result = PictureHarness.run(ProcessLaneTests.migrating + "\nexport diagram \"p.svg\" lanes process\n"
                                        + "export diagram \"c.svg\" lanes process collapse", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let delivered = result.session.interpreter.simulation.statistics.messagesDelivered
        let classes = ["arrow", "lane-label", "axis-label", "count", "move", "move-label", "write", "lane"]
        let facts = try BrowserCheck.inspect(URL(fileURLWithPath: HostPath.join(folder.path, "p.svg")),
                                             classes: classes, width: 900, height: 900, browser: browser)
        #expect(facts.errors.isEmpty && facts.console.isEmpty, "\(facts.errors) \(facts.console)")
        // Nothing is lost in this run: every message sent was delivered, and each is one arrow.
        #expect(facts.counts["arrow"] == delivered, "\(facts.counts), \(delivered) delivered")
        #expect(facts.counts["lane-label"] == 5 && facts.counts["move"] == 1, "\(facts.counts)")
        for other in ["arrow", "move", "move-label", "write"] {
            #expect(facts.overlaps("lane-label", other).isEmpty, "lane labels covered by \(other)")
            #expect(facts.overlaps("axis-label", other).isEmpty, "axis labels covered by \(other)")
        }
        // Lane labels side by side, none over another, and every arrow below them.
        #expect(facts.overlaps("lane-label", "lane-label").isEmpty)
        let labelBottom = (facts.boxes["lane-label"] ?? []).map { $0.y + $0.height }.max() ?? 0
        #expect((facts.boxes["arrow"] ?? []).allSatisfy { $0.y >= labelBottom })
        #expect(facts.screenshotInked > 0.01, "\(facts.screenshotInked)")

        // Collapsed: the write's four file calls (request and reply, again and again) are one pair, ×4 each;
        // the counts stay off the lanes and the labels.
        let collapsed = try BrowserCheck.inspect(URL(fileURLWithPath: HostPath.join(folder.path, "c.svg")),
                                                 classes: classes, width: 900, height: 900, browser: browser)
        #expect(collapsed.errors.isEmpty, "\(collapsed.errors)")
        #expect((collapsed.counts["count"] ?? 0) >= 2, "\(collapsed.counts)")
        for other in ["lane", "lane-label", "axis-label"] {
            #expect(collapsed.overlaps("count", other).isEmpty, "counts over \(other)")
        }
    }
}
