import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpriteScript

@Suite("export chart")
struct ChartExportTests {
    /// Examples/sweep-write-policies.sprite's first sweep: a file written and closed at 1s, another written at
    /// 2s and left open, the client crashes at 10s. Crash losses by hand: write-through 0 (every write reached
    /// the server), write-on-close 1 (the open file's write), delayed-write 30s 2 (nothing flushed by 10s).
    static let crashes = """
        sweep crash-policies {
          choose policy write-through, write-on-close, delayed-write flush 30s age 30s
          cluster {
            network ethernet preset sprite-1988 topology switched
            server fs1 memory 32MB disk 20ms
            workstation ws1 memory 8MB diskless
          }
          domain / on fs1
          consistency sprite
          cache client policy $policy
          at 1s { on ws1 { open /log rw; write "entry 1"; close } }
          at 2s { on ws1 { open /draft rw; write "half a thought" } }
          at 10s { crash ws1 }
        }

        """

    /// Two builds of one makefile, on 1 host and on 2: the second's speedup is over the first.
    static let builds = """
        cluster {
          network ethernet preset sprite-1988
          server fs1
          workstation ws[0..2] diskless
        }
        domain / on fs1
        migration preset sparcstation-1991
        balance ws[0..2] strategy sprite central fs1
        trace off
        pmake k1 on ws0 jobs 4 compile 2s link 1s hosts 1
        run
        pmake k2 on ws0 jobs 4 compile 2s link 1s hosts 2
        run

        """

    @Test("a sweep's field against its choice: one bar per policy, heights the crash losses")
    func sweepChart() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.crashes + "export chart \"c.svg\" from crash-policies field crash-losses",
                                        folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let svg = try folder.read("c.svg")
        _ = try XMLDocument(xmlString: svg)
        #expect(svg.contains("crash losses"))
        #expect(result.sink.text.contains(
            "exported chart 'c.svg': sweep crash-policies: crash losses vs policy: 1 series, 3 points"),
                "\(result.sink.text)")
        let sweep = try #require(result.session.interpreter.sweeps["crash-policies"])
        let model = try #require(ChartAdapters.sweep(sweep, field: "crash-losses"))
        #expect(model.series.first?.points.map(\.y) == [0, 1, 2])
    }

    @Test("pmake's speedup over the builds named, beside the ideal line")
    func pmakeChart() throws {
        let folder = try ExportFolder()
        let result = PictureHarness.run(Self.builds + "export chart \"p.svg\" from pmake\n"
                                        + "export chart \"m.svg\" from pmake k1, k2 makespan", folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        _ = try XMLDocument(xmlString: try folder.read("p.svg"))
        #expect(try folder.read("p.svg").contains("ideal (= hosts)"))
        // Makespan: one bar per build.
        #expect(result.sink.text.contains("exported chart 'm.svg': pmake: makespan vs hosts: 1 series, 2 points"),
                "\(result.sink.text)")
    }

    @Test("malformed chart exports are errors with a suggestion")
    func malformed() throws {
        let folder = try ExportFolder()
        let cases: [(String, String)] = [
            ("export chart \"c.svg\" from crash-policy field crash-losses", "did you mean 'crash-policies'?"),
            ("export chart \"c.svg\" from crash-policies field crash-loss", "did you mean 'crash-losses'?"),
            ("export chart \"c.svg\" from crash-policies field crash-losses x polcy", "did you mean 'policy'?"),
            ("export chart \"c.png\" from crash-policies field crash-losses", "ending in '.svg'"),
            ("export chart \"c.svg\" crash-policies", "expected 'from'"),
            ("export chart \"c.svg\" from pmake k3", "unknown build 'k3'"),
        ]
        for (line, message) in cases {
            let result = PictureHarness.run(Self.crashes + line, folder: folder.path)
            #expect(result.status == .malformed, "\(line)")
            #expect(result.sink.errorText.contains(message), "\(line): \(result.sink.errorText)")
            #expect(result.sink.errorText.contains("help:"), "\(line): \(result.sink.errorText)")
        }
    }
}
