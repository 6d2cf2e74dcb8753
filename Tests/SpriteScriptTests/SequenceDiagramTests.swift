#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
import SpriteKernel
import Testing
@testable import SpriteScript

@Suite("Sequence diagram")
struct SequenceDiagramTests {
    @Test("the SVG parses as XML and has one arrow per delivered message and one cross per lost one")
    func arrowsAndCrosses() throws {
        let folder = try ExportFolder()
        let script = PictureHarness.lossScenario + "\nexport diagram \"run.svg\""
        let result = PictureHarness.run(script, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let root = try Self.parse(try folder.read("run.svg"))
        // PictureHarness.lossScenario: 4 delivered (two request–reply pairs), 3 lost (one request, 3 attempts).
        #expect(Self.elements(root, withClass: "arrow").count == 4)
        #expect(Self.elements(root, withClass: "lost").count == 3)
        #expect(Self.elements(root, withClass: "cross").count == 3)
        #expect(Self.elements(root, withClass: "lane-label").map(\.stringValue) == ["ws1", "ws2", "fs1"])
        #expect(!Self.elements(root, withClass: "axis-label").isEmpty)
        #expect(Self.elements(root, withClass: "partition").count == 1)
        let titles = Self.elements(root, withClass: "arrow").compactMap { $0.elements(forName: "title").first }
        #expect(titles.count == 4)
        #expect(titles.first?.stringValue?.hasPrefix("rpc-request ws1 → fs1: 32B") == true)
        #expect(result.sink.text.contains("exported diagram 'run.svg': 7 messages (3 lost) between 3 nodes"))
    }

    @Test("two runs of one script write the same bytes")
    func deterministic() throws {
        let script = PictureHarness.lossScenario + "\nexport diagram \"run.svg\" collapse"
        let files = try PictureHarness.exportedTwice(script, "run.svg")
        #expect(files.first == files.second)
    }

    @Test("a node subset draws only messages between its nodes, and says how many it left out")
    func nodeSubset() throws {
        let folder = try ExportFolder()
        _ = PictureHarness.run(PictureHarness.lossScenario + "\nexport diagram \"ws2.svg\" nodes ws2, fs1",
                               folder: folder.path)
        let root = try Self.parse(try folder.read("ws2.svg"))
        // Only ws2's request and reply; ws1's 2 delivered and 3 lost are left out.
        #expect(Self.elements(root, withClass: "arrow").count == 2)
        #expect(Self.elements(root, withClass: "lane-label").map(\.stringValue) == ["ws2", "fs1"])
        #expect(try folder.read("ws2.svg").contains("5 messages to or from nodes not drawn left out"))
    }

    @Test("a window draws the messages that overlap it")
    func window() throws {
        let folder = try ExportFolder()
        // The first two calls end by 400us; the partitioned attempts are at 400us-ish and later (10ms apart).
        _ = PictureHarness.run(PictureHarness.lossScenario + "\nexport diagram \"late.svg\" from 1ms",
                               folder: folder.path)
        let root = try Self.parse(try folder.read("late.svg"))
        #expect(Self.elements(root, withClass: "arrow").isEmpty)
        // Attempts 2 and 3 are sent 10ms and 20ms after the first.
        #expect(Self.elements(root, withClass: "lost").count == 2)
    }

    @Test("collapse draws a repeated request and reply once each, labelled with the count")
    func collapse() throws {
        let folder = try ExportFolder()
        let script = """
            cluster { workstation ws1; server fs1 }
            rpc ws1 -> fs1 count 5
            run
            export diagram "all.svg"
            export diagram "once.svg" collapse
            """
        let result = PictureHarness.run(script, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let all = try Self.parse(try folder.read("all.svg")), once = try Self.parse(try folder.read("once.svg"))
        // 5 calls in series: 5 requests and 5 replies alternating, one exchange repeated 5 times.
        #expect(Self.elements(all, withClass: "arrow").count == 10)
        #expect(Self.elements(once, withClass: "arrow").count == 2)
        #expect(Self.elements(once, withClass: "count").map(\.stringValue) == ["×5", "×5"])
    }

    @Test("10 and 1,000 messages make pictures of sensible sizes")
    func sizes() throws {
        for calls in [5, 500] {
            let folder = try ExportFolder()
            let script = """
                cluster { workstation ws1, ws2, ws3; server fs1 }
                rpc ws1 -> fs1 count \(calls)
                run
                export diagram "run.svg"
                """
            _ = PictureHarness.run(script, folder: folder.path)
            let root = try Self.parse(try folder.read("run.svg"))
            let messages = 2 * calls
            #expect(Self.elements(root, withClass: "arrow").count == messages)
            let width = try #require(Double(Self.attribute("width", of: root) ?? ""))
            let height = try #require(Double(Self.attribute("height", of: root) ?? ""))
            // Four lanes of 120 points and the axis: the width does not grow with the messages.
            #expect(width >= 400 && width <= 800)
            // Each moment gets 6 to 80 points: 10 messages fit a screen, 1,000 stay a scrollable page
            // (at most about 14 points a message, not the 80 a quiet gap may take).
            if messages == 10 {
                #expect(height >= 250 && height <= 1_200)
            } else {
                #expect(height >= Double(messages) * 6 && height <= Double(messages) * 14 + 400)
            }
        }
    }

    @Test("recording changes nothing a script prints, whatever its trace level")
    func recordingIsInvisible() throws {
        let folder = try ExportFolder()
        for level in ["off", "operations", "faults", "messages"] {
            let script = "trace \(level)\n" + PictureHarness.lossScenario + "\nshow trace"
            let plain = PictureHarness.run(script, folder: nil)
            let recorded = PictureHarness.run(script + "\nexport shiviz \"x.log\"", folder: folder.path)
            let exportLine = recorded.sink.output.last ?? ""
            #expect(exportLine.hasPrefix("exported shiviz"))
            #expect(Array(recorded.sink.output.dropLast()) == plain.sink.output, "trace \(level)")
        }
    }

    @Test("messages past the picture-events limit are counted and said on the picture")
    func limit() throws {
        let folder = try ExportFolder()
        let script = """
            limit picture-events 3
            cluster { workstation ws1; server fs1 }
            rpc ws1 -> fs1 count 4
            run
            export diagram "run.svg"
            """
        let result = PictureHarness.run(script, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let root = try Self.parse(try folder.read("run.svg"))
        // 8 messages: the first 3 kept, 5 past the limit.
        #expect(Self.elements(root, withClass: "arrow").count == 3)
        #expect(try folder.read("run.svg").contains("5 messages and marks past the picture-events limit left out"))
    }

    // MARK: Reading SVG

    static func parse(_ text: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: text)
        return try #require(document.rootElement())
    }

    static func elements(_ root: XMLElement, withClass name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack = [root]
        while let element = stack.popLast() {
            let classes = attribute("class", of: element)?.split(separator: " ").map(String.init) ?? []
            if classes.contains(name) { found.append(element) }
            stack += (element.children ?? []).compactMap { $0 as? XMLElement }.reversed()
        }
        return found
    }

    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }
}
