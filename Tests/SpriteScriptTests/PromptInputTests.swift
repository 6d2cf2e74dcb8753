import Foundation
import Testing
@testable import SpriteScript

/// Input typed at the prompt: when it is whole, what an error inside an open
/// block does, and input abandoned unfinished.
@Suite("prompt input")
struct PromptInputTests {
    private let cluster = "cluster { workstation ws1; server fs1 }"

    private func newSession() -> (Session, BufferSink) {
        let sink = BufferSink()
        return (Session(options: ScriptHarness.options(), sink: sink), sink)
    }

    private func evaluate(_ session: Session, _ text: String) -> EvaluationResult {
        session.evaluate(ScriptHarness.file(text, name: "<input>"))
    }

    @Test func balanceCountsBracesOutsideStringsAndComments() {
        #expect(InputBalance(of: "echo \"x\"").isComplete)
        #expect(!InputBalance(of: "at +1s {").isComplete)
        #expect(InputBalance(of: "at +1s {\n  echo \"}\"\n").openBraces.count == 1, "a brace in a string")
        #expect(InputBalance(of: "at +1s { # }\n").openBraces.count == 1, "a brace in a comment")
        #expect(InputBalance(of: "echo \"{\" # {").isComplete)
        #expect(InputBalance(of: "echo \"a\\\"{\"").isComplete, "an escaped quote does not end the string")
        #expect(InputBalance(of: "try { at 1s {\n}\n}").isComplete)
        let nested = InputBalance(of: "try {\n  at 1s {")
        #expect(nested.openBraces.map(\.line) == [1, 2])
        #expect(nested.openBraces.map(\.column) == [5, 9])
        #expect(InputBalance(of: "} at 1s {").openBraces.count == 1, "a stray } does not close a later block")
    }

    @Test func balanceSeesATrailingBackslash() {
        #expect(InputBalance(of: "echo \\").continues)
        #expect(!InputBalance(of: "echo \\\n\"x\"").continues)
        #expect(!InputBalance(of: "echo \"x\" # \\").continues, "a backslash in a comment")
        #expect(!InputBalance(of: "echo \"x\\").continues, "a backslash in a string")
    }

    @Test func anErrorInsideAnOpenBlockWaitsForItsBrace() throws {
        let (session, sink) = newSession()
        #expect(evaluate(session, cluster) == .done)
        #expect(evaluate(session, "at +10s {") == .needsMoreInput)
        #expect(evaluate(session, "at +10s {\nech \"x\"") == .needsMoreInput)
        #expect(evaluate(session, "at +10s {\nech \"x\"\ncrash fs1") == .needsMoreInput)
        #expect(sink.errors.isEmpty, "the error waits for the block's end")
        let simulation = session.interpreter.simulation
        let fs1 = try #require(simulation.node(named: "fs1"))
        #expect(simulation.isUp(fs1), "nothing in the block ran")
        #expect(evaluate(session, "at +10s {\nech \"x\"\ncrash fs1\n}") == .failed(.malformed))
        #expect(sink.errors.count == 1)
        #expect(sink.errors.first?.hasPrefix("<input>:2:1: error: unknown statement 'ech'") == true)
        #expect(evaluate(session, "advance 20s") == .done)
        #expect(simulation.isUp(fs1), "the block was never scheduled")
        #expect(session.pendingEvents == 0)
    }

    @Test func aTrailingBackslashAsksForTheNextLine() {
        let (session, sink) = newSession()
        #expect(evaluate(session, "echo \\") == .needsMoreInput)
        #expect(evaluate(session, "echo \\\n\"joined\"") == .done)
        #expect(sink.output == ["         0s  echo    joined"])
    }

    @Test func abandoningAnOpenBlockWarnsAtItsBrace() {
        let (session, sink) = newSession()
        let pending = ScriptHarness.file("echo \"x\"\nat +1s {\n  echo \"y\"", name: "<input>")
        let status = session.abandonUnfinished(pending)
        #expect(status == .malformed)
        #expect(sink.output.isEmpty)
        #expect(sink.errors.first?.hasPrefix(
            "<input>:2:8: warning: unfinished block abandoned at end of input: nothing in it ran") == true)
    }

    @Test func abandoningAContinuedStatementWarns() {
        let (session, sink) = newSession()
        #expect(session.abandonUnfinished(ScriptHarness.file("echo \\", name: "<input>")) == .malformed)
        #expect(sink.errors.first?.contains("unfinished statement abandoned at end of input") == true)
    }
}
