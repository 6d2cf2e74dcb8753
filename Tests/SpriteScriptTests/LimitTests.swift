import Testing
@testable import SpriteScript
import SpriteKernel

/// Limits set on the command line bound every run; a script may lower them, never raise them.
@Suite struct LimitTests {
    static let cluster = "cluster { network preset v-1983; workstation a; server b }\n"

    static func options(_ settings: [String], loader: any SourceLoader = InMemoryLoader(files: [:])) throws
        -> SessionOptions {
        var options = ScriptHarness.options(loader: loader)
        for setting in settings { try options.limits.set(setting) }
        return options
    }

    /// Runs a script; returns its status and the first error line.
    static func run(_ text: String, _ settings: [String] = [],
                    loader: any SourceLoader = InMemoryLoader(files: [:])) throws
        -> (status: SpriteScript.ExitStatus, error: String, sink: BufferSink) {
        let (status, sink, _) = ScriptHarness.run(text, options: try options(settings, loader: loader))
        return (status, sink.errors.first ?? "", sink)
    }

    // MARK: The command line

    @Test func valuesTakeUnits() throws {
        var limits = Limits()
        try limits.set("time=1h")
        try limits.set("file-bytes=4GB")
        try limits.set("wall=60s")
        try limits.set("events=20000000")
        #expect(limits.time == .s(3600))
        #expect(limits.fileBytes == 4 << 30)
        #expect(limits.wall == 60_000_000_000)
        #expect(limits.events == 20_000_000)
        #expect(limits.option(.time) == "--limit time=1h")
    }

    @Test(arguments: [
        ("events", "--limit takes NAME=VALUE"),
        ("evnts=5", "unknown limit 'evnts'; did you mean 'events'?"),
        ("events=5x", "--limit events takes a whole number greater than zero, not '5x'"),
        ("time=0s", "--limit time takes a duration like 60s or 1h greater than zero, not '0s'"),
        ("file-bytes=4", "--limit file-bytes takes a size like 4GB greater than zero, not '4'"),
    ])
    func malformedSettings(setting: String, message: String) {
        var limits = Limits()
        #expect(throws: LimitError.self) { try limits.set(setting) }
        do { try limits.set(setting) } catch { #expect(error.description.hasPrefix(message), "\(error)") }
    }

    // MARK: Events, for the whole script

    /// A limit lowered below what the script already has is reached at once, at check time:
    /// statements are counted as the whole script is parsed, nodes as they are declared.
    @Test func loweringBelowWhatIsAlreadyUsedIsReached() throws {
        let loader = InMemoryLoader(files: ["five.sprite": String(repeating: "echo \"x\"\n", count: 5)])
        let loaded = try Self.run(Self.cluster + "limit statements 3\nload \"five.sprite\"", loader: loader)
        #expect(loaded.status == .limitReached)
        #expect(loaded.error.contains("limit reached: 6 statements already parsed (limit statements 3)"),
                "\(loaded.error)")
        #expect(loaded.sink.output.isEmpty)
        let plain = try Self.run("limit statements 3\n" + String(repeating: "echo \"x\"\n", count: 5))
        #expect(plain.status == .limitReached, "\(plain.error)")
        let nodes = try Self.run("cluster { workstation a, b }\nlimit nodes 1")
        #expect(nodes.status == .limitReached)
        #expect(nodes.error.contains("2 nodes already declared (limit nodes 1)"), "\(nodes.error)")
    }

    /// A long line counts once per KB against the output limit, so the limit bounds bytes as well.
    @Test func aLongLineCountsOncePerKilobyte() throws {
        let long = "echo \"" + String(repeating: "x", count: 5000) + "\""
        let stopped = try Self.run(long, ["output=4"])
        #expect(stopped.status == .limitReached, "\(stopped.error)")
        #expect(stopped.sink.output.isEmpty, "the 5KB line is past the limit of 4KB")
        let shortLines = try Self.run("echo \"a\"\necho \"b\"\necho \"c\"", ["output=4"])
        #expect(shortLines.status == .ok, "\(shortLines.error)")
    }

    @Test func limitMessagesCountInWords() throws {
        let output = try Self.run("echo \"a\"\necho \"b\"", ["output=1"])
        #expect(output.error.contains("more than 1 line of output"), "\(output.error)")
        let nodes = try Self.run("cluster { workstation a, b }", ["nodes=1"])
        #expect(nodes.error.contains("more than 1 node "), "\(nodes.error)")
        let time = try Self.run("limit time 100000d")
        #expect(time.error.contains("it is 4611686018.427387904s"), "the end of time exactly: \(time.error)")
    }

