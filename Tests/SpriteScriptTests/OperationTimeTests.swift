import Testing
@testable import SpriteScript

/// An operation's time is what the timeline charged it, on every path through
/// the client. Each figure is derived by hand from docs/COST-MODEL.md with the
/// network below (10 Mbit/s, 10 µs, 1500-byte packets with 64-byte headers,
/// 250 µs per message at each end, 100 µs per local message, 8 MB/s copies),
/// 100 µs of server CPU per call and a 20 ms, 1 MB/s disk:
/// - a call carrying P payload bytes in one packet takes 250 + (P + 64)·0.8 ns + 10 + 250 µs;
///   open /f (66 B) 614 µs, its reply (128 B) 663.6 µs; getattr, read and close requests (80 B)
///   625.2 µs; the close reply (80 B) 625.2 µs; a 5-byte write (69 B) 616.4 µs;
/// - an 8KB reply (8256 B) is 6 packets, 8640 B on the wire: 250 + 6912 + 10 + 250 = 7422 µs;
/// - reading both blocks of /f from the disk: 20 ms + 8KB / 1 MB/s = 27.8125 ms;
/// - a local message of P bytes: 100 µs + P / 8 MB/s; a hit on /f: 100 + 1024 = 1124 µs.
@Suite("Operation time is the charge on the timeline")
struct OperationTimeTests {
    static let network = "network ethernet preset sprite-1988 topology bus bandwidth 10Mbps latency 10us "
        + "mtu 1500B header 64B send-overhead 250us receive-overhead 250us local-cost 100us "
        + "copy-rate 0B/s packet-overhead 0us open-cpu 100us close-cpu 100us call-cpu 100us"

    /// Diskless clients of fs1, which serves `/`.
    static func remote(_ consistency: String, _ policy: String) -> String {
        """
        cluster {
          \(network)
          server fs1 memory 32MB disk 20ms rate 1MB/s
          workstation ws1, ws2 memory 8MB diskless
        }
        domain / on fs1
        consistency \(consistency)
        cache client policy \(policy)

        """
    }

    struct Path: CustomTestStringConvertible, Sendable {
        let name: String
        let script: String
        /// The steps at 10s, each labelled, and the time each should take.
        let steps: String
        let times: [(String, String)]
        /// Where the clock stands when the run is over: 10s plus the charges.
        let end: String
        var testDescription: String { name }
    }

