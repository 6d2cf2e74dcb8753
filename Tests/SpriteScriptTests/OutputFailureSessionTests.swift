import Testing
@testable import SpriteScript

/// A sink whose writes start failing after `failAfter` lines, as a full disk would.
private final class FailingSink: OutputSink {
    let failAfter: Int
    private(set) var lines = 0
    init(failAfter: Int) { self.failAfter = failAfter }
    var hasFailed: Bool { lines >= failAfter }
    func write(_ line: String, to stream: OutputChannel) { lines += 1 }
}

@Suite("output that cannot be written")
struct OutputFailureSessionTests {
    static let script = """
        cluster { workstation ws1; server fs1 }
        echo "one"
        echo "two"
        echo "three"
        rpc ws1 -> fs1 count 1000
        run
        echo "after"
        """

    @Test func aScriptStopsAtTheFirstFailedWriteWithStatus5() {
        let sink = FailingSink(failAfter: 2)
        let session = Session(options: ScriptHarness.options(), sink: sink)
        let status = session.runScript(ScriptHarness.file(Self.script))
        #expect(status == .outputFailed)
        #expect(sink.lines == 2, "lines kept coming after the output failed")
        #expect(session.interpreter.simulation.statistics.eventsProcessed == 0, "the engine ran for nobody")
    }

    @Test func thePromptReportsTheFailureToo() {
        let sink = FailingSink(failAfter: 1)
        let session = Session(options: ScriptHarness.options(), sink: sink)
        #expect(session.evaluate(ScriptHarness.file("echo \"one\"")) == .failed(.outputFailed))
    }

    @Test func status5IsDocumented() {
        #expect(ExitStatus.outputFailed.rawValue == 5)
        #expect(ExitStatus.documentation.contains("5  standard output or error could not be written"))
    }
}
