import Foundation
import Synchronization
import Testing
@testable import SpriteScript

/// `sweep`: every cell runs the body with its values in a fresh session; the table and `expect NAME[…]`
/// read what each cell measured.
struct SweepTests {
    /// The crash scenario of Examples/crash-and-write-policies as one sweep over the write policy.
    static let crash = """
        sweep crash {
          choose policy write-through, write-on-close, delayed-write flush 30s age 30s
          cluster { server fs1; workstation ws1 }
          domain / on fs1
          cache client policy $policy
          at 1s { on ws1 { open /log rw; write "entry 1"; close } }
          at 2s { on ws1 { open /draft rw; write "half a thought" } }
          at 10s { crash ws1 }
        }

        """

    /// Sequential write-sharing under each consistency protocol and two write policies.
    static let sharing = """
        sweep sharing {
          choose consistency sprite, nfs, none
          choose policy write-through, delayed-write
          cluster { server fs1; workstation jack, jill }
          domain / on fs1
          consistency $consistency
          cache client policy $policy
          on jack { open /notes rw; write "version 1"; close }
          at 500ms { on jill { open /notes r; read; close } }
          at 1s { on jack { open /notes rw; write "version 2"; close } }
          at 2s { on jill { open /notes r; read; close } }
        }

        """

    private static func field(_ name: String) throws -> Int {
        try #require(SweepMetric.all.firstIndex { $0.field == name })
    }

