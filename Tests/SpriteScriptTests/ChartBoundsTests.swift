import Foundation
import Testing
@testable import SpriteScript

/// Every number a chart writes is finite and bounded, whatever a label holds: a huge numeric choice label
/// is drawn (its ticks with an exponent), never a trap converting a Double to an Int64.
@Suite("chart bounds")
struct ChartBoundsTests {
    @Test("a number past an Int64's hundredths is held within the bound, not a trap")
    func writerBound() {
        // 1e17 × 100 = 1e19 > Int64.max (9.22e18): held to 1e12, which prints as its digits.
        #expect(SVGWriter.number(1e17) == "1000000000000")
        #expect(SVGWriter.number(-1e300) == "-1000000000000")
        #expect(SVGWriter.number(.infinity) == "0")
    }

    @Test("a tick label too large for digits gets an exponent with four significant digits")
    func scientificLabels() {
        #expect(ChartScale.fixed(1e17, decimals: 1) == "1e17")
        #expect(ChartScale.fixed(-2.5e20, decimals: 0) == "-2.5e20")
        // 9.99951e16: four digits round to 10.00, written 1e17.
        #expect(ChartScale.fixed(9.99951e16, decimals: 0) == "1e17")
        #expect(ChartPicture.readable(1e17) == "1e17")
    }

    @Test("a scale over a span wider than a Double holds few ticks; a label of four hundred nines is no number")
    func hugeSpans() {
        #expect(ChartScale(low: -1e308, high: 1e308).ticks.count <= 7)
        #expect(ChartScale(low: 0, high: 1e300, step: 1).ticks.count == 1001)
        #expect(ChartUnits.numbers([String(repeating: "9", count: 400), "1"]) == nil)
        #expect(ChartUnits.numbers(["99999999999999999999d", "1s"]) != nil, "1.7e33ns is finite: drawn")
    }

    @Test("a sweep whose numeric label is 1e17 is charted, its axis labelled with an exponent")
    func hugeLabelCharted() throws {
        let folder = try ExportFolder()
        let script = """
            sweep w {
            choose p 100000000000000000 = write-through, 1 = write-on-close
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            cache client policy $p
            }
            export chart "h.svg" from w field messages
            sweep d {
            choose p 99999999999999999999d = write-through, 1s = write-on-close
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            cache client policy $p
            }
            export chart "d.svg" from d field messages
            """
        let result = PictureHarness.run(script, folder: folder.path)
        #expect(result.status == .ok, "\(result.sink.errorText)")
        let svg = try folder.read("h.svg")
        #expect(svg.contains(">1e17<"), "the last tick of 0…1e17 is 1e17")
        #expect(!svg.contains("nan"))
        #expect(try folder.read("d.svg").contains("e"))
    }
}

/// A run of one shard holds some of a sweep's cells: a chart of them is not written, and a note says so.
@Suite("chart under --shard")
struct ChartShardTests {
    @Test("export chart of a sweep in a shard run writes no file and notes the cells it holds")
    func shardRefusesChart() throws {
        let folder = try ExportFolder()
        // Four cells: two in each of two shards.
        let script = """
            sweep s {
              choose size 8KB, 16KB, 24KB, 32KB
              cluster { server fs1; workstation ws1 }
              domain / on fs1
              cache ws1 on size $size
            }
            export chart "s.svg" from s field messages

            """
        var options = ScriptHarness.options()
        options.exportFolder = folder.path
        options.sweepShard = Shard(index: 1, count: 2)
        let run = ScriptHarness.run(script, options: options)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        #expect(!folder.exists("s.svg"), "a part of the sweep is not drawn as if whole")
        let notes = run.sink.errorText + run.sink.text
        #expect(notes.contains("chart not exported: this run is shard 1/2 and holds 2 of the 4 cells of sweep 's'"),
                "\(notes)")
        // The same script without a shard draws it.
        let whole = PictureHarness.run(script, folder: folder.path)
        #expect(whole.status == .ok)
        #expect(folder.exists("s.svg"))
    }
}

/// pmake's chart with no build to draw is an error, as a sweep's chart before the sweep ran: never an empty
/// chart on a made-up hosts axis that exits 0.
@Suite("pmake chart with nothing to draw")
struct PmakeChartEmptyTests {
    @Test("export chart from pmake before any build is a runtime error at 'pmake', and writes no file")
    func noBuild() throws {
        let folder = try ExportFolder()
        for form in ["", " makespan"] {
            let run = PictureHarness.run("""
                cluster { server fs1; workstation ws1 }
                rpc ws1 -> fs1 reply 4KB count 3
                run
                export chart "c.svg" from pmake\(form)

                """, folder: folder.path)
            #expect(run.status == .runtimeError, "\(form)")
            #expect(run.sink.errorText.contains("error: no pmake build has run"), "\(run.sink.errorText)")
            #expect(run.sink.errorText.contains("4:27"), "at the word pmake: \(run.sink.errorText)")
            #expect(!folder.exists("c.svg"))
        }
    }
}

/// The usage `export` errors and `help export` show is made from the registry of picture kinds.
@Suite("export usage")
struct ExportUsageTests {
    @Test("every picture kind is in the usage an export error shows")
    func usageNamesEveryKind() {
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation ws1 }\nexport chart \"a.svg\"\n")
        let text = diagnostics.map { "\($0.message) \($0.help ?? "")" }.joined(separator: "\n")
        for kind in PictureExports.words {
            #expect(text.contains(kind), "\(kind) missing from: \(text)")
        }
        let usage = ExportSyntax.help.usage.joined(separator: "\n")
        #expect(usage.contains("export diagram|mermaid|shiviz|timeline|chart \"FILE\""), "\(usage)")
    }
}

