import Testing
import SpriteKernel
@testable import SpriteScript

/// The clock never lies: the end of simulated time is a runtime error at the
/// statement whose work would pass it, and errors give the time of the failure.
@Suite("Clock")
struct ClockScriptTests {
    private func run(_ text: String) -> (SpriteScript.ExitStatus, BufferSink, Session) {
        let result = ScriptHarness.run(text)
        return (result.status, result.sink, result.session)
    }

    /// No time printed is negative or past the horizon.
    private func assertHonestTimes(_ sink: BufferSink, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in sink.output + sink.errors {
            #expect(!line.contains("in -"), "\(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("9223372036"), "\(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("4611686018"), "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func workPastTheEndOfTimeIsARuntimeErrorAtItsStatement() {
        let (status, sink, session) = run("""
            cluster { workstation a speed 0.001; server b; process p on a }
            compute p 527040min
            compute p 527040min
            run
            rpc a -> b
            run
            """)
        #expect(status == .runtimeError)
        let error = sink.errors.first ?? ""
        #expect(error.hasPrefix("test.sprite:2:1: error: compute p failed at \(SimTime.zero)"), "\(error)")
        #expect(error.contains("end of simulated time"), "\(error)")
        #expect(!sink.errorText.contains("try"), "'try' cannot allow for the end of time")
        #expect(session.now == .zero)
        assertHonestTimes(sink)
    }

    @Test func twoComputationsThatPassTheEndTogetherFailAtTheSecond() {
        let (status, sink, session) = run("""
            cluster { workstation a speed 0.01; process p on a }
            compute p 527040min
            compute p 527040min
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.hasPrefix("test.sprite:3:1: error: compute p failed at") == true, "\(sink.errors)")
        #expect(!session.now.isPastHorizon)
        assertHonestTimes(sink)
    }

    @Test func tryDoesNotAllowForTheEndOfTime() {
        let (status, sink, _) = run("""
            cluster { workstation a speed 0.001; process p on a }
            try compute p 527040min
            run
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("end of simulated time") == true, "\(sink.errors)")
    }

    @Test func aGigabyteMoveOverAOneBitLinkIsAnErrorNotDoneInZero() {
        for verb in ["movefrom q <- p", "moveto q -> p"] {
            let (status, sink, session) = run("""
                cluster { network n bandwidth 1bps; workstation a; server b; process p on a; process q on b }
                send p -> q "hi"
                receive q
                run
                \(verb) 1GB
                run
                """)
            #expect(status == .runtimeError)
            #expect(sink.errors.first?.hasPrefix("test.sprite:5:1: error: \(verb) failed at") == true, "\(sink.errors)")
            #expect(!sink.text.contains("done in"), "\(sink.text)")
            #expect(!session.now.isPastHorizon)
            assertHonestTimes(sink)
        }
    }

    @Test func aPenaltyLongerThanTimeItselfIsARuntimeError() {
        let (status, sink, _) = run("""
            cluster { network n bandwidth 1bps; workstation a; server b }
            expect penalty a -> b 1GB > 1s
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("longer than simulated time lasts") == true, "\(sink.errors)")
    }

    @Test func aRuntimeErrorGivesTheTimeOfTheFailureNotOfTheEndOfTheRun() {
        let (status, sink, session) = run("""
            cluster { workstation a; server b; process p on a; process q on b }
            send p -> q "hi"
            at 50ms { crash b }
            at 10s { echo "later" }
            run
            """)
        #expect(status == .runtimeError)
        #expect(session.now == .s(10))
        // The send gives up after its retransmission budget: 6 x 10ms after the crash.
        let error = sink.errors.first ?? ""
        #expect(error.contains("send p -> q failed at \(SimTime.ms(110)):"), "\(error)")
    }

    @Test func aCrashIsPrintedBeforeTheFailuresItCauses() {
        let (status, sink, _) = run("""
            cluster { workstation a; server b; process p on a }
            compute p 10ms
            compute p 10ms
            at 5ms { crash a }
            run
            """)
        #expect(status == .runtimeError)
        let crash = sink.output.firstIndex { $0.contains("a CRASHED") } ?? .max
        let failure = sink.output.firstIndex { $0.contains("FAILED") } ?? -1
        #expect(crash < failure, "\(sink.output)")
    }

    @Test func jsonNamesTheEndOfTimeAndTheTimeOfTheFailure() throws {
        let result = ScriptHarness.run("""
            cluster { workstation a speed 0.001; process p on a }
            compute p 1ms
            compute p 527040min
            run
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .runtimeError)
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let failed = ScriptHarness.events(objects, "op.failed")
        #expect(failed.count == 1)
        #expect(failed.first?["reason"] as? String == "end-of-time", "\(failed)")
    }

    /// Only the top level moves the clock: a block that ran the engine inside
    /// itself would run later blocks before its own remaining statements.
    @Test(arguments: ["at 1s { run }", "at 1s { advance 1s }", "on a { run }", "on a { advance 1s }",
                      "at 1s { on a { run } }"])
    func runAndAdvanceInsideABlockAreCheckErrors(_ block: String) {
        let (status, sink, session) = run("cluster { workstation a; server b }\nat 5s { echo \"five\" }\n" + block)
        #expect(status == .malformed)
        #expect(sink.output.isEmpty, "nothing runs: \(sink.output)")
        #expect(sink.errors.first?.contains("cannot be used inside an 'at' or 'on' block") == true, "\(sink.errors)")
        #expect(session.now == .zero)
    }
}
