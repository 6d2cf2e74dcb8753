import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SpriteScript
import Testing

/// A script that resets between setups gets one section per part, each with its own verdicts and pictures.
@Suite("Report parts")
struct ReportPartsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Examples/\(name)"), encoding: .utf8)
    }

    /// The verdict counts `show outcomes` prints for each part in `expected` (its summary line, "reads not
    /// fresh by model: unix 1, session 1, immutable 2, transaction 2; lost updates 1", and its title's
    /// "outcomes (4 reads)"), as the report's verdict table words them.
    static func outcomeCaptions(_ expected: String) -> [String] {
        let words = expected.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let reads = words.ranges(of: "outcomes (").map { range in
            Int(words[range.upperBound...].prefix { $0.isNumber }) ?? -1
        }
        let counts = words.ranges(of: "reads not fresh by model: ").map { range in
            let summary = words[range.upperBound...].prefix { $0 != ";" } + " "
                + words[range.upperBound...].drop { $0 != ";" }.dropFirst().prefix { $0 != ";" }
            return summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        return zip(reads, counts).map { reads, numbers in
            guard numbers.count == 5 else { return "unreadable: \(numbers)" }
            return "\(Plural.of(reads, "read")); not fresh: \(numbers[0]) unix, \(numbers[1]) session, "
                + "\(numbers[2]) immutable, \(numbers[3]) transaction; \(Plural.of(numbers[4], "lost update"))"
        }
    }

    static func page(_ folder: ExportFolder) throws -> XMLElement {
        try #require(try XMLDocument(xmlString: folder.read("index.html")).rootElement())
    }

    static func parts(_ root: XMLElement) -> [XMLElement] {
        ReportHarness.descendants(root).filter { $0.localName == "section" && ReportHarness.attribute("class", of: $0)
            == "part" }
    }

    @Test("Jack and Jill: one section per part, in order, each with the verdicts show outcomes gives that part")
    func jackAndJill() throws {
        let folder = try ExportFolder()
        #expect(ReportHarness.run(try Self.example("jack-and-jill.sprite"), folder: folder.path).status == .ok)
        let expected = Self.outcomeCaptions(try Self.example("jack-and-jill.expected"))
        // By hand, as the expected file says: NFS 4 reads (unix 1, session 1, immutable 2, transaction 2; 1 lost
        // update), Sprite 4 reads (only immutable 2: the file was shared while modified), NFS again 3 reads
        // (unix 2, session 0, immutable 2, transaction 2; 1 lost update).
        #expect(expected == [
            "4 reads; not fresh: 1 unix, 1 session, 2 immutable, 2 transaction; 1 lost update",
            "4 reads; not fresh: 0 unix, 0 session, 2 immutable, 0 transaction; 0 lost updates",
            "3 reads; not fresh: 2 unix, 0 session, 2 immutable, 2 transaction; 1 lost update",
        ])
        let root = try Self.page(folder)
        let parts = Self.parts(root)
        #expect(parts.map { ReportHarness.attribute("id", of: $0) } == ["part-1", "part-2", "part-3"])
        for (part, caption) in zip(parts, expected) {
            let tables = ReportHarness.elements("table", in: part)
                .filter { (ReportHarness.attribute("class", of: $0) ?? "").contains("outcome-table") }
            #expect(tables.count == 1)
            #expect(tables.first.flatMap { ReportHarness.elements("caption", in: $0).first?.stringValue } == caption)
            // Each part draws its own diagram and timeline.
            #expect(ReportHarness.elements("svg", in: part).count == 2)
        }
        // Titled by the echo above each reset, spanning the script's lines from there.
        let titles = parts.compactMap { ReportHarness.elements("h2", in: $0).first?.stringValue }
        #expect(titles == [
            "Part 1 · lines 1–27 · === NFS: client-validated caches, 3s attribute timeout ===",
            "Part 2 · lines 28–50 · === Sprite: the version check at open catches the new version ===",
            "Part 3 · lines 51–75 · === NFS again: Jill appends first, but her close stores it last ===",
        ])
        let names = Set(try ReportHarness.files(folder.path).keys)
        #expect(names == ["index.html", "results.json", "diagram-1.svg", "diagram-2.svg", "diagram-3.svg",
                          "timeline-1.svg", "timeline-2.svg", "timeline-3.svg"])
        // Part 1's stale read (read 3) links to part 1's mark; the standalone file keeps plain ids.
        let page = try folder.read("index.html")
        #expect(page.contains("href=\"#p1-read-3\""))
        #expect(page.contains("href=\"#p3-read-2\"") && page.contains("href=\"#p3-read-3\""))
        #expect(!page.contains("href=\"#read-") && !page.contains("href=\"#verdict-"))
        #expect(try folder.read("diagram-1.svg").contains("id=\"head-"))
        #expect(!(try folder.read("diagram-1.svg")).contains("id=\"p1-"))
    }

    @Test("the output marks where each part begins: a line linked to the part, just above its echo")
    func outputMarks() throws {
        let folder = try ExportFolder()
        _ = ReportHarness.run(try Self.example("jack-and-jill.sprite"), folder: folder.path)
        let root = try Self.page(folder)
        let output = try #require(ReportHarness.elements("pre", in: root).first)
        let text = try #require(output.stringValue)
        let marks = ReportHarness.elements("a", in: output)
        #expect(marks.compactMap { ReportHarness.attribute("id", of: $0) }
                == ["output-part-1", "output-part-2", "output-part-3"])
        #expect(marks.compactMap { ReportHarness.attribute("href", of: $0) } == ["#part-1", "#part-2", "#part-3"])
        let sprite = try #require(text.range(of: "▶ Part 2"))
        #expect(text[sprite.upperBound...].split(separator: "\n").dropFirst().first?.contains("echo    === Sprite")
                == true)
    }

    @Test("every in-page link lands on exactly one id, in a page with parts as in one without")
    func linksResolveOnce() throws {
        let sweepThenSharing = ReportHarness.sweepAndSharing.replacingOccurrences(
            of: "\ncluster {\n  network ethernet preset sprite-1988 topology bus",
            with: "\nreset\ncluster {\n  network ethernet preset sprite-1988 topology bus")
        #expect(sweepThenSharing != ReportHarness.sweepAndSharing)
        for script in [try Self.example("jack-and-jill.sprite"), sweepThenSharing, ReportHarness.sweepAndSharing] {
            let folder = try ExportFolder()
            _ = ReportHarness.run(script, folder: folder.path)
            let all = ReportHarness.descendants(try Self.page(folder))
            let ids = all.compactMap { ReportHarness.attribute("id", of: $0) }
            #expect(Set(ids).count == ids.count, "ids used twice: \(ids.filter { id in ids.count { $0 == id } > 1 })")
            // The diagram's read and write marks carry their ids once the diagram draws them.
            let hasMarks = ids.contains { $0.contains("write-") && !$0.contains("verdict") }
            for href in all.compactMap({ $0.localName == "a" ? ReportHarness.attribute("href", of: $0) : nil })
            where href.hasPrefix("#") {
                let mark = href.contains("read-") || href.contains("write-")
                if !mark || hasMarks { #expect(ids.count { "#" + $0 == href } == 1, "\(href)") }
            }
        }
    }

    @Test("the sweep's chart and table belong to the part that ran it")
    func chartsInTheirPart() throws {
        let script = ReportHarness.sweepAndSharing.replacingOccurrences(
            of: "\ncluster {\n  network ethernet preset sprite-1988 topology bus",
            with: "\nreset\ncluster {\n  network ethernet preset sprite-1988 topology bus")
        let folder = try ExportFolder()
        #expect(ReportHarness.run(script, folder: folder.path).status == .ok)
        let parts = Self.parts(try Self.page(folder))
        #expect(parts.count == 2)
        let links = parts.map { ReportHarness.descendants($0).compactMap { ReportHarness.attribute("href", of: $0) } }
        #expect(links.first?.contains { $0.hasPrefix("chart-1-crash-policies-") } == true)
        #expect(links.last?.contains { $0.hasPrefix("chart-") } == false)
        #expect(parts.last?.stringValue?.contains("no sweep and no pmake build") == true)
        #expect(try ReportHarness.files(folder.path).keys.contains { $0.hasPrefix("chart-1-crash-policies-") })
    }

    @Test("the same script and seed give the same bytes in every file of a report with parts")
    func deterministic() throws {
        let first = try ExportFolder(), second = try ExportFolder()
        let script = try Self.example("jack-and-jill.sprite")
        _ = ReportHarness.run(script, folder: first.path)
        _ = ReportHarness.run(script, folder: second.path)
        let files = try ReportHarness.files(first.path)
        #expect(files.count == 8)
        #expect(files == (try ReportHarness.files(second.path)))
    }

    @Test("no reset: one part, drawn as a report always was (plain ids and file names, no parts)")
    func noReset() throws {
        let folder = try ExportFolder()
        _ = ReportHarness.run(ReportHarness.jackAndJill, folder: folder.path)
        #expect(Set(try ReportHarness.files(folder.path).keys)
                == ["index.html", "results.json", "diagram.svg", "timeline.svg"])
        let page = try folder.read("index.html")
        #expect(!page.contains("part-") && !page.contains("\"p1-") && !page.contains("Parts"))
        #expect(page.contains("<section id=\"report-outcomes\">\n<h2>Read verdicts</h2>"))
        #expect(page.contains("href=\"#read-3\""))
    }

    @Test("the parts share the picture budget: later parts get what earlier ones left, and the page says so")
    func sharedBudget() throws {
        // Jack and Jill keeps 23 messages and marks (22 messages, one stale read; ReportTests.timelineAndLimit)
        // and 9 records for the timeline (cache records of /list and disk requests), each list bounded by the
        // limit on its own as in a run without reset: part 1 keeps all 32. Part 2, the same run again, has
        // max(0, 30 - 32) = 0 left: it keeps nothing and leaves out its 23 + 9 = 32, and its diagram says so.
        let script = "limit picture-events 30\n" + ReportHarness.jackAndJill + "\nreset\n" + ReportHarness.jackAndJill
        let folder = try ExportFolder()
        #expect(ReportHarness.run(script, folder: folder.path).status == .ok)
        #expect(!(try folder.read("diagram-1.svg")).contains("past the picture-events limit"))
        #expect(try folder.read("diagram-2.svg").contains("past the picture-events limit left out"))
        let page = try folder.read("index.html")
        #expect(page.contains("The parts share one picture budget"))
        #expect(page.contains("Pictures were cut in part 2 (32 left out)."))
    }
}