@Suite("export names and sweep footnote")
struct ExportNameAndFootnoteTests {
    @Test("a file named only by its ending is told it has no name, not that it lacks the ending")
    func bareExtension() throws {
        let folder = try ExportFolder()
        for path in [".svg", "sub/.svg"] {
            let run = PictureHarness.run("cluster { workstation ws1 }\nexport diagram \"\(path)\"\n",
                                         folder: folder.path)
            #expect(run.status == .malformed)
            #expect(run.sink.errorText.contains("error: '\(path)' has no name before '.svg'"), "\(run.sink.errorText)")
            #expect(run.sink.errorText.contains("help: name it like \"run.svg\""))
        }
        let png = PictureHarness.run("cluster { workstation ws1 }\nexport diagram \"notes.png\"\n", folder: folder.path)
        #expect(png.sink.errorText.contains("help: name it like \"notes.svg\""))
    }

    @Test("the '*' footnote is printed only when some value is marked")
    func footnoteOnlyWithAMark() {
        // $n is used only by a program never spawned: both cells are the same run, nothing differs.
        let same = ScriptHarness.run("""
            sweep s {
              choose n 1, 2
              cluster { server fs1; workstation ws1 }
              program q { compute $n s }
              rpc ws1 -> fs1
            }

            """)
        #expect(same.status == .ok, "\(same.sink.errorText)")
        #expect(!same.sink.text.contains("differs from the first cell's"), "\(same.sink.text)")
        let differ = ScriptHarness.run("""
            sweep s {
              choose n 1, 2
              cluster { server fs1; workstation ws1 }
              rpc ws1 -> fs1 count $n
            }

            """)
        #expect(differ.sink.text.contains("* differs from the first cell's (n=1)"), "\(differ.sink.text)")
    }
}

@Suite("balance sweep's count in the docs")
struct BalanceSweepCountTests {
    @Test("docs and the example say as many runs as the sweep has cells (4 strategies × 5 loads = 20)")
    func countMatches() throws {
        let example = try String(contentsOf: GoldenTests.root.appendingPathComponent(
            "Examples/pictures/balance-strategies.sprite"), encoding: .utf8)
        let docs = try String(contentsOf: GoldenTests.root.appendingPathComponent("docs/PICTURES.md"),
                              encoding: .utf8)
        // Each `choose` line's values are comma-separated: the cells are the product of their counts.
        let cells = example.split(separator: "\n").filter { $0.hasPrefix("  choose ") }
            .map { $0.split(separator: ",").count }.reduce(1, *)
        #expect(cells == 20)
        #expect(example.contains("exactly \(cells) of balance-sweep.sprite's 25 separate runs"))
        #expect(docs.contains("\(cells) of its 25 runs"))
        #expect(!docs.contains("balance-sweep.sprite's 25 runs as one sweep"))
    }
}

@Suite("a bound named in a message")
struct BoundMessageTests {
    @Test("a bound whose readable form rounds above it is named exactly, so the value named is allowed")
    func exactBound() {
        // 2^62ns = 4611686018.427387904s = 53375.99558...d: readable rounds up to 53375.9956d, past the bound.
        #expect(Quantity.formatBound(1 << 62, .duration) == "4611686018.427387904s")
        #expect(Quantity.baseUnits(of: "53375.9956d", .duration)! > 1 << 62)
        // A bound that reads exactly keeps its readable form: 1h.
        #expect(Quantity.formatBound(3_600_000_000_000, .duration) == "1h")
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation ws1 }\nshow timeline to 53375.9956d\n")
        let message = diagnostics.first?.message ?? ""
        #expect(message == "to must be at most 4611686018.427387904s", "\(message)")
        #expect(ScriptHarness.diagnostics("cluster { workstation ws1 }\nshow timeline to 4611686018.427387904s\n")
            .isEmpty, "the bound named is allowed")
    }
}

/// Each export kind says whether it draws from the run's recording; a script records only when one does.
@Suite("recording by need")
struct RecordingByNeedTests {
    @Test("a script that exports only charts records nothing; one with a diagram records its messages")
    func chartNeedsNoRecording() throws {
        let folder = try ExportFolder()
        let sweep = """
            sweep s {
              choose n 1, 2
              cluster { server fs1; workstation ws1 }
              rpc ws1 -> fs1 count $n
            }
            cluster { server fs1; workstation ws1 }
            rpc ws1 -> fs1
            run

            """
        let chart = PictureHarness.run(sweep + "export chart \"c.svg\" from s field messages\n", folder: folder.path)
        #expect(chart.status == .ok, "\(chart.sink.errorText)")
        #expect(chart.session.interpreter.recording == nil, "a chart draws from the sweep's table")
        #expect(folder.exists("c.svg"))
        let diagram = PictureHarness.run(sweep + "export diagram \"d.svg\"\n", folder: folder.path)
        #expect(diagram.status == .ok)
        #expect(diagram.session.interpreter.recording != nil)
        #expect(PictureExports.all.filter { !$0.needsRecording }.map(\.word) == ["chart"])
    }
}
