import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SpriteKernel
@testable import SpriteScript
import Testing

@Suite("run --report: the report folder")
struct ReportTests {
    @Test("the report's files, the same bytes on a second run")
    func deterministic() throws {
        let first = try ExportFolder(), second = try ExportFolder()
        #expect(ReportHarness.run(ReportHarness.sweepAndSharing, folder: first.path).status == .ok)
        #expect(ReportHarness.run(ReportHarness.sweepAndSharing, folder: second.path).status == .ok)
        let files = try ReportHarness.files(first.path)
        #expect(try ReportHarness.files(second.path) == files)
        for name in ["index.html", "results.json", "diagram.svg", "timeline.svg",
                     "chart-crash-policies-crash-losses.svg"] {
            #expect(files[name].map { !$0.isEmpty } == true, "\(name) in \(files.keys.sorted())")
        }
        // The charts of one sweep: only fields that change from cell to cell, three at most.
        let charts = files.keys.filter { $0.hasPrefix("chart-crash-policies-") }
        #expect((1...RunReport.mostChartsPerSweep).contains(charts.count), "\(charts)")
        // Each SVG file is the picture the page shows.
        let page = try first.read("index.html")
        #expect(page.contains("<a href=\"diagram.svg\">diagram.svg</a>"))
        #expect(page.contains("message sequence: "))
    }

    @Test("results.json is byte for byte the run's --format json output, whatever format the run prints")
    func resultsAreTheJSONOutput() throws {
        let folder = try ExportFolder()
        let json = ReportHarness.run(ReportHarness.jackAndJill, folder: nil, format: .json)
        let text = ReportHarness.run(ReportHarness.jackAndJill, folder: folder.path)
        #expect(json.status == .ok && text.status == .ok)
        let results = try folder.read("results.json")
        #expect(results == json.sink.output.map { $0 + "\n" }.joined())
        #expect(results.hasSuffix("\"event\":\"summary\"") == false && results.contains("\"event\":\"summary\""))
        // A JSON run with a report prints what it prints without one, and writes the same results.json.
        let other = try ExportFolder()
        let jsonWithReport = ReportHarness.run(ReportHarness.jackAndJill, folder: other.path, format: .json)
        #expect(jsonWithReport.sink.output == json.sink.output)
        #expect(try other.read("results.json") == results)
    }

    @Test("a help page: results.json has it unbroken as --format json prints it, the page fitted as text is")
    func helpPages() throws {
        let script = "help rpc\nhelp\ncluster { workstation ws1 }"
        let folder = try ExportFolder()
        let json = ReportHarness.run(script, folder: nil, format: .json)
        let text = ReportHarness.run(script, folder: nil)
        let reported = ReportHarness.run(script, folder: folder.path)
        #expect(reported.sink.output == text.sink.output)
        #expect(try folder.read("results.json") == json.sink.output.map { $0 + "\n" }.joined())
        let transcript = try #require(reported.session.interpreter.reporter.transcript)
        let lines = text.sink.output.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        #expect(transcript.textLines.map(\.text) == lines.map(String.init))
        // And the other way round: a JSON run's page has the text fitted to the width.
        let other = try ExportFolder()
        let jsonReported = ReportHarness.run(script, folder: other.path, format: .json)
        #expect(jsonReported.sink.output == json.sink.output)
        let otherTranscript = try #require(jsonReported.session.interpreter.reporter.transcript)
        #expect(otherTranscript.textLines == transcript.textLines)
    }

    @Test("what the terminal gets does not change with --report, and the page has it all",
          arguments: [ReportHarness.jackAndJill, ReportHarness.jackAndJill + "\nexpect stale-reads == 0",
                      "cluster { workstation ws1 }\nrun 1s\nrpc ws1 -> nowhere"])
    func terminalUnchanged(script: String) throws {
        let folder = try ExportFolder()
        let plain = ReportHarness.run(script, folder: nil)
        let reported = ReportHarness.run(script, folder: folder.path)
        #expect(reported.status == plain.status)
        #expect(reported.sink.output == plain.sink.output)
        #expect(reported.sink.errors == plain.sink.errors)
        // The page's <pre> holds both streams' lines, escaped; a line of each is there.
        let page = try folder.read("index.html")
        // A diagnostic reaches the sink as one write of several lines.
        for line in (plain.sink.output + plain.sink.errors).flatMap({ $0.split(separator: "\n") }).prefix(40) {
            #expect(page.contains(ReportMarkup.escape(String(line))), "\(line)")
        }
        #expect(page.contains("exit status \(plain.status.rawValue): "))
    }

