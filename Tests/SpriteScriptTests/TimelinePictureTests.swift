#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
@testable import SpriteKernel
@testable import SpriteScript
import Testing

@Suite("Timeline picture")
struct TimelinePictureTests {
    /// Two workstations, a 1s compute on each; at 500ms `a` migrates from ws1 to ws2.
    static let twoHosts = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws1, ws2
        }
        migration preset sparcstation-1991
        trace off
        program p { compute 1s }
        spawn p as a on ws1
        spawn p as b on ws2
        at 500ms { migrate a to ws2 }
        run
        """

    static func picture(_ script: String, file: String? = nil) throws -> (String, TimelinePictureModel) {
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok)
        let model = TimelinePictureModel.make(run.session.interpreter, file: file)
        return (TimelinePicture.svg(model), model)
    }

    @Test("two hosts and one migration: a row per CPU, a bar per slice, one arrow from ws1's row down to ws2's")
    func twoHostsOneMove() throws {
        let (text, model) = try Self.picture(Self.twoHosts)
        let root = try #require(try XMLDocument(xmlString: text).rootElement())
        // Rows: ws1 cpu0 and ws2 cpu0 (fs1 runs no scheduled process). Slices: a on ws1 until its freeze,
        // b on ws2 for its 1s, then a on ws2 after b (its remaining half second): 3, as `show timeline` says.
        #expect(ChartPictureTests.elements(root, class: "lane-label").map { $0.stringValue ?? "" }
                == ["ws1 cpu0", "ws2 cpu0"])
        #expect(ChartPictureTests.elements(root, class: "bar").count == 3)
        let arrows = ChartPictureTests.elements(root, class: "move-arrow")
        #expect(arrows.count == 1)
        let arrow = try #require(arrows.first)
        let hover = arrow.elements(forName: "title").first?.stringValue ?? ""
        #expect(hover.hasPrefix("a: ws1 -> ws2, frozen "), "\(hover)")
        let line = try #require(arrow.elements(forName: "line").first)
        #expect(ChartPictureTests.number(line, "y1") < ChartPictureTests.number(line, "y2"), "down from ws1 to ws2")
        // The window is 0 to 1.5655s, the plot 870.4 points wide (960 less 16 on the right and 73.6 of labels:
        // 8 characters × 7.2 + 16): 8 intervals of about 100 points, 1.5655s / 8 = 196ms → 200ms steps,
        // ticks 0 to 1.4s, labelled in seconds; with the axis title, 9 axis labels.
        let labels = ChartPictureTests.elements(root, class: "axis-label").map { $0.stringValue ?? "" }
        #expect(labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4", "time (s)"])
        #expect(model.chart.moves.count == 1)
        // Height: 34 of title, two 30-point rows, 6 + 62 for the axis, two legend lines of 18.
        #expect(text.contains("height=\"198\""), "\(text.prefix(120))")
    }

    @Test("the same script and seed draw the same bytes")
    func deterministic() throws {
        let first = try Self.picture(Self.twoHosts).0
        let second = try Self.picture(Self.twoHosts).0
        #expect(first == second)
    }

    @Test("page faults are ticks on the faulting CPU's row; page-ins and swap-ins are paging I/O ticks")
    func faultTicks() throws {
        // Examples/diskless-paging.sprite: each process faults 513 times, 256 zero-fills of its 1MB data and
        // 257 page reads (its code page, then the data pages it wrote out and touches again): from /swap on
        // the server for the diskless ws1, from its own swap area on ws2.
        let script = """
            cluster {
              network preset sprite-1988
              server fs1 disk fujitsu-eagle
              workstation ws1 memory 1MB diskless
              workstation ws2 memory 1MB disk fujitsu-eagle
            }
            domain / on fs1
            on fs1 { create /bin/loop size 8KB }
            run
            vm ws1 backing files /swap replacement clock
            vm ws2 backing swap replacement clock
            space loop { code /bin/loop 8KB demand; data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
            program loop space loop { compute 51.2ms }
            spawn loop as diskless on ws1
            spawn loop as swapping on ws2
            run
            """
        let (text, model) = try Self.picture(script)
        #expect(model.faults.count == 2 * 513)
        #expect(model.faults.filter(\.isIO).count == 2 * 257)
        let root = try #require(try XMLDocument(xmlString: text).rootElement())
        #expect(ChartPictureTests.elements(root, class: "io-tick").count == 514)
        #expect(ChartPictureTests.elements(root, class: "fault-tick").count == 512)
        // ws1's process faults on ws1's row (row 0), ws2's on row 1.
        #expect(Set(model.faults.filter { $0.process == "diskless" }.map(\.row)) == [0])
        #expect(Set(model.faults.filter { $0.process == "swapping" }.map(\.row)) == [1])
    }

    @Test("a file's cache state per client, from the trace: cached, disabled by the server, stale, cached again")
    func cacheBands() throws {
        let run = ScriptHarness.run("cluster { network ethernet; server fs1; workstation ws1, ws2 }")
        let context = RenderContext(simulation: run.session.interpreter.simulation, labels: [:])
        let (fs1, ws1, ws2) = (0, 1, 2)
        func at(_ ms: Int64, _ node: Int, _ event: TraceEvent) -> TraceRecord {
            TraceRecord(time: .ms(ms), node: node, event: event)
        }
        let records = [
            at(1000, ws1, .fileOpened(operation: 1, path: "/f", session: 1, writable: false, readable: true,
                                      action: .miss, version: 1)),
            at(1500, ws1, .fileOpened(operation: 2, path: "/other", session: 2, writable: false, readable: true,
                                      action: .miss, version: 1)),
            at(2000, fs1, .cachingDisabled(path: "/f", clients: [ws1, ws2])),
            at(3000, fs1, .cachingEnabled(path: "/f")),
            at(3500, ws1, .fileOpened(operation: 3, path: "/f", session: 3, writable: false, readable: true,
                                      action: .validated, version: 2)),
            at(4000, ws1, .invalidated(path: "/f", by: fs1, kept: true)),
            at(5000, ws1, .fileOpened(operation: 4, path: "/f", session: 4, writable: false, readable: true,
                                      action: .droppedStale(cachedVersion: 2, serverVersion: 3), version: 3)),
        ]
        let bands = TimelineCacheStates.bands(records, path: "/f", from: .zero, to: .ms(6000), context)
        #expect(bands.map(\.client) == ["ws1", "ws2"])
        let ws1Spans = bands[0].spans.map { "\($0.state.rawValue) \($0.start)-\($0.end)" }
        #expect(ws1Spans == ["cached 1s-2s", "disabled 2s-3s", "cached 3.5s-4s", "stale 4s-5s", "cached 5s-6s"])
        #expect(bands[1].spans.map { "\($0.state.rawValue) \($0.start)-\($0.end)" } == ["disabled 2s-3s"])
        // A window from 2.5s keeps what overlaps it, cut at its start.
        let late = TimelineCacheStates.bands(records, path: "/f", from: .ms(2500), to: .ms(6000), context)
        #expect(late[0].spans.first.map { "\($0.state.rawValue) \($0.start)-\($0.end)" } == "disabled 2.5s-3s")

        var model = TimelinePictureModel(chart: TimelineChart(rowLabels: ["ws1 cpu0"], slices: [], from: .zero,
                                                              to: .ms(6000)))
        model.cacheFile = "/f"
        model.cacheBands = bands
        let root = try #require(try XMLDocument(xmlString: TimelinePicture.svg(model)).rootElement())
        let spans = ChartPictureTests.elements(root, class: "cache-span")
        #expect(spans.count == 6)
        #expect(ChartPictureTests.elements(root, class: "stale").count == 1)
        let labels = ChartPictureTests.elements(root, class: "lane-label").map { $0.stringValue ?? "" }
        #expect(labels == ["ws1 cpu0", "cache of /f:", "ws1", "ws2"])
    }

    /// Jack and jill share /notes under NFS with write-through caches (cacheBandsFromARun says what happens).
    static let notesRun = """
        cluster {
          network ethernet preset sprite-1988 topology switched
          server fs1 memory 32MB disk 20ms
          workstation jack, jill
        }
        domain / on fs1
        consistency nfs
        cache client policy write-through
        on jack { open /notes rw; write "version 1"; close }
        at 500ms { on jill { open /notes r; read; close } }
        at 1s { on jack { open /notes rw; write "version 2"; close } }
        at 2s { on jill { open /notes r; read; close } }
        run

        """

    @Test("a run's own trace gives the bands: under NFS jill's copy goes stale when jack rewrites the file")
    func cacheBandsFromARun() throws {
        // Examples/sweep-write-policies.sprite, nfs and write-through: jill fetches /notes at 500ms and
        // trusts her copy for 3s; jack rewrites it at 1s; jill's read at 2s returns the old text unchecked.
        let run = ScriptHarness.run(Self.notesRun)
        #expect(run.status == .ok)
        let model = TimelinePictureModel.make(run.session.interpreter, file: "/notes")
        #expect(model.cacheBands.map(\.client) == ["jack", "jill"])
        let jill = try #require(model.cacheBands.last).spans
        #expect(jill.map(\.state) == [.cached, .stale])
        // Her copy from the open at 500ms; stale from the 2s read, to the end of the run.
        #expect(jill[0].start >= .ms(500) && jill[0].start < .ms(600))
        #expect(jill[1].start >= .s(2) && jill[1].start < .ms(2100))
        #expect(jill[1].end == run.session.now)
        #expect(jill[1].why.hasPrefix("a read returned old data: cached version 1"), "\(jill[1].why)")
        #expect(model.cacheBands.first?.spans.map(\.state) == [.cached], "jack's own copy stays current")
        let root = try #require(try XMLDocument(xmlString: TimelinePicture.svg(model)).rootElement())
        #expect(ChartPictureTests.elements(root, class: "stale").count == 1)
    }

    @Test("a thousand moves stay within bounds: arrows up to the overlay's limit, the rest counted in a note")
    func manyMoves() throws {
        var chart = TimelineChart(rowLabels: ["ws1 cpu0", "ws2 cpu0"], slices: [], from: .zero, to: .s(2))
        chart.moves = (0..<1_200).map { index in
            ChartMove(process: "p\(index)", from: "ws1", to: "ws2", fromRow: 0, toRow: 1, frozen: .ms(Int64(index)),
                      unfrozen: .ms(Int64(index) + 1), cause: "migrate", evicted: false, how: nil, unfinished: nil)
        }
        let text = TimelinePicture.svg(TimelinePictureModel(chart: chart))
        let root = try #require(try XMLDocument(xmlString: text).rootElement())
        #expect(ChartPictureTests.elements(root, class: "move-arrow").count == TimelineMoveOverlay.mostDrawn)
        #expect(text.contains("not drawn: 200 moves past the first 1000"))
        // About 400 bytes an arrow: well under a megabyte.
        // One more, frozen at 1.5s and still moving at the window's end: a dashed line on ws1's row, no arrow.
        chart.moves = [ChartMove(process: "late", from: "ws1", to: "ws2", fromRow: 0, toRow: 1, frozen: .ms(1500),
                                 unfrozen: nil, cause: "migrate", evicted: false, how: nil, unfinished: "moving")]
        let frozen = try #require(try XMLDocument(xmlString: TimelinePicture.svg(TimelinePictureModel(chart: chart)))
            .rootElement())
        #expect(ChartPictureTests.elements(frozen, class: "frozen").count == 1)
        #expect(ChartPictureTests.elements(frozen, class: "move-arrow").isEmpty)
        let size = text.utf8.count
        #expect(size < 600_000, "\(size) bytes")
    }
}
