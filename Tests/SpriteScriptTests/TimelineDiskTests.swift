import BrowserTesting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SpriteKernel
@testable import SpriteScript
import Testing

/// The timeline's disk rows: a bar per request a node's disk served, from the arm's start to its end.
///
/// The Eagle's figures (docs/COST-MODEL.md, Disks), each rounded up to the nanosecond as the engine does:
///   rotation    = 30 s / 3961 rpm         =  7.573844989 ms -> 7.573845 ms
///   positioning = 18 ms + rotation        = 25.573845 ms
///   transfer    = 4096 B / 1,859,000 B/s  =  2.203335126 ms -> 2.203336 ms
///   a random block = positioning + transfer = 27.777181 ms; the block after the head's last, 2.203336 ms.
@Suite("Timeline disk rows")
struct TimelineDiskTests {
    static let randomBlock = SimTime(nanoseconds: 27_777_181)
    static let nextBlock = SimTime(nanoseconds: 2_203_336)

    /// fs1's cache is off, so every block read goes to its Eagle (a cold cache for every read). ws1 reads
    /// blocks 11, 2, 7, 14 and 15 of /big one after another: 5 disk reads, the first four random
    /// (27.777181 ms each: none follows the block the head read last), block 15 right after 14 (2.203336 ms).
    /// At 1s ws1 and ws2 each read a block at once: 2 more reads, the second waits for the arm (first come
    /// first served) and starts when the first ends. Nothing is written: 7 reads, no write.
    static let reads = """
        cluster {
          network ethernet preset sprite-1988 topology switched
          server fs1 memory 32MB disk fujitsu-eagle
          workstation ws1, ws2 diskless
        }
        domain / on fs1
        cache fs1 off
        trace off
        on fs1 { create /big size 64KB }
        run
        program p { compute 150ms }
        spawn p as busy on ws1
        on ws1 { open /big r; read block 11; read block 2; read block 7; read block 14; read block 15; close }
        run
        at 1s { on ws1 { open /big r; read block 0; close } }
        at 1s { on ws2 { open /big r; read block 8; close } }
        run

        """

    /// Examples/diskless-paging.sprite's ws2 alone: 1MB of memory (128 frames for VM), a process looping twice
    /// over 256 data pages it writes, paging to a swap area on its own Eagle. By hand (the example's comment):
    /// lap 1 zero-fills all 256 pages, and pages 127-255 need victims: the code page (clean), then data pages
    /// 0-127, each dirty: 128 page-outs; lap 2 faults on each of the 256 pages, each a page-out of a dirty
    /// victim and a page-in from swap. ws2's disk: 384 writes and 256 reads; fs1's: 1 read, the code page of
    /// /bin/loop. The first page-out is random (27.777181 ms); lap 1's next 127 follow it along the swap area
    /// (2.203336 ms each).
    static let paging = """
        cluster {
          network preset sprite-1988
          server fs1 disk fujitsu-eagle
          workstation ws2 memory 1MB disk fujitsu-eagle
        }
        domain / on fs1
        trace off
        on fs1 { create /bin/loop size 8KB }
        run
        vm ws2 backing swap replacement clock
        space loop { code /bin/loop 8KB demand; data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
        program loop space loop { compute 51.2ms }
        spawn loop as swapping on ws2
        run

        """

