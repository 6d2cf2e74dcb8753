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

    /// The child prints one row: a value per field in SweepMetric.all's order. Nothing happens but the crash at
    /// 1s, so every count is 0, the simulated time is 1s = 1000000000 ns, and the four fields of processes are
    /// null: no process ran.
    /// Host limits as the parent passes them (ChildSweepLauncher): 2GB of address space, 32 descriptors, CPU
    /// seconds one past the default wall limit of 60s. The parent gives a file size of 0, since a cell writes
    /// only to its pipe; here standard output is a file, which the row must be allowed into.
    static let hostLimits = ["--address-space", "2147483648", "--cpu-seconds", "61", "--file-size", "65536",
                             "--open-files", "32"]

    @Test("the hidden child mode prints the cell's row as JSON")
    func childRow() throws {
        let result = try runShell(["__sweep-cell"] + Self.hostLimits + ["--seed", "1", "--", """
            cluster { network ethernet
            server fs1 memory 32MB disk 20ms
            workstation ws1 memory 8MB diskless }
            at 1s { crash ws1 }
            """])
        #expect(result.status == 0)
        #expect(result.stdout == "{\"values\":[0,0,0,0,0,0,0,0,0,1000000000,null,null,null,null],\"warnings\":0}\n")
    }

    /// The child sets its resource limits before it runs anything, as a test's process does: 64MB of address
    /// space is less than the Swift runtime has mapped, so it dies at its first allocation, alone.
    @Test("a cell's process runs under the host limits it is given")
    func childHostLimits() throws {
        var limits = Self.hostLimits
        limits[1] = String(64 << 20)
        let result = try runShell(["__sweep-cell"] + limits + ["--", "cluster { workstation ws1 }\n"])
        #expect(result.status >= 128 || ![0, 1, 2, 3, 4, 5].contains(result.status), "\(result.status)")
        #expect(result.stdout.isEmpty)
        // Without them the child does not start: a usage error.
        #expect(try runShell(["__sweep-cell", "--", "cluster { workstation ws1 }\n"]).status == 2)
    }

    /// Each cell loads its cluster inside the body, from the script's folder. Under --limit events=20 the
    /// three cells together pass the limit in one process (status 4), but each alone stays under it: the
    /// --jobs run can only finish if every cell ran in a child, loads included, and its table is then the one
    /// the run without a limit prints.
    @Test("cells that load files run in their children, with the table of the run in one process")
    func loadingCellsRunInChildren() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("_cluster.sprite", """
            cluster {
              network ethernet preset sprite-1988 topology switched
              server fs1 memory 32MB disk 20ms
              workstation ws1 memory 8MB diskless
            }
            domain / on fs1
            """)
        let script = try directory.write("crash.sprite", """
            sweep crash {
              choose policy write-through, write-on-close, delayed-write
              load "_cluster.sprite"
              cache client policy $policy
              at 1s { on ws1 { open /log rw; write "entry 1"; close } }
              at 10s { crash ws1 }
            }
            """)
        let alone = try runShell(["run", "--no-summary", script])
        #expect(alone.status == 0)
        #expect(try runShell(["run", "--no-summary", "--limit", "events=20", script]).status == 4)
        let parallel = try runShell(["run", "--jobs", "3", "--no-summary", "--limit", "events=20", script])
        #expect(parallel.status == 0, "\(parallel.stderr)")
        #expect(parallel.stdout == alone.stdout)
        #expect(try runShell(["run", "--jobs", "3", "--no-summary", script]).stdout == alone.stdout)
    }

    /// A body past 128 KiB (30,000 `seed 1` lines, 210,000 bytes) cannot go to its child as one argument
    /// (Linux's MAX_ARG_STRLEN); it goes in pieces. As above, under --limit events=20 the three cells fit only
    /// one per process, so status 0 with the run's own table shows that each ran in its child.
    @Test("a body longer than one command-line argument allows still runs in the children")
    func longBodyRunsInChildren() throws {
        let directory = try TemporaryDirectory()
        let padding = String(repeating: "  seed 1\n", count: 30_000)
        let script = try directory.write("long.sprite", """
            sweep crash {
              choose policy write-through, write-on-close, delayed-write
              cluster {
                network ethernet preset sprite-1988 topology switched
                server fs1 memory 32MB disk 20ms
                workstation ws1 memory 8MB diskless
              }
              domain / on fs1
              cache client policy $policy
            \(padding)  at 1s { on ws1 { open /log rw; write "entry 1"; close } }
              at 10s { crash ws1 }
            }
            """)
        let alone = try runShell(["run", "--no-summary", script])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(try runShell(["run", "--no-summary", "--limit", "events=20", script]).status == 4)
        let parallel = try runShell(["run", "--jobs", "3", "--no-summary", "--limit", "events=20", script])
        #expect(parallel.status == 0, "\(parallel.stderr)")
        #expect(parallel.stdout == alone.stdout)
    }

    @Test("--jobs 0 is refused as a usage error")
    func zeroJobs() throws {
        let result = try runShell(["run", "--jobs", "0", "-c", "now"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs takes a count from 1 to 256"))
    }
}
