import Foundation
import Testing
@testable import SpriteScript

/// The disk forms of a node declaration, `read … block N`, and how `show
/// nodes` prints a drive. Figures are derived by hand from the drive's
/// parameters; see docs/COST-MODEL.md, "Disks".
@Suite struct DiskStatementTests {
    private func nodes(_ declarations: String) throws -> [[String: Any]] {
        let result = ScriptHarness.run("cluster {\n\(declarations)\n}\nshow nodes",
                                       options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let show = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "show")
        return try #require(show.first?["rows"] as? [[String: Any]])
    }

    @Test func everyFormDeclaresTheDriveItSays() throws {
        let rows = try nodes("""
            server eagle disk fujitsu-eagle
            server byhand disk seek 18ms rpm 3961 rate 1815KB/s
            server legacy disk 20ms rate 2MB/s
            server faster disk fujitsu-eagle rate 4MB/s
            workstation ws1 diskless
            server asWritten disk seek 18ms rpm 3961 rate 1.86MB/s
            """)
        #expect(rows.map { $0["disk_drive"] as? String } == ["fujitsu-eagle", nil, nil, nil, nil, nil])
        // 18ms + 30s / 3961 (7.573845ms): the average access of the Eagle.
        #expect(rows[0]["disk_latency_ns"] as? Int == 25_573_845)
        #expect(rows[0]["disk_bytes_per_second"] as? Int == 1_859_000)
        #expect(rows[1]["disk_latency_ns"] as? Int == 25_573_845)
        #expect(rows[1]["disk_rpm"] as? Int == 3961)
        #expect(rows[1]["disk_bytes_per_second"] as? Int == 1815 << 10)
        // 'disk T rate R' is seek T and no rotation: T is the whole access.
        #expect(rows[2]["disk_seek_ns"] as? Int == 20_000_000)
        #expect(rows[2]["disk_rpm"] as? Int == 0)
        #expect(rows[2]["disk_latency_ns"] as? Int == 20_000_000)
        // A figure after a drive's name overrides it; the drive is then no longer the named one.
        #expect(rows[3]["disk_seek_ns"] as? Int == 18_000_000)
        #expect(rows[3]["disk_bytes_per_second"] as? Int == 4 << 20)
        #expect(rows[4]["disk_rpm"] is NSNull)
        // A rate is rounded to the nearest byte per second: 1.86 × 1048576 = 1950351.36.
        #expect(rows[5]["disk_bytes_per_second"] as? Int == 1_950_351)
        #expect(rows[5]["disk_latency_ns"] as? Int == 25_573_845)
    }

    @Test func showNodesPrintsTheDrive() {
        let result = ScriptHarness.run("""
            cluster {
              server eagle disk fujitsu-eagle
              server byhand disk seek 18ms rpm 3961 rate 1815KB/s
              server legacy disk 20ms rate 2MB/s
            }
            show nodes
            """)
        let text = result.sink.output.joined(separator: "\n")
        #expect(text.contains("fujitsu-eagle"), "\(text)")
        #expect(text.contains("18ms 3961rpm @ 1.77MB/s"), "\(text)")
        #expect(text.contains("20ms @ 2MB/s"), "\(text)")
    }

