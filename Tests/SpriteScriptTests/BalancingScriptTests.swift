import Testing
@testable import SpriteScript

/// Line 1: a server and two workstations.
private let B = "cluster { server fs1; workstation ws1, ws2 }\n"

/// Every error a malformed balancing statement reports before anything runs.
private let balancingCases: [DiagnosticCase] = [
    .init(B + "balance ws1, ws2 strategy sendr", "unknown balancing strategy 'sendr'; did you mean 'sender'?",
          line: 2, column: 27, help: "strategies: none random sender receiver symmetric sprite graph"),
    .init(B + "balance ws1, ws9 strategy sender", "unknown node 'ws9'", line: 2, column: 14),
    .init(B + "balance ws1, ws2 strategy sender central fs1", "'central' names Sprite's host-selection server",
          line: 2, column: 42, help: "use strategy sprite"),
    .init(B + "balance ws1 strategy sender probes 100", "at most 64 probes a round", line: 2, column: 29),
    .init(B + "balance ws1 strategy sender thresold 2", "unknown balance option 'thresold'; did you mean 'threshold'?",
          line: 2, column: 29, .syntax),
    .init(B + "balance ws1 strategy sender threshold 1 threshold 2", "'threshold' is given twice", line: 2,
          column: 41),
    .init(B + "balance ws1 strategy sender capacity 3", "only strategy graph uses it", line: 2, column: 29),
    .init(B + "idle ws1 after 30s load 0.5 decay 0s", "the decay must be more than 0", line: 2, column: 35),
    .init(B + "idle ws1 after 30s", "expected 'load'", line: 2, column: 19, .syntax),
    .init(B + "input ws3", "unknown node 'ws3'", line: 2, column: 7),
    .init(B + "traffic a a 1KB", "does not send traffic to itself", line: 2, column: 11),
    .init(B + "traffic a b 2s", "expected a size like 64KB", line: 2, column: 13),
]

@Suite struct BalancingScriptTests {
    @Test(arguments: balancingCases)
    func reports(_ c: DiagnosticCase) throws {
        try c.checkFirstDiagnostic()
    }

    /// A graph placement with nothing declared, or that cannot fit, is a runtime error naming the statement.
    @Test(arguments: [
        ("balance ws1, ws2 strategy graph", "strategy graph has no traffic to partition"),
        ("traffic a b 1KB\ntraffic b c 1KB\nbalance ws1 strategy graph capacity 2", "3 processes do not fit"),
    ])
    func graphRefusals(_ tail: String, _ message: String) {
        let (status, sink, _) = ScriptHarness.run(B + tail)
        #expect(status == .runtimeError, "\(sink.text)")
        #expect(sink.errorText.contains(message), "\(sink.errorText)")
    }

    /// expect reads the balancing rows after a sender-initiated run (one probe, one transfer).
    @Test func expectReadsTheBalancingRows() {
        let script = B + """
            balance ws1, ws2 strategy sender threshold 1 probes 1
            program job { compute 100ms }
            spawn job as a on ws1
            spawn job as b on ws1
            run
            expect stats.probes == 1
            expect stats.balance-transfers == 1
            expect stats.balance-bytes > 128B
            expect avg.slowdown >= 1
            expect stats.turnaround-p99 >= stats.turnaround-mean
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }
}
