import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SpriteScript
import Testing

/// Runs scripts with `--report` in process, and reads back what they wrote.
enum ReportHarness {
    /// Jack and Jill under NFS with a 3s attribute timeout (Examples/pictures/jack-and-jill.sprite without its
    /// exports). By hand, in the order of the file history:
    ///   writes: 1 jack's "milk" (0s), 2 jack's append " eggs" (10.5s), 3 jill's append " bread" (11s);
    ///   reads:  1 jill at 10s ("milk", from fs1: fresh), 2 jack at 10.5s ("milk", his cache: fresh),
    ///           3 jill at 11s: her copy of "milk" is 1s old, within the 3s timeout, so not checked: STALE under
    ///             UNIX semantics, which expect "milk eggs", made by write 2;
    ///           4 jack at 20s ("milk bread", the last write: fresh under UNIX).
    static let jackAndJill = TextOutputTests.cluster + """
        on jack { open /list rw; write "milk"; close }
        at 10s { on jill { open /list r; read; close } }
        at 10.5s { on jack { open /list rw; read; append " eggs"; close } }
        at 11s { on jill { open /list rw; read as stale; append " bread"; close } }
        at 20s { on jack { open /list r; read; close } }
        run
        expect stale-reads == 1
        """

    /// A sweep (a chart and a table), then Jack and Jill again: every section of the page has something.
    /// The sweep is ChartExportTests.crashes (crash losses by policy, derived there).
    static let sweepAndSharing = ChartExportTests.crashes + jackAndJill

    /// Runs `text` as `run --report FOLDER` does (summary included), in `format`.
    static func run(_ text: String, folder: String?, format: OutputFormat = .text, seed: UInt64 = 1)
        -> (status: SpriteScript.ExitStatus, sink: BufferSink, session: Session) {
        var options = ScriptHarness.options(seed: seed, format: format)
        options.reportFolder = folder
        options.printsSummary = true
        options.width = 80
        return ScriptHarness.run(text, options: options)
    }

    /// Every file in `folder`, by name.
    static func files(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: HostPath.join(folder, name)))
        }
        return files
    }

    /// Elements named `name` (any namespace) under `element`, in document order.
    static func elements(_ name: String, in element: XMLElement) -> [XMLElement] {
        var found: [XMLElement] = []
        for child in element.children ?? [] {
            guard let child = child as? XMLElement else { continue }
            if child.localName == name { found.append(child) }
            found += elements(name, in: child)
        }
        return found
    }

    static func attribute(_ name: String, of element: XMLElement) -> String? {
        // By local name: in the page's XHTML namespace a lookup by qualified name finds nothing.
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }
}