    @Test("index.html parses as XML and takes nothing from elsewhere: no script, link, font, image or import")
    func selfContained() throws {
        let folder = try ExportFolder()
        _ = ReportHarness.run(ReportHarness.sweepAndSharing, folder: folder.path)
        let page = try folder.read("index.html")
        let root = try #require(try XMLDocument(xmlString: page).rootElement())
        #expect(root.localName == "html")
        #expect(ReportHarness.elements("svg", in: root).count >= 3, "the diagram, the timeline, a chart inline")
        for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "@import", "@font-face", "src=",
                          "xlink:href"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        // url( only within the page (the diagram's arrowheads), http only in namespace names.
        for range in page.ranges(of: "url(") {
            #expect(page[range.upperBound...].hasPrefix("#"))
        }
        let namespaces = page.ranges(of: "xmlns=\"http").count
        #expect(page.ranges(of: "http").count == namespaces)
        // Every link is to a place in the page or to a file written beside it.
        let names = Set(try ReportHarness.files(folder.path).keys)
        let all = ReportHarness.descendants(root)
        let ids = Set(all.compactMap { ReportHarness.attribute("id", of: $0) })
        for link in all where link.localName == "a" {
            let href = try #require(ReportHarness.attribute("href", of: link))
            if href.hasPrefix("#") {
                // Every one, the outcome view's #write-N and #read-N included: the diagram draws those marks.
                #expect(ids.contains(String(href.dropFirst())), "\(href)")
            } else {
                #expect(names.contains(href), "\(href)")
            }
        }
    }