    @Test func eventsCountOverTheWholeScriptNotPerRun() throws {
        // Twenty runs that each stay inside their own 'run limit' still stop at the script's limit.
        let runs = String(repeating: "rpc a -> b count 1000\nrun limit 3000\n", count: 20)
        let result = try Self.run(Self.cluster + runs, ["events=10000"])
        #expect(result.status == .limitReached)
        #expect(result.error.contains("error: limit reached: the script has processed 10000 events"), "\(result.error)")
        #expect(result.error.contains("(--limit events=10000)"))
        #expect(result.sink.errorText.contains("help: raise it on the command line: --limit events=N"))
        // By default twenty runs of 3M events cannot all run.
        #expect(Limits().events < 20 * 3_000_000)
    }

    @Test func aScriptCannotRaiseItsEventLimit() throws {
        let result = try Self.run(Self.cluster + "rpc a -> b\nrun limit 2000000000", ["events=1000000"])
        #expect(result.status == .limitReached)
        #expect(result.error.contains("'run limit 2000000000' is more than the script's event limit, 1000000 "
                                      + "(--limit events=1000000)"), "\(result.error)")
        #expect(!result.sink.text.contains("rpc a -> b"), "nothing runs")
    }

    @Test func aScriptMayLowerALimitButNotRaiseIt() throws {
        let lowered = try Self.run(Self.cluster + "limit events 50\nrpc a -> b count 100\nrun")
        #expect(lowered.status == .limitReached)
        #expect(lowered.error.contains("the script has processed 50 events"), "\(lowered.error)")
        #expect(lowered.sink.errorText.contains("the script lowered it with 'limit events 50'"))
        let raised = try Self.run("limit events 5000", ["events=1000"])
        #expect(raised.status == .limitReached)
        #expect(raised.error.contains("a script may lower the events limit, not raise it: it is 1000 "
                                      + "(--limit events=1000)"), "\(raised.error)")
    }

    // MARK: Statements, at check time

    @Test func nineFilesThatEachLoadTheNextTenTimesStopAtCheckTime() throws {
        var files: [String: String] = [:]
        for level in 1...8 {
            files["f\(level).sprite"] = String(repeating: "load \"f\(level + 1).sprite\"\n", count: 10)
        }
        files["f9.sprite"] = "echo \"leaf\"\n"
        let result = try Self.run("load \"f1.sprite\"", ["statements=5000"], loader: InMemoryLoader(files: files))
        #expect(result.status == .limitReached)
        #expect(result.error.contains("error: limit reached: more than 5000 statements parsed, counting every load "
                                      + "(--limit statements=5000)"), "\(result.error)")
        #expect(result.sink.errors.filter { $0.contains("error:") }.count == 1, "reported once")
        #expect(!result.sink.text.contains("leaf"), "nothing ran")
        #expect(Limits().statements < 100_000_000)
    }

    @Test func tenMillionNodesAreRefusedBeforeTheyAreMade() throws {
        let huge = try Self.run("cluster { workstation w[1..10000000] }")
        #expect(huge.status == .limitReached)
        #expect(huge.error.contains("range w[1..10000000] makes 10000000 names"), "\(huge.error)")
        let many = try Self.run("cluster { workstation w[1..50] }", ["nodes=20"])
        #expect(many.status == .limitReached)
        #expect(many.error.contains("limit reached: the script declares more than 20 nodes (--limit nodes=20)"),
                "\(many.error)")
        let processes = try Self.run(Self.cluster + "process p[1..9] on a", ["processes=8"])
        #expect(processes.status == .limitReached)
        #expect(processes.error.contains("more than 8 processes (--limit processes=8)"), "\(processes.error)")
    }

    // MARK: Time, output, memory

    @Test func simulatedTimeStopsAtItsLimit() throws {
        let advance = try Self.run(Self.cluster + "advance 7200s", ["time=1h"])
        #expect(advance.status == .limitReached)
        #expect(advance.error.contains("limit reached: the clock would reach 2h, past 1h (--limit time=1h)"),
                "\(advance.error)")
        let later = try Self.run(Self.cluster + "at 7200s { echo \"late\" }\nrun", ["time=1h"])
        #expect(later.status == .limitReached)
        #expect(later.error.contains("the next event at 2h is past 1h; 1 event pending"), "\(later.error)")
        #expect(!later.sink.text.contains("late"))
    }

    @Test func wallClockTime() throws {
        let result = try Self.run(Self.cluster + "rpc a -> b count 100\nrun", ["wall=1ns"])
        #expect(result.status == .limitReached)
        #expect(result.error.contains("of wall-clock time (--limit wall=1ns)"), "\(result.error)")
    }

    @Test func outputLinesStopTheRun() throws {
        let echoes = String(repeating: "echo \"x\"\n", count: 10)
        let result = try Self.run(echoes, ["output=4"])
        #expect(result.status == .limitReached)
        #expect(result.sink.output.filter { $0.contains("x") }.count == 4, "\(result.sink.output)")
        #expect(result.error.contains("limit reached: more than 4 lines of output (--limit output=4)"))
    }

    @Test func recordsTheEngineKeeps() throws {
        let result = try Self.run(Self.cluster + String(repeating: "rpc a -> b\n", count: 50), ["memory=20"])
        #expect(result.status == .limitReached)
        #expect(result.error.contains("records (--limit memory=20)"), "\(result.error)")
    }

    // MARK: Streaming and bounded engine memory

    /// Notes how far the engine had run when the first trace line arrived.
    final class WatchingSink: OutputSink {
        var session: Session?
        var eventsAtFirstTrace: Int64?
        var lines = 0
        func write(_ line: String, to stream: OutputChannel) {
            lines += 1
            if eventsAtFirstTrace == nil, line.contains("rpc-request") {
                eventsAtFirstTrace = session?.interpreter.simulation.statistics.eventsProcessed
            }
        }
    }

    @Test func aLongRunStreamsItsTrace() throws {
        let sink = WatchingSink()
        let session = Session(options: ScriptHarness.options(), sink: sink)
        sink.session = session
        let status = session.runScript(ScriptHarness.file(Self.cluster + "trace messages\nrpc a -> b count 50000\nrun"))
        #expect(status == .ok)
        let total = session.interpreter.simulation.statistics.eventsProcessed
        let first = try #require(sink.eventsAtFirstTrace)
        // The trace is printed slice by slice, not held until the run ends.
        #expect(first <= Int64(Limits().sliceEvents))
        #expect(total > 2 * Int64(Limits().sliceEvents))
    }

    @Test func appendingAGigabyteAtATimeStopsAtTheFileDataLimit() throws {
        let appends = String(repeating: "on a { open /f append; append 1GB; close }\nrun\n", count: 200)
        let result = try Self.run(Self.cluster + "domain / on b\n" + appends)
        #expect(result.status == .limitReached)
        #expect(result.error.contains("limit reached: file data would reach 6GB, past the limit of 4GB "
                                      + "(--limit file-bytes=4GB)"), "\(result.error)")
        // Even 'try' does not let a script past a limit.
        let tried = try Self.run(Self.cluster + "domain / on b\non a { open /f w; try write 2KB }\nrun",
                                 ["file-bytes=1KB"])
        #expect(tried.status == .limitReached)
    }

    @Test func jsonNamesTheLimit() throws {
        var options = try Self.options(["file-bytes=1KB"])
        options.format = .json
        let script = Self.cluster + "domain / on b\non a { open /f w; write 2KB }\nrun"
        let (status, sink, _) = ScriptHarness.run(script, options: options)
        #expect(status == .limitReached)
        let objects = try ScriptHarness.jsonObjects(sink.output)
        let failed = try #require(ScriptHarness.events(objects, "op.failed").first)
        #expect(failed["reason"] as? String == "file-bytes-limit")
        let diagnostic = try #require(ScriptHarness.events(objects, "diagnostic").first)
        #expect(diagnostic["kind"] as? String == "limit")
        #expect((diagnostic["message"] as? String)?.hasSuffix("(--limit file-bytes=1KB)") == true)
    }

    // MARK: Periodic timers

    @Test func theDelayedWriteDaemonHasAMinimumPeriod() throws {
        let result = try Self.run(Self.cluster + "cache client policy delayed-write flush 10ns")
        #expect(result.status == .malformed)
        #expect(result.error.contains("error: the flush period must be at least 10ms"), "\(result.error)")
        #expect(try Self.run(Self.cluster + "cache client policy delayed-write flush 10ms").status == .ok)
    }
}
