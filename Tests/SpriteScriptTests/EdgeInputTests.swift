import Testing
@testable import SpriteScript

/// Inputs found by fuzzing the shell that once crashed it or broke the
/// diagnostic format; each must now end in a clear result.
@Suite("Edge inputs")
struct EdgeInputTests {
    private func run(_ text: String) -> (SpriteScript.ExitStatus, BufferSink, Session) {
        let sink = BufferSink()
        let session = Session(options: SessionOptions(), sink: sink)
        return (session.runScript(SourceFile(name: "edge.sprite", text: text)), sink, session)
    }

    @Test func aOneBitPerSecondLinkTakesLongButTimeNeverRunsBackwards() {
        let (status, sink, session) = run("""
            cluster { network n bandwidth 1bps; server fs1; workstation ws1 }
            rpc ws1 -> fs1 as r
            run
            expect r.penalty == 1152.0001s    # 2 x ((32B + 40B header) x 8 / 1bps + 50us)
            """)
        #expect(status == .ok, "\(sink.output.suffix(8))")
        #expect(session.now > .s(1152))
        #expect(!sink.output.contains { line in
            line.hasPrefix(" ") && line.contains("-") && line.contains("ms  ")
                && line.trimmingCharacters(in: .whitespaces).hasPrefix("-")
        })
    }

    @Test func twoHorizonLongComputationsStopAtTheEndOfTime() {
        let (status, _, session) = run("""
            cluster { server fs1 speed 0.001; process p on fs1 }
            compute p 527040min
            compute p 527040min
            """)
        #expect(status == .runtimeError, "work past the end of simulated time is an error, not a saturated clock")
        #expect(session.now == .zero)
    }

    @Test func aPenaltyOfAnEnormousSizeIsACheckError() {
        let (status, sink, _) = run("""
            cluster { server fs1; workstation ws1 }
            expect penalty ws1 -> fs1 9223372036854775807B == 1s
            """)
        #expect(status == .malformed)
        #expect(sink.errors.first?.contains("the size must be at most 1GB") == true)
    }

    @Test func deepNestingIsASyntaxErrorNotAStackOverflow() {
        let nested = String(repeating: "try { ", count: 2_000) + "heal" + String(repeating: " }", count: 2_000)
        let (status, sink, _) = run(nested)
        #expect(status == .malformed)
        #expect(sink.errors.first?.contains("nested more than 200 deep") == true)
        let prefixed = String(repeating: "try ", count: 5_000) + "heal"
        #expect(run(prefixed).0 == .malformed)
    }

    @Test func stringContentsInDiagnosticsStayOnOneLine() {
        let (status, sink, _) = run("crash \"a\\nb\"")
        #expect(status == .malformed)
        let first = sink.errors.first ?? ""
        #expect(first.hasPrefix("edge.sprite:1:7: error: expected a node name, found string \"a\\nb\""), "\(first)")
        #expect(first.split(separator: "\n").count == 4, "message, source line, caret, help")
    }
}
