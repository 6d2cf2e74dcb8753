import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpriteScript

@Suite("export timeline")
struct TimelineExportTests {
    /// TimelinePictureTests.cacheBandsFromARun's run, traced at no level: jill fetches /notes at 500ms and
    /// trusts her copy; jack rewrites it at 1s; jill's read at 2s returns the old text (stale).
    static let notes = "trace off\n" + TimelinePictureTests.notesRun

    static func root(_ folder: ExportFolder, _ name: String) throws -> XMLElement {
        try #require(try XMLDocument(xmlString: folder.read(name)).rootElement())
    }

    static func labels(_ root: XMLElement) -> [String] {
        ChartPictureTests.elements(root, class: "lane-label").map { $0.stringValue ?? "" }
    }

    @Test("the cache bands come from the recording even when the script traces nothing")
    func cacheBandsWithTraceOff() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.notes + "export timeline \"t.svg\" file /notes", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let root = try Self.root(folder, "t.svg")
        // Both clients opened /notes: a band each; jill's copy is stale from her 2s read (one stale span).
        #expect(Self.labels(root).suffix(3) == ["cache of /notes:", "jack", "jill"], "\(Self.labels(root))")
        #expect(ChartPictureTests.elements(root, class: "stale").count == 1)
        #expect(result.sink.text.contains("exported timeline 't.svg': "))
        #expect(result.sink.text.contains("; cache of /notes on 2 clients"), "\(result.sink.text)")
    }

    @Test("nodes keep only their CPU rows and their cache bands")
    func nodeSubset() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.notes + "export timeline \"t.svg\" nodes jill file /notes",
                                        folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let labels = Self.labels(try Self.root(folder, "t.svg"))
        #expect(labels.allSatisfy { !$0.hasPrefix("jack") && !$0.hasPrefix("fs1") }, "\(labels)")
        #expect(labels.suffix(2) == ["cache of /notes:", "jill"], "\(labels)")
        #expect(result.sink.text.contains("cache of /notes on 1 client"), "\(result.sink.text)")
    }

    @Test("two runs write the same bytes")
    func deterministic() throws {
        let files = try PictureHarness.exportedTwice(Self.notes + "export timeline \"t.svg\" file /notes", "t.svg")
        #expect(files.first == files.second)
    }

    @Test("malformed timeline exports are errors with a suggestion")
    func malformed() throws {
        let folder = try ExportFolder()
        let cases: [(String, String)] = [
            ("export timelin \"t.svg\"", "did you mean 'timeline'?"),
            ("export timeline \"t.png\"", "an exported timeline is written to a file ending in '.svg'"),
            ("export timeline \"t.svg\" nodes jil", "unknown node 'jil'"),
            ("export timeline \"t.svg\" from 2s to 1s", "the window ends before it starts"),
            ("export timeline \"t.svg\" file notes", "expected the file whose cache state is drawn"),
        ]
        for (line, message) in cases {
            let result = PictureHarness.run(Self.notes + line, folder: folder.path)
            #expect(result.status == .malformed, "\(line)")
            #expect(result.sink.errorText.contains(message), "\(line): \(result.sink.errorText)")
            #expect(result.sink.errorText.contains("help:"), "\(line): \(result.sink.errorText)")
        }
        #expect(PictureHarness.run(Self.notes + "export timeline \"t.svg\" nodes jil", folder: folder.path)
            .sink.errorText.contains("did you mean 'jill'?"))
    }
}
