import Foundation
import Testing

/// `sprite-shell run --jobs N`: a sweep's cells run in child processes and the parent assembles the table in
/// cell order, so what the run prints is byte for byte what the in-process run prints.
@Suite("Sweep cells in child processes (run --jobs)")
struct SweepJobsTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/sweep-write-policies.sprite").path

    @Test("the example's tables are the same with 1, 2 and 4 jobs, in text and in JSON",
          arguments: ["text", "json"])
    func sameOutput(format: String) throws {
        let alone = try runShell(["run", "--format", format, Self.example])
        #expect(alone.status == 0)
        for jobs in ["2", "4"] {
            let parallel = try runShell(["run", "--jobs", jobs, "--format", format, Self.example])
            #expect(parallel.status == alone.status)
            #expect(parallel.stdout == alone.stdout)
            #expect(parallel.stderr == alone.stderr)
        }
    }

    @Test("the text output is the example's golden file")
    func matchesGolden() throws {
        let expected = try String(contentsOfFile: Self.example.replacingOccurrences(of: ".sprite", with: ".expected"),
                                  encoding: .utf8)
        #expect(try runShell(["run", "--jobs", "3", Self.example]).stdout == expected)
    }

    /// The cell path=/missing fails at its open at 2s; its child exits with status 3 and the cell is run
    /// again in the parent, so the error names the same line, cell and help as without --jobs.
    @Test("a cell that fails in its child reports the error and status it reports in process")
    func failingCell() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("paths.sprite", """
            sweep paths {
              choose path /made, /missing
              cluster {
                network ethernet
                server fs1 memory 32MB disk 20ms
                workstation ws1 memory 8MB diskless
              }
              domain / on fs1
              at 1s { on ws1 { open /made rw; write "x"; close } }
              at 2s { on ws1 { open $path r; close } }
            }
            """)
        let alone = try runShell(["run", script])
        let parallel = try runShell(["run", "--jobs", "2", script])
        #expect(alone.status == 3)
        #expect(alone.stderr.contains("(in the sweep's cell path=/missing)"))
        #expect(parallel.status == alone.status)
        #expect(parallel.stdout == alone.stdout)
        #expect(parallel.stderr == alone.stderr)
    }

    /// The child prints one row: ten values in SweepMetric.all's order. Nothing happens but the crash at 1s,
    /// so every count is 0 and the simulated time is 1s = 1000000000 ns.
    @Test("the hidden child mode prints the cell's row as JSON")
    func childRow() throws {
        let result = try runShell(["__sweep-cell", "--seed", "1", "--", """
            cluster { network ethernet
            server fs1 memory 32MB disk 20ms
            workstation ws1 memory 8MB diskless }
            at 1s { crash ws1 }
            """])
        #expect(result.status == 0)
        #expect(result.stdout == "{\"values\":[0,0,0,0,0,0,0,0,0,1000000000],\"warnings\":0}\n")
    }

    @Test("--jobs 0 is refused as a usage error")
    func zeroJobs() throws {
        let result = try runShell(["run", "--jobs", "0", "-c", "now"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs takes a count from 1 to 256"))
    }
}
