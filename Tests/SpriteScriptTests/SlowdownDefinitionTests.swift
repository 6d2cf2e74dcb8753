import Foundation
import Testing
@testable import SpriteScript

/// slowdown = turnaround / CPU time, so it is defined only for a finished process that used the CPU, and is
/// then at least 1. A process that only opened, wrote and closed a file used none: its slowdown is undefined,
/// shown `-`/null by the sweep, expect and show balance alike, never 0.
@Suite("slowdown definition")
struct SlowdownDefinitionTests {
    /// One program that does file I/O only: it finishes after the open/write/close RPCs (888us), having used
    /// no CPU time (the language charges none to file calls).
    static let ioOnlySweep = """
        sweep z {
          choose p write-through, write-on-close
          cluster { server fs1; workstation ws1 }
          domain / on fs1
          cache client policy $p
          program io { open /f rw; write "x"; close }
          spawn io as a on ws1
        }

        """

    @Test("a sweep's cell whose finished processes used no CPU has no mean slowdown")
    func sweepCellUnmeasured() throws {
        let run = ScriptHarness.run(Self.ioOnlySweep)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let result = try #require(run.session.interpreter.sweeps["z"])
        let slowdown = try #require(SweepMetric.all.firstIndex { $0.field == "mean-slowdown" })
        let turnaround = try #require(SweepMetric.all.firstIndex { $0.field == "mean-turnaround" })
        #expect(result.cells.map { $0.result.values[slowdown] } == [nil, nil])
        #expect(result.cells.allSatisfy { $0.result.values[turnaround] != nil }, "the process did finish")
        #expect(!run.sink.text.contains("mean slowdown"), "no cell measured it: the row is left out")
    }

    @Test("expect on such a cell's slowdown fails, saying why, and a chart of it is refused")
    func expectAndChartRefuse() throws {
        let folder = try ExportFolder()
        let expect = PictureHarness.run(Self.ioOnlySweep + "expect z[p=write-through].mean-slowdown == 0\n",
                                        folder: folder.path)
        #expect(expect.status != .ok)
        let chart = PictureHarness.run(Self.ioOnlySweep + "export chart \"s.svg\" from z field mean-slowdown\n",
                                       folder: folder.path)
        #expect(chart.status == .runtimeError)
        #expect(chart.sink.errorText.contains("used the CPU"), "\(chart.sink.errorText)")
        #expect(!folder.exists("s.svg"))
    }

    @Test("avg.slowdown and show balance say undefined, not 0, when no finished program used the CPU")
    func statisticsAgree() {
        let script = """
            cluster { server fs1; workstation ws1, ws2 }
            domain / on fs1
            balance ws1, ws2 strategy random
            program io { open /f rw; write "x"; close }
            spawn io as a on ws1
            run
            show balance
            expect avg.slowdown == 0

            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .expectationFailed)
        #expect(run.sink.text.contains("slowdown - (each program's turnaround over its CPU time; none used it)"))
        #expect(run.sink.text.contains("no finished process used"))
        let json = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(json.sink.text.contains("\"slowdown\":null"), "JSON null, as text's '-'")
        #expect(json.sink.text.contains("\"slowdown_median\":null"))
    }
}
