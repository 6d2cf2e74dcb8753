import Foundation
import Testing
@testable import SpriteScript

/// A timeline of some nodes draws a move only when both its rows are drawn; one to or from a node left out is
/// counted as left out, in the summary line and in the picture's notes, never as drawn.
@Suite("timeline moves off the drawn rows")
struct TimelineOffRowTests {
    /// a runs on jack and is moved to jill at 500ms: one move, jack's row to jill's.
    static let script = """
        cluster {
          server fs1
          workstation jack, jill
        }
        migration preset sparcstation-1991
        domain / on fs1
        trace off
        program p { compute 3s }
        spawn p as a on jack
        at 500ms { migrate a to jill }
        run

        """

    @Test("with both nodes the move is drawn and counted; with one it is counted as left out")
    func moveCountedAsLeftOut() throws {
        let folder = try ExportFolder()
        let run = PictureHarness.run(Self.script + """
            export timeline "all.svg"
            export timeline "jill.svg" nodes jill

            """, folder: folder.path)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let lines = run.sink.output.filter { $0.hasPrefix("exported timeline") }
        #expect(lines.count == 2)
        #expect(lines.first?.contains(", 1 move") == true && lines.first?.contains("left out") == false)
        #expect(lines.last?.contains("1 move off the drawn rows left out") == true, "\(lines)")
        #expect(try folder.read("all.svg").contains("class=\"move-arrow"))
        let jill = try folder.read("jill.svg")
        #expect(!jill.contains("class=\"move-arrow"))
        #expect(jill.contains("not drawn: 1 move to or from a node whose row is not drawn"))
    }
}