    static let paths: [Path] = [
        Path(name: "cache hit", script: remote("sprite", "delayed-write")
                + "on ws1 { create /f size 8KB; open /f r; read }\n",
             steps: "read as op", times: [("op", "1.124ms")], end: "10.001124s"),
        Path(name: "miss, blocks from the server's disk", script: remote("sprite", "delayed-write")
                + "on ws1 { create /f size 8KB; open /f r }\n",
             // 625.2 + 100 + 27812.5 + 7422 µs
             steps: "read as op", times: [("op", "35.9597ms")], end: "10.0359597s"),
        Path(name: "caching off, blocks in the server's memory", script: remote("sprite", "delayed-write")
                + "on ws1 { create /f size 8KB; open /f r; read }\ncache ws1 off\n",
             // 625.2 + 100 + 7422 µs; a second read costs the same: nothing is cached.
             steps: "read as op; read as again", times: [("op", "8.1472ms"), ("again", "8.1472ms")],
             end: "10.0162944s"),
        Path(name: "caching disabled by concurrent write-sharing", script: remote("sprite", "delayed-write")
                + "on ws1 { create /f size 8KB; open /f r; read }\nat 5s { on ws2 { open /f rw } }\n",
             steps: "read as op", times: [("op", "8.1472ms")], end: "10.0081472s"),
        Path(name: "delayed write, then sync", script: remote("sprite", "delayed-write")
                + "on ws1 { create /f size 8KB; open /f rw }\n",
             // 100 µs + 5 B / 8 MB/s; the sync writes 5 B back: 616.4 + 100 + 663.6 µs.
             steps: "write \"hello\" as op; sync as s", times: [("op", "100.625us"), ("s", "1.38ms")],
             end: "10.001480625s"),
        Path(name: "write-through", script: remote("sprite", "write-through")
                + "on ws1 { create /f size 8KB; open /f rw }\n",
             steps: "write \"hello\" as op", times: [("op", "1.38ms")], end: "10.00138s"),
        Path(name: "write-on-close", script: remote("sprite", "write-on-close")
                + "on ws1 { create /f size 8KB; open /f rw }\n",
             // The close writes back (1380 µs), then tells the server (625.2 + 100 + 625.2 µs).
             steps: "write \"hello\" as op; close as c", times: [("op", "100.625us"), ("c", "2.7304ms")],
             end: "10.002831025s"),
        Path(name: "NFS: open, read and close from the cache", script: remote("nfs", "write-on-close")
                + "on ws1 { create /f size 8KB }\nat 9s { on ws1 { open /f r; read; close } }\n",
             // Cached at 9s, within the 3s attribute timeout at 10s: nothing goes to the server.
             steps: "open /f r as o; read as op; close as c",
             times: [("o", "100us"), ("op", "1.124ms"), ("c", "100us")], end: "10.001324s"),
        Path(name: "callbacks: open from the cache", script: remote("callbacks", "write-on-close")
                + "on ws1 { create /f size 8KB; open /f r; read; close }\n",
             steps: "open /f r as o; read as op", times: [("o", "100us"), ("op", "1.124ms")], end: "10.001224s"),
        Path(name: "a local disk", script: """
                cluster {
                  \(network)
                  node ws1 role both memory 8MB disk 20ms rate 1MB/s
                }
                domain / on ws1
                on ws1 { create /f size 8KB; open /f r }

                """,
             // Local messages: request 80 B (110 µs), CPU 100 µs, disk 27812.5 µs, reply 8256 B (1132 µs).
             // Then the client cache has it: 1124 µs.
             steps: "read as op; read as hit", times: [("op", "29.1545ms"), ("hit", "1.124ms")],
             end: "10.0302785s"),
    ]

    @Test(arguments: paths)
    func aLabelledOperationTakesWhatTheTimelineCharged(_ path: Path) {
        var script = path.script + "run\nat 10s { on ws1 { \(path.steps) } }\nrun\n"
        for (label, time) in path.times { script += "expect \(label).time == \(time)\n" }
        script += "expect now == \(path.end)\n"
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.output.filter { $0.contains("FAILED") || $0.contains("error") })")
    }

    /// Every step's line is stamped at its end, under every protocol: steps of
    /// one block run back to back from 10s, so the k-th line is at 10s plus
    /// the times of the first k steps. Reads from the cache and from the
    /// server, opens, writes and closes alike.
    @Test(arguments: ["sprite", "nfs", "callbacks", "none"])
    func everyLineIsStampedWhenItsStepEnds(_ consistency: String) throws {
        let labels = ["o", "r1", "r2", "b", "w", "r3", "c"]
        let script = Self.remote(consistency, "delayed-write")
            + "on ws1 { create /f size 8KB; open /f r; read; close }\nrun\n"
            + "at 10s { on ws1 { open /f rw as o; read as r1; read as r2; read block 1 as b; write \"hi\" as w; "
            + "read as r3; close as c } }\n"
            + "run\nshow operations\n"
        let (status, sink, _) = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(status == .ok)
        let objects = try ScriptHarness.jsonObjects(sink.output)
        let table = try #require(ScriptHarness.events(objects, "show").first { $0["table"] as? String == "operations" })
        let rows = try #require(table["rows"] as? [[String: Any]])
        var end: Int64 = 10_000_000_000
        for label in labels {
            let row = try #require(rows.first { $0["label"] as? String == label }, "no operation \(label)")
            let elapsed = try #require(row["elapsed_ns"] as? Int64)
            #expect(elapsed > 0, "\(label) took no time under \(consistency)")
            end += elapsed
            let line = try #require(objects.first { $0["label"] as? String == label && $0["t"] != nil })
            #expect(line["t"] as? Int64 == end, "\(label) under \(consistency): \(line)")
        }
        let sources = objects.filter { $0["event"] as? String == "file.read" && $0["op"] as? Int64 ?? 0 > 2 }
            .compactMap { $0["source"] as? String }
        #expect(sources.contains("cache"), "no read from the cache under \(consistency): \(sources)")
    }
}
