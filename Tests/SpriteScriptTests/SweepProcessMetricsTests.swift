import Foundation
import Testing
@testable import SpriteScript

/// A sweep's fields of scheduled processes (mean turnaround, mean response, mean slowdown, migrations): measured
/// where a cell ran processes, left out of a sweep none of whose cells did.
struct SweepProcessMetricsTests {
    /// Two programs of one 1s compute each, spawned together on one CPU (no context-switch cost), under FCFS
    /// and under round robin. By hand:
    /// - fcfs: a runs 0–1s, b waits and runs 1–2s. Turnarounds 1s and 2s: mean 1.5s. Responses (first run less
    ///   arrival) 0 and 1s: mean 500ms. Slowdowns (turnaround / CPU) 1 and 2: mean 1.5.
    /// - rr 100ms: they alternate, a first; a's tenth quantum is 1.8–1.9s, b's 1.9–2s. Turnarounds 1.9s and
    ///   2s: mean 1.95s. Responses 0 and 100ms: mean 50ms. Slowdowns 1.9 and 2: mean 1.95.
    /// Nothing migrates: 0 in both.
    static let twoJobs = """
        sweep sched {
          choose policy fcfs, rr quantum 100ms
          cluster { workstation ws1 }
          scheduler ws1 $policy
          program p { compute 1s }
          spawn p as a on ws1
          spawn p as b on ws1
        }

        """

    /// A cell that runs no process beside one that does (a labelled value picks the body's statement).
    static let mixed = """
        sweep mixed {
          choose work idle = advance 1s, one = spawn p as a on ws1
          cluster { workstation ws1 }
          scheduler ws1 fcfs
          program p { compute 1s }
          $work
        }

        """

    private static func index(_ field: String) throws -> Int {
        try #require(SweepMetric.all.firstIndex { $0.field == field })
    }

    @Test func meansOverTheFinishedProcessesAsDerivedByHand() throws {
        let run = ScriptHarness.run(Self.twoJobs)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let result = try #require(run.session.interpreter.sweeps["sched"])
        func column(_ field: String) throws -> [Int64?] {
            let at = try Self.index(field)
            return result.cells.map { $0.result.values[at] }
        }
        #expect(try column("mean-turnaround") == [1_500_000_000, 1_950_000_000])
        #expect(try column("mean-response") == [500_000_000, 50_000_000])
        // In millionths, as expect measures ratios.
        #expect(try column("mean-slowdown") == [1_500_000, 1_950_000])
        #expect(try column("migrations") == [0, 0])
    }

    @Test func expectReadsTheNewFields() {
        let script = Self.twoJobs + """
            expect sched[policy=fcfs].mean-turnaround == 1.5s
            expect sched[policy=rr quantum 100ms].mean-response == 50ms
            expect sched[policy=rr quantum 100ms].mean-slowdown == 1.95
            expect sched[policy=fcfs].mean-slowdown > 1.4 within 1%
            expect sched[policy=fcfs].migrations == 0

            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok, "\(run.sink.text)\(run.sink.errorText)")
        #expect(run.session.interpreter.expectationsPassed == 5)
    }

    @Test func aCellWithNoProcessShowsADashAndFailsAnExpect() throws {
        let run = ScriptHarness.run(Self.mixed + "expect mixed[work=idle].mean-turnaround == 0s\n")
        #expect(run.status == .expectationFailed)
        #expect(run.sink.text.contains("no scheduled process finished in the cell"), "\(run.sink.text)")
        let turnaround = try #require(run.sink.output.first { $0.hasPrefix("  mean turnaround") })
        #expect(turnaround.split(separator: " ").suffix(2) == ["-", "1s*"], "\(turnaround)")
        let json = ScriptHarness.run(Self.mixed, options: ScriptHarness.options(format: .json))
        let rows = try #require(try ScriptHarness.jsonObjects(json.sink.output).first?["rows"] as? [[String: Any]])
        #expect(rows[0]["mean_turnaround_ns"] is NSNull && rows[0]["migrations"] is NSNull)
        #expect(rows[1]["mean_turnaround_ns"] as? Int == 1_000_000_000 && rows[1]["mean_slowdown"] as? Double == 1)
    }

    /// The mechanism that keeps the old tables: a sweep with no process in any cell has none of the fields.
    @Test func aSweepWithoutProcessesKeepsItsColumns() throws {
        let text = ScriptHarness.run(SweepTests.crash)
        #expect(!text.sink.text.contains("mean turnaround") && !text.sink.text.contains("migrations"))
        let json = ScriptHarness.run(SweepTests.crash, options: ScriptHarness.options(format: .json))
        let rows = try #require(try ScriptHarness.jsonObjects(json.sink.output).first?["rows"] as? [[String: Any]])
        let keys = Set(rows.flatMap(\.keys))
        #expect(keys == Set(["values", "differs"] + SweepMetric.files.map(\.key)))
    }

    /// `run --merge` reads the fields back: null where a cell had none, absent from a shard none of whose cells
    /// had any (shard 1/2 holds only the idle cell), a slowdown as the ratio JSON gives.
    @Test(arguments: [SweepProcessMetricsTests.mixed, SweepProcessMetricsTests.twoJobs])
    func shardsMergeBackIntoTheWholeTable(_ script: String) throws {
        func json(_ shard: Shard) -> String {
            var options = ScriptHarness.options(format: .json)
            options.sweepShard = shard
            return ScriptHarness.run(script, options: options).sink.output.joined(separator: "\n")
        }
        let merged = try SweepMerge.merge([("1.json", json(Shard(index: 1, count: 2))),
                                           ("2.json", json(Shard(index: 2, count: 2)))])
        let whole = ScriptHarness.run(script)
        let name = try #require(whole.session.interpreter.sweeps.keys.first)
        let expected = try #require(whole.session.interpreter.sweeps[name])
        #expect(merged.count == 1)
        #expect(merged.first?.cells.map(\.result) == expected.cells.map(\.result))
    }

    @Test func aLabelledValueNamesTheCellAndRunsItsWords() throws {
        let statements = try Parser.parse(ScriptHarness.file(Self.mixed))
        let sweep = try #require(statements.first as? SweepStatement)
        let cells = try sweep.cells()
        #expect(cells.map(\.values) == [["idle"], ["one"]])
        #expect(cells[1].script.contains("spawn p as a on ws1") && !cells[1].script.contains("one"))
    }

    @Test(arguments: [
        ("choose work = advance 1s", "nothing before '='"),
        ("choose work idle = , one = advance 1s", "nothing after '='"),
        ("choose work a = b = advance 1s", "one '=' at most"),
    ])
    func aMalformedLabelIsRefused(_ line: String, _ message: String) {
        let script = "sweep s {\n  \(line)\n  cluster { workstation ws1 }\n  $work\n}\n"
        let diagnostics = ScriptHarness.diagnostics(script)
        #expect(diagnostics.contains { $0.message.contains(message) }, "\(diagnostics.map(\.message))")
    }

    @Test func aSweepNamedPmakeIsRefused() throws {
        let diagnostics = ScriptHarness.diagnostics("""
            sweep pmake {
              choose policy write-through, write-on-close
              cluster { server fs1; workstation ws1 }
              domain / on fs1
              cache client policy $policy
            }

            """)
        let refusal = try #require(diagnostics.first)
        #expect(refusal.message.contains("a sweep cannot be named 'pmake'"))
        #expect(refusal.help?.contains("pmake-sweep") == true)
        #expect(refusal.span?.line == 1 && refusal.span?.column == 7)
    }
}