    @Test("the outcome view: every read with its verdicts; the stale read linked to its mark and the write it missed")
    func outcomeView() throws {
        let folder = try ExportFolder()
        #expect(ReportHarness.run(ReportHarness.jackAndJill, folder: folder.path).status == .ok)
        let root = try #require(try XMLDocument(xmlString: try folder.read("index.html")).rootElement())
        let table = try #require(ReportHarness.descendants(root).first {
            ReportHarness.attribute("class", of: $0)?.contains("outcome-table") == true
        })
        let rows = ReportHarness.elements("tr", in: table).filter { ReportHarness.attribute("id", of: $0) != nil }
        // ReportHarness.jackAndJill: four reads, the third stale under UNIX semantics.
        #expect(rows.map { ReportHarness.attribute("id", of: $0) } == ["verdict-1", "verdict-2", "verdict-3",
                                                                       "verdict-4"])
        #expect(rows.map { ReportHarness.attribute("class", of: $0) } == [nil, nil, "stale-row", nil])
        let readLinks = ReportHarness.elements("a", in: table).compactMap { ReportHarness.attribute("href", of: $0) }
            .filter { $0.hasPrefix("#read-") }
        #expect(readLinks == ["#read-3"])
        let stale = try #require(rows.dropFirst(2).first)
        let cells = ReportHarness.elements("td", in: stale)
        #expect(cells.count == 9)
        #expect(cells[1].stringValue == "11.0001s" && cells[2].stringValue == "jill" && cells[3].stringValue == "/list")
        // The UNIX cell: STALE, the write it missed (jack's append at 10.5s, write 2) linked.
        let unix = cells[5]
        #expect(unix.stringValue?.hasPrefix("STALE") == true, "\(unix.stringValue ?? "")")
        #expect(unix.stringValue?.contains("\"milk eggs\"") == true)
        let links = ReportHarness.elements("a", in: unix).compactMap { ReportHarness.attribute("href", of: $0) }
        #expect(links == ["#write-2"])
        // Session semantics: jack closed his append (10.5078s) before jill opened (11s), so she should have
        // had it too. Transactions: the two sessions conflict; no write to link.
        #expect(cells[6].stringValue?.hasPrefix("STALE") == true)
        #expect(ReportHarness.elements("a", in: cells[6]).compactMap { ReportHarness.attribute("href", of: $0) }
                == ["#write-2"])
        #expect(cells[8].stringValue?.hasPrefix("not-serializable") == true)
        #expect(ReportHarness.elements("a", in: cells[8]).isEmpty)
        // Fresh cells say so and link nothing: jill's first read, of "milk" from fs1.
        let fresh = ReportHarness.elements("td", in: rows[0])
        #expect(fresh.dropFirst(5).map(\.stringValue) == ["fresh", "fresh", "fresh", "fresh"])
        #expect(ReportHarness.elements("a", in: rows[0]).isEmpty)
        // Above the table, the reads not fresh under some model (show outcomes' verdicts: read 2 is not
        // serializable, read 3 stale, read 4 of a shared file that was modified), linked to their rows.
        let page = try folder.read("index.html")
        #expect(page.contains("Reads not fresh under some model: <a href=\"#verdict-2\">2</a>, "
                              + "<a href=\"#verdict-3\">3</a>, <a href=\"#verdict-4\">4</a>."))
    }

    @Test("each picture's style is scoped to its own box: none styles the page or another picture")
    func scopedStyles() throws {
        let folder = try ExportFolder()
        _ = ReportHarness.run(ReportHarness.sweepAndSharing, folder: folder.path)
        let root = try #require(try XMLDocument(xmlString: try folder.read("index.html")).rootElement())
        let all = ReportHarness.descendants(root)
        let boxes = all.filter { ReportHarness.attribute("class", of: $0) == "picture" }
        #expect(boxes.count >= 3)
        for box in boxes {
            let id = try #require(ReportHarness.attribute("id", of: box))
            let styles = ReportHarness.elements("style", in: box)
            #expect(styles.count == 1)
            let rules = (styles.first?.stringValue ?? "").split(separator: "\n").filter { $0.contains("{") }
            #expect(!rules.isEmpty)
            for rule in rules {
                let selectors = rule.prefix { $0 != "{" }.split(separator: ",")
                #expect(selectors.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#\(id) ") },
                        "\(rule)")
            }
        }
        // The scoped rule keeps its declarations: the diagram's lane labels are still bold and centred.
        let page = try folder.read("index.html")
        #expect(page.contains("#report-diagram .lane-label { font-size: 13px; font-weight: bold; "
                              + "text-anchor: middle; }"))
    }

    @Test("the timeline shows the cache state of the file the stale read was of; the pictures obey picture-events")
    func timelineAndLimit() throws {
        let folder = try ExportFolder()
        _ = ReportHarness.run(ReportHarness.jackAndJill, folder: folder.path)
        #expect(try folder.read("timeline.svg").contains("cache of /list"))
        // Jack and Jill's 22 messages (the summary's count) and the stale read's mark are 23; with room for 5,
        // the first 5 messages are kept and 23 - 5 = 18 counted, and the picture says so.
        let limited = try ExportFolder()
        let result = ReportHarness.run("limit picture-events 5\n" + ReportHarness.jackAndJill, folder: limited.path)
        #expect(result.status == .ok)
        let diagram = try limited.read("diagram.svg")
        #expect(diagram.contains("18 messages and marks past the picture-events limit left out"), "\(diagram)")
        #expect(try limited.read("index.html").contains("5 messages between 3 nodes"))
    }

    @Test("writes are numbered as the checker judges them: by start time, then event id")
    func writeNumbers() {
        func event(_ id: Int, _ kind: FileEventKind, at start: Int64) -> FileEvent {
            FileEvent(id: id, kind: kind, node: 0, session: id, file: 0, start: SimTime(nanoseconds: start),
                      end: SimTime(nanoseconds: start + 5))
        }
        // Event 2 is a write that started (at 1) before event 0's (at 2); event 3 starts with event 0 but comes
        // after it; event 1 is a read, not numbered.
        let history = [event(0, .write(content: 1, basedOn: noContent), at: 2), event(1, .read(content: 1), at: 3),
                       event(2, .write(content: 2, basedOn: noContent), at: 1),
                       event(3, .write(content: 3, basedOn: 2), at: 2)]
        #expect(OutcomeView.writeNumbers(history) == [2: 1, 0: 2, 3: 3])
    }

    @Test("a run that sends no message: no diagram, said so, and no link to one")
    func noDiagram() throws {
        let folder = try ExportFolder()
        let result = ReportHarness.run("cluster { workstation ws1 }\nprocess p on ws1\ncompute p 1s\nrun",
                                       folder: folder.path)
        #expect(result.status == .ok)
        let page = try folder.read("index.html")
        #expect(page.contains("The run sent no message: no diagram."))
        #expect(!folder.exists("diagram.svg"))
        #expect(!page.contains("href=\"#write-") && !page.contains("href=\"#read-"))
        #expect(page.contains("The run read no file"))
    }

    @Test("the folder: made when missing, one level only; a link in it is never followed")
    func folder() throws {
        let parent = try ExportFolder()
        let made = HostPath.join(parent.path, "made")
        #expect(ReportHarness.run(ReportHarness.jackAndJill, folder: made).status == .ok)
        #expect(FileManager.default.fileExists(atPath: HostPath.join(made, "index.html")))
        // Two levels missing: refused before anything runs (no output), exit status 2.
        let deep = ReportHarness.run(ReportHarness.jackAndJill, folder: HostPath.join(parent.path, "a/b"))
        #expect(deep.status == .malformed && deep.sink.output.isEmpty)
        #expect(deep.sink.errors.joined().contains("which does not exist"), "\(deep.sink.errors)")
        #expect(!FileManager.default.fileExists(atPath: HostPath.join(parent.path, "a")))
        // index.html a symbolic link to a file outside: refused (exit 5), never written through.
        let outside = HostPath.join(parent.path, "outside.txt")
        let hardOutside = HostPath.join(parent.path, "hard-outside.txt")
        try "mine".write(toFile: outside, atomically: true, encoding: .utf8)
        try "mine too".write(toFile: hardOutside, atomically: true, encoding: .utf8)
        let symlinked = HostPath.join(parent.path, "symlinked")
        try FileManager.default.createDirectory(atPath: symlinked, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: HostPath.join(symlinked, "index.html"),
                                                   withDestinationPath: outside)
        let refused = ReportHarness.run(ReportHarness.jackAndJill, folder: symlinked)
        #expect(refused.status == .outputFailed, "\(refused.sink.errors)")
        #expect(refused.sink.errors.joined().contains("symbolic link"), "\(refused.sink.errors)")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "mine")
        // results.json a hard link to a file outside: the name is replaced by a new file (written under a
        // temporary name, then renamed), so the file outside keeps its bytes.
        let linked = HostPath.join(parent.path, "linked")
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: false)
        #expect(link(hardOutside, HostPath.join(linked, "results.json")) == 0)
        let result = ReportHarness.run(ReportHarness.jackAndJill, folder: linked)
        #expect(result.status == .ok, "\(result.sink.errors)")
        #expect(try String(contentsOfFile: hardOutside, encoding: .utf8) == "mine too")
        let index = try FileManager.default.attributesOfItem(atPath: HostPath.join(linked, "index.html"))
        #expect(index[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: HostPath.join(linked, "results.json"), encoding: .utf8).hasPrefix("{"))
        // No temporary file is left beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: linked).allSatisfy { !$0.hasPrefix(".") })
        // A folder where index.html goes: the write fails, the run ends with 5.
        let taken = HostPath.join(parent.path, "taken")
        try FileManager.default.createDirectory(atPath: HostPath.join(taken, "index.html"),
                                                withIntermediateDirectories: true)
        let failed = ReportHarness.run(ReportHarness.jackAndJill, folder: taken)
        #expect(failed.status == .outputFailed)
        #expect(failed.sink.errors.joined().contains("cannot write the report into"), "\(failed.sink.errors)")
    }

    @Test("a malformed script gets a report too: its errors, exit status 2, in both files")
    func malformed() throws {
        let folder = try ExportFolder()
        let result = ReportHarness.run("cluster { workstation ws1 }\nrpc ws1 -> nowhere", folder: folder.path)
        #expect(result.status == .malformed)
        let page = try folder.read("index.html")
        #expect(page.contains("exit status 2: the script is malformed"))
        #expect(page.contains("<span class=\"stderr\">test.sprite:2:12: error: unknown node"), "\(page)")
        #expect(try folder.read("results.json").contains("\"event\":\"diagnostic\""))
    }
}

extension ReportHarness {
    /// Every element under `element`, in document order.
    static func descendants(_ element: XMLElement) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap { [$0] + descendants($0) }
    }
}
