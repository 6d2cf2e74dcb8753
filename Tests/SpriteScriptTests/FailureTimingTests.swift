import Testing
@testable import SpriteScript

/// docs/COST-MODEL.md: an operation on a crashed or unreachable peer fails
/// after timeout × (retries + 1). Each of the retries + 1 attempts waits its
/// timeout, the last one too; an operation whose request the peer had already
/// received when it crashed fails that long after the crash.
@Suite("Failure timing: timeout × (retries + 1)")
struct FailureTimingTests {
    struct Budget: CustomTestStringConvertible, Sendable {
        let timeout: String
        let retries: Int
        /// timeout × (retries + 1), by hand.
        let total: String
        /// 5 ms + total: a read whose server crashes 5 ms after it started.
        let afterCrash: String
        var testDescription: String { "timeout \(timeout) retries \(retries)" }
    }

    static let budgets: [Budget] = [
        Budget(timeout: "100ms", retries: 5, total: "600ms", afterCrash: "605ms"),
        Budget(timeout: "250ms", retries: 2, total: "750ms", afterCrash: "755ms"),
        Budget(timeout: "30ms", retries: 0, total: "30ms", afterCrash: "35ms"),
        Budget(timeout: "1s", retries: 3, total: "4s", afterCrash: "4.005s"),
    ]

    /// Every kind of call that retransmits: file RPCs (to an unreachable and
    /// to a crashed server, and one the server crashes while serving), `rpc`,
    /// and V send, moveto and movefrom.
    @Test(arguments: budgets)
    func everyKindOfCallGivesUpAfterTheWholeBudget(_ budget: Budget) {
        let script = """
            cluster {
              network ethernet preset sprite-1988 topology bus timeout \(budget.timeout) retries \(budget.retries)
              server fs1 memory 32MB disk 20ms rate 1MB/s
              workstation ws1 memory 8MB diskless
              process client on ws1
              process other on ws1
              process server on fs1
            }
            domain / on fs1
            on ws1 { create /f size 8KB; open /f r }
            try send other -> server "x"
            receive server
            run
            partition ws1 | fs1
            try moveto server -> other 4KB as moveto
            run
            heal
            try send client -> server "y"
            receive server
            run
            partition ws1 | fs1
            try movefrom server <- client 4KB as movefrom
            run
            at 100s { on ws1 { try read as unreachable } }
            run
            heal
            # The read's request reaches fs1 at once; its disk keeps it busy for 27.8ms.
            at 200s { on ws1 { try read as served } }
            at 200.005s { crash fs1 }
            run
            at 300s { try rpc ws1 -> fs1 as rpc }
            at 300s { try send client -> server "z" as send }
            at 300s { on ws1 { try open /f r as open } }
            run
            expect moveto.time == \(budget.total)
            expect movefrom.time == \(budget.total)
            expect unreachable.time == \(budget.total)
            expect served.time == \(budget.afterCrash)
            expect rpc.time == \(budget.total)
            expect send.time == \(budget.total)
            expect open.time == \(budget.total)
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.output.filter { $0.contains("FAILED") || $0.contains("error") })")
    }

    /// A sync fails once for each dirty file it writes back; only the first failure
    /// ends the step, so the steps after it still run one at a time. By hand, with
    /// fs1 down from 100 ms: the sync issued at 200 ms fails at 800 ms (6 attempts of
    /// 100 ms), then each stat takes its own 600 ms: 1.4 s, 2.0 s, 2.6 s.
    @Test func aStepThatFailsTwiceReleasesTheQueueOnce() {
        let script = """
            cluster {
              network ethernet preset sprite-1988 topology bus timeout 100ms retries 5
              server fs1 memory 32MB disk 20ms rate 1MB/s
              workstation ws1 memory 8MB diskless
            }
            domain / on fs1
            consistency sprite
            cache client policy delayed-write flush 30s age 30s
            on ws1 { open /a rw; write "x"; close; open /b rw; write "y"; close }
            at 100ms { crash fs1 }
            at 200ms { on ws1 { try sync as s; try stat /a as t1; try stat /b as t2; try stat /a as t3 } }
            run
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok)
        let failures = sink.output.filter { $0.contains("FAILED") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? "" }
        #expect(failures == ["800.0000ms", "1.4000s", "2.0000s", "2.6000s"])
    }
}
