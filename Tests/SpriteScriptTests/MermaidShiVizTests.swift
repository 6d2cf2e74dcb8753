import Foundation
import SpriteKernel
import Testing
@testable import SpriteScript

@Suite("Mermaid and ShiViz exports")
struct MermaidShiVizTests {
    /// ws1 calls fs1, then ws2 calls fs1: three nodes, eight events, each caused by the one before it.
    static let threeNodes = """
        cluster { workstation ws1, ws2; server fs1 }
        rpc ws1 -> fs1
        run
        rpc ws2 -> fs1
        run
        export shiviz "run.log"
        export mermaid "run.md"
        """

    @Test("the ShiViz log parses with ShiViz's default expression and carries the vector clocks derived by hand")
    func shivizClocks() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.threeNodes, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let text = try folder.read("run.log")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == #"(?<event>.*)\n(?<host>\S*) (?<clock>{.*})"#)
        #expect(lines[1].isEmpty, "the second line is the (empty) delimiter between executions")
        let events = try Self.parseShiViz(lines.dropFirst(2).joined(separator: "\n"))
        // By hand: a send ticks the sender; a receive takes the maximum with the sender's clock, then ticks.
        //   ws1 sends the request            ws1 {ws1:1}
        //   fs1 receives it                  fs1 {ws1:1, fs1:1}
        //   fs1 sends the reply              fs1 {ws1:1, fs1:2}
        //   ws1 receives it                  ws1 {ws1:2, fs1:2}
        //   ws2 sends its request            ws2 {ws2:1}
        //   fs1 receives it                  fs1 {ws1:1, ws2:1, fs1:3}
        //   fs1 sends the reply              fs1 {ws1:1, ws2:1, fs1:4}
        //   ws2 receives it: ws1's send is now in its past   ws2 {ws1:1, ws2:2, fs1:4}
        let expected: [(String, [String: Int])] = [
            ("ws1", ["ws1": 1]), ("fs1", ["ws1": 1, "fs1": 1]), ("fs1", ["ws1": 1, "fs1": 2]),
            ("ws1", ["ws1": 2, "fs1": 2]), ("ws2", ["ws2": 1]), ("fs1", ["ws1": 1, "ws2": 1, "fs1": 3]),
            ("fs1", ["ws1": 1, "ws2": 1, "fs1": 4]), ("ws2", ["ws1": 1, "ws2": 2, "fs1": 4]),
        ]
        #expect(events.count == expected.count)
        for (event, want) in zip(events, expected) {
            #expect(event.host == want.0 && event.clock == want.1, "\(event)")
        }
        #expect(events.first?.event.hasPrefix("send rpc-request to fs1") == true)
        #expect(events.last?.event.hasPrefix("receive rpc-reply from fs1") == true)
    }

    @Test("the Mermaid file is a fenced sequenceDiagram with a participant per node and a line per message")
    func mermaid() throws {
        let folder = try ExportFolder()
        _ = PictureHarness.run(PictureHarness.lossScenario + "\nexport mermaid \"run.md\"", folder: folder.path)
        let lines = try folder.read("run.md").split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "```mermaid"))
        #expect(lines[start + 1] == "sequenceDiagram")
        #expect(lines.last == "```")
        #expect(lines.contains("    participant n0 as ws1"))
        #expect(lines.contains("    participant n2 as fs1"))
        // PictureHarness.lossScenario: 4 delivered, 3 lost.
        #expect(lines.filter { $0.contains("->>") }.count == 4)
        #expect(lines.filter { $0.contains("-x") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("    Note over n0,n2: partitioned at") })
    }

    @Test("Mermaid text cannot end a statement or start a comment or an entity")
    func mermaidEscaping() {
        #expect(MermaidWriter.escape("a;b#c%%d\ne<f>") == "a#59;b#35;c#37;#37;d e#60;f#62;")
    }

    /// Events of a ShiViz log read with ShiViz's default expression, clocks decoded as JSON.
    static func parseShiViz(_ log: String) throws -> [(event: String, host: String, clock: [String: Int])] {
        let expression = try NSRegularExpression(pattern: #"(?<event>.*)\n(?<host>\S*) (?<clock>\{.*\})"#)
        let range = NSRange(log.startIndex..., in: log)
        return try expression.matches(in: log, range: range).map { match in
            func group(_ name: String) throws -> String {
                let range = try #require(Range(match.range(withName: name), in: log))
                return String(log[range])
            }
            let clock = try JSONSerialization.jsonObject(with: Data(try group("clock").utf8))
            return (try group("event"), try group("host"), try #require(clock as? [String: Int]))
        }
    }
}