    static func export(_ script: String, _ line: String) throws -> (root: XMLElement, text: String, run: Session) {
        let folder = try ExportFolder()
        let result = PictureHarness.run(script + line, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let text = try folder.read("t.svg")
        return (try #require(try XMLDocument(xmlString: text).rootElement()), text, result.session)
    }

    static func elements(_ root: XMLElement, _ name: String) -> [XMLElement] {
        ChartPictureTests.elements(root, class: name)
    }

    static func title(_ element: XMLElement) -> String { element.elements(forName: "title").first?.stringValue ?? "" }

    /// The row labels top to bottom (CPU rows are drawn before disk rows, so document order is not it).
    static func rows(_ root: XMLElement) -> [String] {
        ChartPictureTests.elements(root, class: "lane-label").filter { $0.stringValue?.hasSuffix(":") == false }
            .sorted { ChartPictureTests.number($0, "y") < ChartPictureTests.number($1, "y") }
            .map { $0.stringValue ?? "" }
    }

    @Test("a cold server cache: one bar per block read, each as long as the Eagle takes, the queued one after")
    func serverReads() throws {
        let (root, _, session) = try Self.export(Self.reads, "export timeline \"t.svg\"")
        #expect(Self.elements(root, "disk-read").count == 7)
        #expect(Self.elements(root, "disk-write").isEmpty)
        let requests = try #require(session.interpreter.recording?.diskRequests).map(\.request)
        #expect(requests.count == 7)
        #expect(requests.allSatisfy { $0.purpose == .fileRead && $0.path == "/big" && $0.bytes == 4096 })
        #expect(requests.map(\.firstBlock) == [11, 2, 7, 14, 15, 0, 8])
        let lengths = requests.map { $0.end - $0.start }
        #expect(lengths == [Self.randomBlock, Self.randomBlock, Self.randomBlock, Self.randomBlock, Self.nextBlock,
                            Self.randomBlock, Self.randomBlock])
        // One reader at a time: each request starts as it is asked for. At 1s the second waits for the first.
        #expect(requests.prefix(6).allSatisfy { $0.start == $0.requested })
        #expect(requests[6].requested < requests[6].start && requests[6].start == requests[5].end)
        let waits = Self.elements(root, "disk-wait")
        #expect(waits.count == 1)
        #expect(Self.title(waits[0]).contains("waits for the arm until \(requests[5].end)"))
        // The hover text tells the block, the size, the purpose and the times.
        let first = Self.title(Self.elements(root, "disk-read")[0])
        #expect(first == "fs1 disk: read /big block 11, 4KB, file-read; \(requests[0].start) to "
                + "\(requests[0].end) (27.7772ms)", "\(first)")
        // fs1 runs no process: its disk row is the top row, then ws1's CPU (fs1 is declared first).
        #expect(Self.rows(root) == ["fs1 disk", "ws1 cpu0"])
        // A bar spans its request's time on the plot: the window is 0 to the clock's end.
        let bar = Self.elements(root, "disk-read")[4]
        let plot = (left: 73.6, right: 944.0)
        let end = Double(session.interpreter.simulation.now.nanoseconds)
        let width = plot.right - plot.left
        let expected = Double(Self.nextBlock.nanoseconds) / end * width
        #expect(abs(ChartPictureTests.number(bar, "width") - expected) < 0.02)
    }

    @Test("page-outs to a swap area are writes, page-ins reads: as many bars as the pager's transfers")
    func swapWritesAndReads() throws {
        let (root, _, session) = try Self.export(Self.paging, "export timeline \"t.svg\"")
        #expect(Self.elements(root, "disk-write").count == 384)
        #expect(Self.elements(root, "disk-read").count == 257)
        let requests = try #require(session.interpreter.recording?.diskRequests)
        let swap = requests.filter { $0.node == 1 }.map(\.request)
        #expect(swap.filter { $0.purpose == .pageOut }.count == 384)
        #expect(swap.filter { $0.purpose == .pageIn }.count == 256)
        #expect(swap.allSatisfy { $0.path == nil && $0.writes == ($0.purpose == .pageOut) })
        let fs1 = requests.filter { $0.node == 0 }.map(\.request)
        #expect(fs1.count == 1 && fs1.first?.purpose == .pageIn && fs1.first?.path == "/bin/loop")
        // Lap 1's 128 page-outs: the first random, then along the swap area.
        let lapOne = Array(swap.filter(\.writes).prefix(128))
        #expect(lapOne.first.map { $0.end - $0.start } == Self.randomBlock)
        #expect(lapOne.dropFirst().allSatisfy { $0.end - $0.start == Self.nextBlock && $0.sequential })
        #expect(Self.rows(root) == ["fs1 disk", "ws2 cpu0", "ws2 disk"])
        let legend = Self.elements(root, "legend").map { $0.stringValue ?? "" }
        #expect(legend.contains { $0.hasPrefix("disk rows: a bar per request") })
    }

    @Test("nodes keep only their disk rows; a window keeps the requests that overlap it")
    func nodesAndWindow() throws {
        let cpuOnly = try Self.export(Self.reads, "export timeline \"t.svg\" nodes ws1").root
        #expect(Self.rows(cpuOnly) == ["ws1 cpu0"])
        #expect(Self.elements(cpuOnly, "disk-read").isEmpty)
        let diskOnly = try Self.export(Self.reads, "export timeline \"t.svg\" nodes fs1")
        #expect(Self.rows(diskOnly.root) == ["fs1 disk"])
        #expect(Self.elements(diskOnly.root, "disk-read").count == 7)
        // From 900ms on: only the two reads at 1s.
        let late = try Self.export(Self.reads, "export timeline \"t.svg\" from 900ms")
        #expect(Self.elements(late.root, "disk-read").count == 2)
        // Up to 60ms: the reads of blocks 11 (from about 10ms) and 2 (from about 45ms); 7's starts after 80ms.
        let early = try Self.export(Self.reads, "export timeline \"t.svg\" to 60ms")
        let titles = Self.elements(early.root, "disk-read").map(Self.title)
        #expect(titles.count == 2)
        #expect(titles.allSatisfy { $0.contains("block 11") || $0.contains("block 2,") }, "\(titles)")
        // A window with no disk request draws no disk row.
        let none = try Self.export(Self.reads, "export timeline \"t.svg\" from 500ms to 900ms")
        #expect(!Self.rows(none.root).contains("fs1 disk"))
    }

    @Test("the same script and seed draw the same bytes")
    func deterministic() throws {
        let first = try Self.export(Self.reads, "export timeline \"t.svg\"").text
        let second = try Self.export(Self.reads, "export timeline \"t.svg\"").text
        #expect(first == second)
    }

    @Test("past the picture-events limit disk requests are counted, not kept, and the picture says so")
    func limit() throws {
        let (root, _, session) = try Self.export("limit picture-events 5\n" + Self.reads, "export timeline \"t.svg\"")
        #expect(session.interpreter.recording?.diskRequestsOmitted == 2)
        #expect(Self.elements(root, "disk-read").count == 5)
        let notes = Self.elements(root, "legend").map { $0.stringValue ?? "" }
        #expect(notes.contains("2 disk requests past the picture-events limit left out"), "\(notes)")
    }

    @Test("the disk rows are only in the picture: the script's trace is as before, trace messages shows them")
    func traceLevels() throws {
        let folder = try ExportFolder()
        let quiet = PictureHarness.run(Self.reads + "export timeline \"t.svg\"", folder: folder.path)
        #expect(!quiet.sink.text.contains("disk read"))
        let loud = PictureHarness.run(Self.reads.replacingOccurrences(of: "trace off", with: "trace messages"),
                                      folder: nil)
        #expect(loud.sink.text.components(separatedBy: "disk read /big").count - 1 == 7, "\(loud.sink.text)")
        #expect(loud.sink.text.contains("after waiting"))
    }

    @Test("rows top to bottom: each node's CPU rows, then its disk; a node with a disk and no CPU row in its place")
    func laneOrder() {
        let request = DiskRequestSummary(purpose: .fileRead, path: "/f", firstBlock: 0, lastBlock: 0, blocks: 1,
                                         bytes: 4096, requested: .zero, start: .zero, end: .ms(1), sequential: false)
        let disks = [0, 2, 3].map { TimelineDiskRow(node: $0, label: "n\($0) disk", requests: [request]) }
        // CPU rows: node 1 (two CPUs), node 2, node 4.
        let lanes = TimelineDiskRows.lanes(cpuNodes: [1, 1, 2, 4], disks: disks)
        #expect(lanes == [.disk(index: 0), .cpu(row: 0), .cpu(row: 1), .cpu(row: 2), .disk(index: 1),
                          .disk(index: 2), .cpu(row: 3)])
    }

    @Test("in a browser: every disk bar drawn, none over a CPU bar or a label, ws2's disk under its CPU row")
    func browser() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.paging + "export timeline \"t.svg\"", folder: folder.path)
        #expect(result.status == .ok)
        let file = URL(fileURLWithPath: HostPath.join(folder.path, "t.svg"))
        let facts = try BrowserCheck.inspect(file, classes: ["bar", "disk-read", "disk-write", "lane-label",
                                                            "axis-label"],
                                             width: 980, height: 320, browser: browser)
        #expect(facts.errors.isEmpty && facts.console.isEmpty, "\(facts.errors) \(facts.console)")
        #expect(facts.counts["disk-write"] == 384 && facts.counts["disk-read"] == 257)
        for disk in ["disk-read", "disk-write"] {
            #expect(facts.overlaps(disk, "bar").isEmpty, "\(disk) over a CPU bar")
            #expect(facts.overlaps(disk, "lane-label").isEmpty, "\(disk) over a label")
            #expect(facts.overlaps(disk, "axis-label").isEmpty, "\(disk) over the axis")
        }
        // Rows top to bottom: fs1 disk, ws2 cpu0, ws2 disk; every write is on ws2's disk row, under its CPU bars.
        let cpuBottom = (facts.boxes["bar"] ?? []).map { $0.y + $0.height }.max() ?? 0
        #expect((facts.boxes["disk-write"] ?? []).allSatisfy { $0.y >= cpuBottom })
        #expect(facts.screenshotInked > 0.02, "\(facts.screenshotInked)")
        #expect(facts.screenshotColours > 4)
    }
}
