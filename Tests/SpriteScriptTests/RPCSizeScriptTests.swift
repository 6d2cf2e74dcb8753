import SpriteKernel
import Testing
@testable import SpriteScript

/// File transfers and `network` options of the era cost model, through scripts.
@Suite struct RPCSizeScriptTests {
    @Test func aMegabyteReadIsSixtyFourSpriteRPCs() {
        let (status, sink, session) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            on fs1 { create /big size 1MB }
            run
            on ws1 { open /big r; read; close }
            on ws2 { open /big w; write 40KB; close }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        let stats = session.interpreter.simulation.fileSystemStatistics
        // 1MB / 16KB = 64 read RPCs; 40KB of data written back = 16 + 16 + 8KB, three write RPCs.
        #expect(stats.rpcs["read"] == 64)
        #expect(stats.rpcs["write"] == 3)
    }

    @Test func withoutALimitATransferIsOneRPC() {
        let (status, _, session) = FSScript.run("""
            cluster {
              network ethernet preset sprite-1988 topology bus rpc-size 2MB
              server fs1 memory 32MB disk 20ms
              workstation ws1 memory 8MB diskless
            }
            domain / on fs1
            on fs1 { create /big size 1MB }
            run
            on ws1 { open /big r; read; close }
            run
            """)
        #expect(status == .ok)
        #expect(session.interpreter.simulation.fileSystemStatistics.rpcs["read"] == 1)
    }

    @Test func networkOptionsSetTheNewCosts() {
        let (status, sink, session) = FSScript.run("""
            cluster {
              network ethernet preset modern copy-rate 4MB/s packet-overhead 20us rpc-size 8KB open-cpu 2ms
              network close-cpu 1ms read-cpu 300us write-cpu 400us call-cpu 50us
              workstation ws1
            }
            show network
            """)
        #expect(status == .ok, "\(sink.errors)")
        let cost = session.interpreter.simulation.networkConfig.cost
        #expect(cost.copyBytesPerSecond == 4 << 20)
        #expect(cost.packetOverhead == .us(20))
        #expect(cost.maxRPCBytes == 8 << 10)
        #expect(cost.fileCPU == FileServerCPU(open: .ms(2), close: .ms(1), read: .us(300), write: .us(400),
                                              other: .us(50)))
        let shown = sink.output.joined(separator: "\n")
        for row in ["copy-rate", "packet-overhead", "rpc-size", "open-cpu", "call-cpu"] {
            #expect(shown.contains(row), "show network lacks \(row)")
        }
    }

    @Test func aZeroRPCSizeIsRefused() {
        let (status, sink, _) = FSScript.run("cluster { network preset sprite-1988 rpc-size 0B; workstation ws1 }")
        #expect(status == .malformed)
        #expect(sink.errors.first?.contains("rpc-size") == true, "\(sink.errors)")
    }
}
