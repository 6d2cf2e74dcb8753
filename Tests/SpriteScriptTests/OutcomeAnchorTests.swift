import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SpriteKernel
import Testing
@testable import SpriteScript

/// The ids an outcome table links to: `write-N` on each file write, `read-N` on each stale read, N the
/// 1-based place in the semantics checker's lists.
@Suite("Sequence diagram, outcome anchors")
struct OutcomeAnchorTests {
    typealias SVG = SequenceDiagramTests

    static func ids(_ root: XMLElement) -> [String] {
        var found: [String] = []
        var stack = [root]
        while let element = stack.popLast() {
            if let id = SVG.attribute("id", of: element) { found.append(id) }
            stack += (element.children ?? []).compactMap { $0 as? XMLElement }.reversed()
        }
        return found
    }

    static func jackAndJill() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent("Examples/pictures/jack-and-jill.sprite"),
                                encoding: .utf8)
        // The example's own exports go: this test exports what it checks.
        return script.split(separator: "\n").filter { !$0.hasPrefix("export ") }.joined(separator: "\n")
    }

    @Test("Jack and Jill: write-1…3 and read-3, unique, as many as the checker's writes and stale reads")
    func jackAndJill() throws {
        for lanes in ["", " lanes process"] {
            let folder = try ExportFolder()
            let result = PictureHarness.run(try Self.jackAndJill() + "\nexport diagram \"jj.svg\"" + lanes,
                                            folder: folder.path)
            #expect(result.status == .ok, "\(result.sink.errorText)")
            let root = try SVG.parse(try folder.read("jj.svg"))
            let ids = Self.ids(root)
            #expect(Set(ids).count == ids.count, "ids are unique: \(ids)")
            // By hand (Examples/pictures/jack-and-jill.sprite): writes in start order are jack's "milk" (0s),
            // jack's " eggs" (10.5s), jill's " bread" (11s); reads are jill's at 10s, jack's at 10.5s, jill's
            // at 11s (stale: she trusted her copy from 10s and missed " eggs", write 2), jack's at 20s.
            let writes = ids.filter { $0.hasPrefix("write-") }, reads = ids.filter { $0.hasPrefix("read-") }
            #expect(writes == ["write-1", "write-2", "write-3"])
            #expect(reads == ["read-3"])
            // The same counts as the checker's own lists.
            let interpreter = result.session.interpreter
            let report = interpreter.semantics()
            let historyWrites = interpreter.simulation.fileHistory.filter {
                if case .write = $0.kind { true } else { false }
            }
            #expect(writes.count == historyWrites.count)
            let stale = report.reads.enumerated().filter { if case .stale = $0.element.unix { true } else { false } }
            #expect(reads == stale.map { "read-\($0.offset + 1)" })
            let read = try #require(SVG.elements(root, withClass: "stale-read").first)
            let title = read.elements(forName: "title").first?.stringValue ?? ""
            #expect(title.hasPrefix("read 3: stale read of /list by jill at 11.0002s"), "\(title)")
            #expect(title.contains("it missed write 2 by jack, returned 10.5047s"), "\(title)")
            let write = try #require(SVG.elements(root, withClass: "write").first)
            #expect(write.elements(forName: "title").first?.stringValue?.hasPrefix("write 1: jack wrote /list") == true)
        }
    }

    @Test("a window or a node subset leaves out the anchors it does not draw, and keeps the others' numbers")
    func scoped() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(try Self.jackAndJill() + "\nexport diagram \"late.svg\" from 10.6s\n"
                                        + "export diagram \"jack.svg\" nodes jack, fs1", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        // From 10.6s: only jill's append at 11s (write 3) and her stale read (read 3) are inside.
        #expect(Self.ids(try SVG.parse(try folder.read("late.svg"))).filter { !$0.hasPrefix("head-") }
                == ["write-3", "read-3"])
        // Jack's lane only: his two writes.
        #expect(Self.ids(try SVG.parse(try folder.read("jack.svg"))).filter { !$0.hasPrefix("head-") }
                == ["write-1", "write-2"])
    }
}
