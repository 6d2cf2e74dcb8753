import Testing
@testable import SpriteScript

/// `cache NODE on|off [size SIZE]` on a server sets its block cache: off,
/// every read goes to its disk. Figures as in OperationTimeTests: a read of
/// the 8KB /f from fs1 takes 625.2 + 100 + 7422 µs = 8.1472 ms with both its
/// blocks in the server's memory, plus 20 ms + 8KB / 1 MB/s = 27.8125 ms when
/// both come from the disk (35.9597 ms), plus 20 ms + 4KB / 1 MB/s = 23.90625 ms
/// when one does (32.05345 ms).
@Suite("Server block cache on and off")
struct ServerCacheScriptTests {
    static let prelude = """
        cluster {
          \(OperationTimeTests.network)
          server fs1 memory 32MB disk 20ms rate 1MB/s
          workstation ws1 memory 8MB diskless
        }
        domain / on fs1
        cache ws1 off
        on ws1 { create /f size 8KB; open /f r }
        run

        """

    static func run(_ text: String) -> (SpriteScript.ExitStatus, [String]) {
        let (status, sink, _) = ScriptHarness.run(prelude + text)
        return (status, sink.output)
    }

    @Test func withItsCacheOnAServerReadsFromMemoryAfterTheFirstTime() {
        let (status, output) = Self.run("""
            on ws1 { read as first; read as second }
            run
            expect first.time == 35.9597ms
            expect second.time == 8.1472ms
            expect stats.disk-reads == 2
            """)
        #expect(status == .ok, "\(output.filter { $0.contains("FAILED") })")
    }

    @Test func withItsCacheOffEveryReadGoesToTheDisk() {
        let (status, output) = Self.run("""
            cache fs1 off
            on ws1 { read as first; read as second }
            run
            expect first.time == 35.9597ms
            expect second.time == 35.9597ms
            expect stats.disk-reads == 4
            expect stats.server-hits == 0
            show cache fs1
            cache fs1 on
            on ws1 { read as third; read as fourth }
            run
            expect third.time == 35.9597ms
            expect fourth.time == 8.1472ms
            """)
        #expect(status == .ok, "\(output.filter { $0.contains("FAILED") })")
        #expect(output.contains("block cache of fs1 (off: every read from its disk, 0 of 8192 blocks)"))
    }

    @Test func aSmallerBlockCacheKeepsOnlyWhatFits() {
        let (status, output) = Self.run("""
            cache fs1 on size 4KB
            on ws1 { read as first; read as second }
            run
            expect first.time == 35.9597ms
            expect second.time == 32.05345ms
            show cache fs1
            """)
        #expect(status == .ok, "\(output.filter { $0.contains("FAILED") })")
        #expect(output.contains("block cache of fs1 (on, 1 of 1 block)"))
    }

    @Test func aNodeOfBothRolesTurnsBothCachesOff() {
        let script = """
            cluster {
              \(OperationTimeTests.network)
              node ws1 role both memory 8MB disk 20ms rate 1MB/s
            }
            domain / on ws1
            cache ws1 off
            on ws1 { create /f size 8KB; open /f r; read as first; read as second }
            run
            expect stats.client-hits == 0
            expect stats.disk-reads == 4
            show cache ws1
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.output.filter { $0.contains("FAILED") })")
        #expect(sink.output.contains { $0.contains("cache of ws1 (off, 0 of 1024 blocks") })
        #expect(sink.output.contains { $0.contains("block cache of ws1 (off: every read from its disk") })
    }
}