    @Test func crashLossesFollowTheWritePolicy() throws {
        // Derivation (Sprite paper, §write policies): the client crashes at 10s holding two writes.
        // write-through sends each write to the server before it returns: nothing is lost (0).
        // write-on-close sends /log at its close (1s); /draft, still open, is lost (1).
        // delayed-write with a 30s daemon has flushed neither by 10s: both are lost (2).
        let run = ScriptHarness.run(Self.crash)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let result = try #require(run.session.interpreter.sweeps["crash"])
        let losses = try Self.field("crash-losses")
        #expect(result.cells.map { $0.result.values[losses] } == [0, 1, 2])
        #expect(result.cells.map(\.values) == [["write-through"], ["write-on-close"],
                                               ["delayed-write flush 30s age 30s"]])
    }

    @Test func staleReadsShowWhySpritesProtocolExists() throws {
        // jill caches /notes at 0.5s; jack rewrites and closes it at 1s; jill reads again at 2s.
        // sprite: the open at 2s finds a newer version (recalling jack's dirty block under delayed-write): fresh.
        // nfs: jill trusts her copy for 3s (the minimum file timeout) after fetching it at 0.5s: stale at 2s.
        // none: no check at all: stale; under delayed-write jack's first version never left his cache before
        // jill's first read either, so that read is stale too (2).
        let run = ScriptHarness.run(Self.sharing)
        #expect(run.status == .ok, "\(run.sink.errorText)")
        let result = try #require(run.session.interpreter.sweeps["sharing"])
        let stale = try Self.field("stale-reads-unix")
        #expect(result.cells.map { $0.result.values[stale] } == [0, 0, 1, 1, 1, 2])
        // The first choice varies slowest: cell 2 is sprite with the second policy.
        #expect(result.cells[1].values == ["sprite", "delayed-write"])
        #expect(result.cells[2].values == ["nfs", "write-through"])
    }

    /// Each cell gives the numbers the same combination gives run on its own, as a script of its own.
    @Test(arguments: [SweepTests.crash, SweepTests.sharing])
    func aCellEqualsItsCombinationRunAlone(_ script: String) throws {
        let statements = try Parser.parse(ScriptHarness.file(script))
        let sweep = try #require(statements.first as? SweepStatement)
        let cells = try sweep.cells()
        let run = ScriptHarness.run(script)
        let result = try #require(run.session.interpreter.sweeps[sweep.name.text])
        #expect(cells.count == result.cells.count)
        for (cell, measured) in zip(cells, result.cells) {
            #expect(!cell.script.contains("$") && !cell.script.contains("choose"), "\(cell.script)")
            let alone = ScriptHarness.run(cell.script)
            #expect(alone.status == .ok, "\(cell.label): \(alone.sink.errorText)")
            let values = SweepMetric.all.map { $0.measure(alone.session.interpreter) }
            #expect(values == measured.result.values, "\(cell.label)\n\(cell.script)")
        }
    }

    @Test func theSessionsOwnStateIsUntouched() {
        let script = """
            cluster { workstation a; server fs1 }
            advance 5s
            sweep s {
              choose policy write-through, write-on-close
              cluster { server fs1; workstation ws1 }
              domain / on fs1
              cache client policy $policy
              on ws1 { open /x rw; write "a"; close }
            }
            expect now == 5s
            expect a.state == "up"
            expect stats.messages == 0
            expect s[policy=write-through].time > 0s

            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .ok, "\(run.sink.text)\(run.sink.errorText)")
        #expect(run.session.interpreter.expectationsPassed == 4)
    }

    @Test func theTableMarksWhatDiffersFromTheFirstCell() {
        var options = ScriptHarness.options()
        options.width = 200
        let run = ScriptHarness.run(Self.crash, options: options)
        let lines = run.sink.output
        // Cells as columns at this width: a row per field, the values heading the columns.
        #expect(lines.first == "sweep crash: 3 cells (policy), seed 1")
        #expect(lines.contains { $0.hasPrefix("  policy") && $0.hasSuffix("delayed-write flush 30s age 30s") })
        let losses = lines.first { $0.hasPrefix("  crash losses") } ?? ""
        #expect(losses.split(separator: " ").suffix(3) == ["0", "1*", "2*"])
        #expect(lines.contains("  * differs from the first cell's (policy=write-through)"))
    }

    @Test func aNarrowTablePutsOneCellPerRow() {
        var options = ScriptHarness.options()
        options.width = 60
        let run = ScriptHarness.run(Self.sharing, options: options)
        let lines = run.sink.output
        #expect(lines.contains { $0.hasPrefix("  consistency ") && $0.contains(" policy ") })
        #expect(lines.contains { $0.hasPrefix("  nfs ") && $0.contains("write-through") })
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.joined(separator: "\n"))")
    }

    @Test func jsonGivesOneRowPerCellAndValidates() throws {
        let run = ScriptHarness.run(Self.sharing + "show sweep sharing\n",
                                    options: ScriptHarness.options(format: .json))
        let objects = try ScriptHarness.jsonObjects(run.sink.output)
        let tables = objects.filter { $0["table"] as? String == "sweep" }
        #expect(tables.count == 2)
        let rows = try #require(tables.first?["rows"] as? [[String: Any]])
        #expect(rows.count == 6)
        #expect(rows[2]["values"] as? [String] == ["nfs", "write-through"])
        let choices = try #require(tables.first?["choices"] as? [[String: Any]])
        #expect(choices.map { $0["name"] as? String } == ["consistency", "policy"])
        #expect(rows[2]["stale_reads_unix"] as? Int == 1)
        #expect((rows[2]["differs"] as? [String])?.contains("stale-reads-unix") == true)
        #expect((rows[0]["differs"] as? [String]) == [])
    }

    @Test func expectChecksACell() {
        let script = Self.crash + """
            expect crash[policy=write-on-close].crash-losses == 1
            expect crash[policy=delayed-write flush 30s age 30s].crash-losses >= 3
            expect crash[policy=write-through].to-server == 21B
            expect crash[policy=write-through].time == 10s within 1%

            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .expectationFailed)
        #expect(run.session.interpreter.expectationsPassed == 3)
        #expect(run.sink.output.contains { $0.contains("FAILED") && $0.contains("found 2") })
    }

    @Test func aRuntimeErrorInACellNamesTheCell() {
        let script = """
            sweep s {
              choose node ws1, ws2
              cluster { server fs1; workstation ws1, ws2 }
              domain / on fs1
              crash ws2
              on $node { open /x rw; write "a"; close }
            }

            """
        let run = ScriptHarness.run(script)
        #expect(run.status == .runtimeError)
        #expect(run.sink.errorText.contains("(in the sweep's cell node=ws2)"), "\(run.sink.errorText)")
    }

    @Test func cellsCountTheirEventsAgainstTheScriptsLimit() throws {
        var options = ScriptHarness.options()
        // One cell alone stays under 40 events; the three together do not.
        try options.limits.set("events=40")
        let run = ScriptHarness.run(Self.crash, options: options)
        #expect(run.status == .limitReached)
        #expect(run.sink.errorText.contains("limit reached"), "\(run.sink.errorText)")
        #expect(run.sink.errorText.contains("in the sweep's cell policy="))
        let single = ScriptHarness.run(Self.crash.replacingOccurrences(
            of: ", write-on-close, delayed-write flush 30s age 30s", with: ""), options: options)
        #expect(single.status == .ok, "\(single.sink.errorText)")
    }

    @Test func cellsCountTheirStatementsAgainstTheScriptsLimit() throws {
        var options = ScriptHarness.options()
        // Each cell parses 16 statements: cluster, server, workstation (3), domain, cache (2), at 1s, on,
        // open, write, close (5), at 2s, on, open, write (4), at 10s, crash (2). Three cells make 48, and the
        // sweep itself one more: 49 parse, 48 do not.
        try options.limits.set("statements=48")
        #expect(ScriptHarness.run(Self.crash, options: options).status == .limitReached)
        try options.limits.set("statements=49")
        #expect(ScriptHarness.run(Self.crash, options: options).status == .ok)
    }

    @Test func theSameScriptGivesTheSameBytes() {
        let first = ScriptHarness.run(Self.sharing).sink.text
        let second = ScriptHarness.run(Self.sharing).sink.text
        #expect(first == second)
    }

    @Test func thePromptKeepsItsStateAfterASweepError() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        #expect(session.evaluate(ScriptHarness.file("cluster { workstation a }")) == .done)
        let bad = "sweep s {\n  choose p write-through, write-thru\n  cluster { server fs1; workstation ws1 }\n"
            + "  domain / on fs1\n  cache client policy $p\n}"
        #expect(session.evaluate(ScriptHarness.file(bad)) == .failed(.malformed))
        #expect(session.evaluate(ScriptHarness.file("expect a.state == \"up\"")) == .done)
        #expect(session.interpreter.expectationsPassed == 1)
    }
}

