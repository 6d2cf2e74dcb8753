#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
import SpriteKernel
import Testing
@testable import SpriteScript

/// `export diagram … lanes process`: a lane per process (and per node's kernel), messages between them.
@Suite("Sequence diagram, process lanes")
struct ProcessLaneTests {
    /// Two declared processes on fs1: the client sends, the server receives and replies. Both V messages
    /// stay on fs1 (local: the kernel copies them), so by node they are loops on one lane.
    static let twoProcesses = """
        cluster {
          network ethernet preset v-1983 topology bus
          server fs1
          process server on fs1
          process client on fs1
        }
        send client -> server "ping"
        receive server
        reply server -> client "pong"
        run
        """

    /// A worker on ws1 sends to a server program on fs1, migrates to ws2 at 500ms (the migration is kernel
    /// RPCs between ws1 and ws2), sends again from ws2, then writes /out through to fs1 (file calls).
    static let migrating = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws1, ws2
        }
        domain / on fs1
        cache client policy write-through
        migration preset sparcstation-1991
        migration
        program server { repeat 2 { receive; reply worker "ok" } }
        program worker { send server "a"; compute 1s; send server "b"; open /out rw; write "done"; close }
        spawn server as server on fs1
        spawn worker as worker on ws1
        at 500ms { migrate worker to ws2 }
        run
        """

    typealias SVG = SequenceDiagramTests

    static func export(_ script: String, _ statement: String, file: String) throws -> XMLElement {
        let folder = try ExportFolder()
        let result = PictureHarness.run(script + "\n" + statement, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        return try SVG.parse(try folder.read(file))
    }

    @Test("two processes on one node: two lanes, the send and the reply arrows between them")
    func twoProcessesOnOneNode() throws {
        let root = try Self.export(Self.twoProcesses, "export diagram \"ipc.svg\" lanes process", file: "ipc.svg")
        // By hand: lanes are the processes that send or receive (no message is the kernel's own, so no kernel
        // lane), grouped by node (both on fs1), in the order first met: the client sends first, then the
        // server receives. The send goes client → server, the reply server → client: 2 arrows.
        let labels = SVG.elements(root, withClass: "lane-label")
        #expect(labels.map(\.stringValue) == ["client@fs1", "server@fs1"])
        let x = labels.compactMap { SVG.attribute("x", of: $0) }
        let arrows = SVG.elements(root, withClass: "arrow")
        #expect(arrows.count == 2)
        let ends = arrows.map { [SVG.attribute("x1", of: $0), SVG.attribute("x2", of: $0)].compactMap { $0 } }
        #expect(ends == [[x[0], x[1]], [x[1], x[0]]])
        let titles = arrows.compactMap { $0.elements(forName: "title").first?.stringValue }
        #expect(titles.first?.hasPrefix("send client@fs1 → server@fs1: 32B, sent 0s, delivered") == true)

        // By node, the same run is one lane with the two messages as loops beside it.
        let byNode = try Self.export(Self.twoProcesses, "export diagram \"n.svg\"", file: "n.svg")
        #expect(SVG.elements(byNode, withClass: "lane-label").map(\.stringValue) == ["fs1"])
        #expect(SVG.elements(byNode, withClass: "arrow").count == 2)
    }

    @Test("a migrated process keeps one lane, with the move marked on it")
    func migratedProcessKeepsItsLane() throws {
        let root = try Self.export(Self.migrating, "export diagram \"m.svg\" lanes process", file: "m.svg")
        // By hand, nodes in declared order, each with its kernel first, then its processes as first met:
        // fs1: its kernel (the server end of the file calls), the server program; ws1: its kernel (the
        // migration's RPCs), the worker (first seen on ws1, labelled with where it moved); ws2: its kernel.
        #expect(SVG.elements(root, withClass: "lane-label").map(\.stringValue)
                == ["kernel@fs1", "server@fs1", "kernel@ws1", "worker@ws1→ws2", "kernel@ws2"])
        let moves = SVG.elements(root, withClass: "move")
        #expect(moves.count == 1)
        #expect(moves.first?.elements(forName: "title").first?.stringValue?
            .hasPrefix("worker migrated from ws1 to ws2 at") == true)
        // The worker's 4 V messages (2 sends, 2 replies) before and after the move all end on its one lane.
        let workerX = try #require(SVG.attribute("x", of: SVG.elements(root, withClass: "lane-label")[3]))
        let ipc = SVG.elements(root, withClass: "ipc")
        #expect(ipc.count == 4)
        #expect(ipc.allSatisfy { SVG.attribute("x1", of: $0) == workerX || SVG.attribute("x2", of: $0) == workerX })
        // Its write of /out is marked beside its lane too (the square's left edge 5.5 right of the lane).
        let write = try #require(SVG.elements(root, withClass: "write").first)
        #expect(SVG.attribute("x", of: write).flatMap(Double.init).map { $0 - 5.5 } == Double(workerX))
    }

    @Test("a node subset keeps the processes on those nodes and the messages between them")
    func nodeSubset() throws {
        let root = try Self.export(Self.migrating, "export diagram \"s.svg\" lanes process nodes fs1, ws1",
                                   file: "s.svg")
        // Between fs1 and ws1: only the worker's first send and its reply (after the move it is on ws2; the
        // migration is ws1–ws2; the file calls are ws2–fs1). So two lanes, and no move drawn.
        #expect(SVG.elements(root, withClass: "lane-label").map(\.stringValue) == ["server@fs1", "worker@ws1"])
        #expect(SVG.elements(root, withClass: "arrow").count == 2)
        #expect(SVG.elements(root, withClass: "move").isEmpty)
    }

    @Test("Mermaid and ShiViz draw the same process lanes")
    func mermaidAndShiViz() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.twoProcesses + "\nexport mermaid \"p.md\" lanes process\n"
                                        + "export shiviz \"p.log\" lanes process", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let mermaid = try folder.read("p.md")
        #expect(mermaid.contains("participant n0 as client@fs1\n    participant n1 as server@fs1\n"))
        #expect(mermaid.contains("n0->>n1: send 32B at 0s"))
        // ShiViz: the client's send ticks its clock; the server's receive merges it.
        let log = try folder.read("p.log").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(log[3] == "client@fs1 {\"client@fs1\":1}")
        #expect(log[5] == "server@fs1 {\"client@fs1\":1, \"server@fs1\":1}")
    }

    @Test("every arrow and lost line has hover text: kind, ends, bytes, times, and a retransmission's attempt")
    func hoverText() throws {
        let root = try Self.export(PictureHarness.lossScenario, "export diagram \"k.svg\" lanes process",
                                   file: "k.svg")
        // PictureHarness.lossScenario has no process: every message is a kernel's, so the lanes are the
        // kernels, nodes in declared order (ws1, ws2, fs1).
        #expect(SVG.elements(root, withClass: "lane-label").map(\.stringValue)
                == ["kernel@ws1", "kernel@ws2", "kernel@fs1"])
        let lines = SVG.elements(root, withClass: "arrow") + SVG.elements(root, withClass: "lost")
        #expect(lines.count == 7)
        let titles = lines.compactMap { $0.elements(forName: "title").first?.stringValue }
        #expect(titles.count == lines.count)
        for title in titles {
            #expect(title.hasPrefix("rpc-"), "\(title)")
            #expect(title.contains("kernel@ws1 → kernel@fs1: 32B") || title.contains("kernel@fs1 → kernel@ws")
                    || title.contains("kernel@ws2 → kernel@fs1: 32B"), "\(title)")
            #expect(title.contains(", sent "), "\(title)")
            #expect(title.contains(", delivered ") || title.contains(", lost at "), "\(title)")
        }
        // The partitioned request's three attempts: the first says nothing, the next two their number.
        let lost = titles.filter { $0.contains("lost at") }
        #expect(lost.map { $0.contains("attempt 2") } == [false, true, false])
        #expect(lost.map { $0.contains("attempt 3") } == [false, false, true])
    }

    @Test("an unknown lane kind is refused with a suggestion")
    func unknownLaneKind() {
        let result = PictureHarness.run(Self.twoProcesses + "\nexport diagram \"x.svg\" lanes proces",
                                        folder: nil)
        #expect(result.status == .malformed)
        #expect(result.sink.errorText.contains("unknown lane kind 'proces'"))
        #expect(result.sink.errorText.contains("did you mean 'process'"))
    }

    @Test("process lanes: the same script draws the same bytes")
    func deterministic() throws {
        let script = Self.migrating + "\nexport diagram \"m.svg\" lanes process collapse"
        let files = try PictureHarness.exportedTwice(script, "m.svg")
        #expect(files.first == files.second)
    }
}