    @Test(arguments: [
        DiagnosticCase("cluster { server fs1 disk eagle }", "unknown drive 'eagle'", line: 1, column: 27,
                       endColumn: 32, help: "drives: fujitsu-eagle modern-hdd modern-ssd"),
        DiagnosticCase("cluster { server fs1 disk fujitsu-egale }", "did you mean 'fujitsu-eagle'?", line: 1,
                       column: 27),
        DiagnosticCase("cluster { server fs1 disk }", "expected an access time like 20ms, a drive name or 'seek'",
                       line: 1, column: 27, .syntax, help: "disk seek 18ms rpm 3961"),
        DiagnosticCase("cluster { server fs1 disk 20ms rpm 3600 }",
                       "'disk 20ms' already gives the whole access time; it takes no rpm", line: 1, column: 32,
                       endColumn: 40, help: "write disk seek T rpm N [rate R]"),
        DiagnosticCase("cluster { server fs1 disk seek 0ms }", "the disk seek must be greater than zero", line: 1,
                       column: 32),
        DiagnosticCase("cluster { server fs1 disk seek 5ms rpm 3.5 }", "rpm must be a whole number", line: 1,
                       column: 40),
        DiagnosticCase("cluster { workstation ws1 diskless disk fujitsu-eagle }", "a diskless node has no disk",
                       line: 1, column: 27, help: "drop 'diskless' or 'disk fujitsu-eagle'"),
        DiagnosticCase("cluster { workstation ws1 diskless rpm 7200 }", "a diskless node has no rpm", line: 1,
                       column: 27),
        DiagnosticCase("cluster { server fs1 }\ndomain / on fs1\non fs1 { read /f block x }",
                       "expected a block number (from 0)", line: 3, column: 24, .syntax),
    ])
    func diskErrorsPointAtTheirCause(_ c: DiagnosticCase) throws {
        let diagnostics = ScriptHarness.diagnostics(c.script)
        let first = try #require(diagnostics.first, "no diagnostic for:\n\(c.script)")
        #expect(first.message.contains(c.message), "message: \(first.message)")
        #expect(first.category == c.category)
        let span = try #require(first.span)
        #expect(span.line == c.line && span.column == c.column, "at \(span.line):\(span.column)")
        if let end = c.endColumn { #expect(span.endColumn == end) }
        if let help = c.help { #expect(first.help?.contains(help) == true, "help: \(first.help ?? "none")") }
    }

    @Test func completionOffersTheDrives() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let offered = session.completions(for: "cluster { server fs1 disk ", cursor: 26, context: "")
        #expect(offered.contains("fujitsu-eagle") && offered.contains("modern-ssd") && offered.contains("seek"),
                "\(offered)")
        let options = session.completions(for: "cluster { server fs1 disk seek 18ms r", cursor: 37, context: "")
        #expect(options.contains("rpm") && options.contains("rate"), "\(options)")
        let read = session.completions(for: "on ws1 { read /f b", cursor: 18, context: "")
        #expect(read.contains("block"), "\(read)")
    }

    /// A workstation with its own Eagle (so no network is crossed), its cache
    /// off and cold: the whole 64KB file is one positioning and 16 transfers,
    /// 25.573845 + 16 × 2.203336 = 60.827221ms; four random blocks are four
    /// positionings, 4 × 27.777181 = 111.108724ms; the block after the last
    /// one read is a transfer alone, 2.203336ms. The server's 100us of CPU
    /// and the local messages add under 1 % to the first two.
    @Test func sequentialBeatsRandomByTheHandDerivedFigures() {
        let result = ScriptHarness.run("""
            cluster { node ws role both memory 8MB disk fujitsu-eagle }
            domain / on ws
            cache ws off
            on ws { create /big size 64KB; open /big r; read as whole; close }
            run
            expect whole.time == 60.827221ms within 1%
            reset
            cluster { node ws role both memory 8MB disk fujitsu-eagle }
            domain / on ws
            cache ws off
            on ws { create /big size 64KB; open /big r }
            on ws { read block 11 as r1; read block 2 as r2; read block 7 as r3; read block 14 as r4 }
            on ws { read block 15 as next; close }
            run
            expect r1.time == 27.777181ms within 1%
            expect r4.time == 27.777181ms within 1%
            expect next.time > 2.203336ms
            expect next.time < 3ms
            expect next.bytes == 4KB
            """)
        #expect(result.status == .ok, "\(result.sink.output.suffix(8))")
    }

    /// Client caches hold whole files: a block comes from the cache only when
    /// the whole file is there; a block fetched alone leaves nothing cached.
    @Test func aBlockReadUsesButNeverFillsTheClientCache() {
        let result = ScriptHarness.run("""
            cluster { server fs1 disk fujitsu-eagle; workstation ws1 diskless }
            domain / on fs1
            on ws1 { create /f size 16KB; open /f r; read block 1 as alone; read block 2 as again; close }
            run
            expect stats.client-hits == 0
            expect stats.client-misses == 2
            expect stats.rpc.read == 2
            on ws1 { open /f r; read as whole; read block 3 as cached; close }
            run
            expect stats.client-hits == 1
            expect stats.rpc.read == 3
            expect cached.bytes == 4KB
            expect whole.bytes == 16KB
            """)
        #expect(result.status == .ok, "\(result.sink.output.suffix(8))")
    }
}