/// With --jobs the script's clock runs on while it waits for its cells' processes, so a child may not be
/// given the whole wall budget again: each gets what is left of it when it starts, in whole milliseconds.
struct SweepChildWallTests {
    /// Records the wall budget each cell is given, and runs none (so each cell runs again in process).
    final class RecordingLauncher: SweepCellLauncher {
        let walls = Mutex<[Int64]>([])
        func runCell(script: String, scriptName: String, seed: UInt64, limits: Limits) -> String? {
            walls.withLock { $0.append(limits.wall) }
            return nil
        }
    }

    @Test func eachCellsProcessIsGivenWhatIsLeftOfTheScriptsWallBudget() throws {
        let launcher = RecordingLauncher()
        var options = ScriptHarness.options()
        options.sweepLauncher = launcher
        options.sweepJobs = 2
        try options.limits.set("wall=30s")
        let session = Session(options: options, sink: BufferSink())
        #expect(session.runScript(ScriptHarness.file(SweepTests.crash)) == .ok)
        let walls = launcher.walls.withLock { $0 }
        #expect(walls.count == 3)
        for wall in walls {
            #expect(wall > 0 && wall < 30_000_000_000, "\(wall)")
            #expect(wall % 1_000_000 == 0, "whole milliseconds, as the command line writes them")
        }
    }
}
