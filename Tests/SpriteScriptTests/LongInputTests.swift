import Synchronization
import Testing
@testable import SpriteScript

/// Long lines, many loads and the wall clock while a script is read and checked.
@Suite struct LongInputTests {
    /// Serves `load`ed files from memory, counting how often each is read.
    final class CountingLoader: SourceLoader {
        let files: [String: String]
        let reads = Mutex<[String: Int]>([:])

        init(files: [String: String]) { self.files = files }

        func load(_ path: String, relativeTo base: String) throws -> SourceFile {
            reads.withLock { $0[path, default: 0] += 1 }
            guard let text = files[path] else { throw InMemoryLoader.Missing(path: path) }
            return SourceFile(name: path, text: text)
        }
    }

    // MARK: One long line

    /// A hundred thousand statements on one line check as they do one per line.
    @Test func aLineOfAHundredThousandStatementsChecksAsOnePerLine() throws {
        let statements = Array(repeating: "echo \"x\"", count: 100_000)
            + ["expect now == 0s", "compute nobody 1ms"]
        let oneLine = statements.joined(separator: "; ")
        let perLine = statements.joined(separator: "\n")
        let long = ScriptHarness.diagnostics(oneLine), short = ScriptHarness.diagnostics(perLine)
        #expect(long.map(\.message) == short.map(\.message))
        #expect(long.map(\.help) == short.map(\.help))
        #expect(long.count == 1 && long.first?.message.contains("nobody") == true, "\(long.map(\.message))")
        #expect(long.first?.span?.column == 100_000 * 10 + "expect now == 0s; compute ".count + 1)

        let parsed = try Parser.parse(ScriptHarness.file(oneLine))
        #expect(parsed.count == 100_002)
        let expect = try #require(parsed[100_000] as? ExpectStatement)
        #expect(expect.condition == "now == 0s")
    }

    // MARK: Excerpts of long lines

    /// An error in a megabyte line shows a window of it, the caret under the word it is about.
    @Test func anErrorOnALongLineShowsAWindowAroundTheCaret() throws {
        let half = String(repeating: "echo \"x\"; ", count: 50_000)
        let diagnostics = ScriptHarness.diagnostics(half + "nosuch 1; " + half)
        let lines = try #require(diagnostics.first).renderedLines
        #expect(lines.count >= 3)
        let source = Array(lines[1]), caret = Array(lines[2])
        #expect(source.count <= 4 + Diagnostic.excerptWidth + 2, "\(source.count) characters")
        #expect(source[4] == "…" && source.last == "…", "\(lines[1])")
        let at = try #require(caret.firstIndex(of: "^"))
        #expect(String(source[at...]).hasPrefix("nosuch 1;"), "\(lines[1])\n\(lines[2])")
        #expect(String(caret[at...]) == "^~~~~~")
    }

    /// A short line is shown whole, as before.
    @Test func aShortLineIsShownWhole() throws {
        let lines = try #require(ScriptHarness.diagnostics("echo \"x\"; nosuch 1").first).renderedLines
        #expect(lines[1] == "    echo \"x\"; nosuch 1")
        #expect(lines[2] == "              ^~~~~~")
    }

    /// The caret near either end of a long line: no cut mark on the side that is not cut.
    @Test func theWindowStaysInsideTheLine() {
        #expect(Diagnostic.window(count: 50, caret: 10) == 0..<50)
        #expect(Diagnostic.window(count: 1_000, caret: 5) == 0..<100)
        #expect(Diagnostic.window(count: 1_000, caret: 1_000) == 900..<1_000)
        #expect(Diagnostic.window(count: 1_000, caret: 500).contains(500))
    }

    // MARK: Loads

    /// A file loaded fifty times is read and parsed once, yet checked and counted every time.
    @Test func aFileLoadedAgainIsReadOnce() throws {
        let loader = CountingLoader(files: ["part.sprite": "echo \"part\"\necho \"again\"\n"])
        let script = String(repeating: "load \"part.sprite\"\n", count: 50)
        let result = try LimitTests.run(script, loader: loader)
        #expect(result.status == .ok)
        #expect(result.sink.output.filter { $0.contains("part") }.count == 50)
        #expect(loader.reads.withLock { $0["part.sprite"] } == 1)

        let counted = try LimitTests.run(script, ["statements=120"], loader: loader)
        #expect(counted.status == .limitReached)
        #expect(counted.error.contains("more than 120 statements parsed"), "\(counted.error)")
    }

    /// What a loaded file declares is checked at each load: the second declares it again.
    @Test func aFileLoadedTwiceIsCheckedTwice() throws {
        let loader = CountingLoader(files: ["p.sprite": "process p on a\n"])
        let result = try LimitTests.run(LimitTests.cluster + "load \"p.sprite\"\nload \"p.sprite\"", loader: loader)
        #expect(result.status == .malformed)
        #expect(result.sink.errors.contains { $0.contains("'p'") && $0.contains("already") }, "\(result.sink.errors)")
    }

    // MARK: The wall clock before anything runs

    /// The wall limit is kept while checking: nothing runs once it is past.
    @Test func theWallLimitStopsTheCheck() throws {
        let loader = CountingLoader(files: ["part.sprite": "echo \"part\"\n"])
        let script = "echo \"early\"\n" + String(repeating: "load \"part.sprite\"\n", count: 100)
        let run = try LimitTests.run(script, ["wall=1ns"], loader: loader)
        #expect(run.status == .limitReached)
        #expect(run.error.contains("of wall-clock time (--limit wall=1ns)"), "\(run.error)")
        #expect(!run.sink.text.contains("early"), "nothing ran")
        #expect(run.sink.errors.filter { $0.contains("error:") }.count == 1, "reported once")
        #expect(loader.reads.withLock { $0["part.sprite"] } == nil, "no load was read")

        let sink = BufferSink()
        let session = Session(options: try LimitTests.options(["wall=1ns"], loader: loader), sink: sink)
        #expect(session.checkScript(ScriptHarness.file(script)) == .limitReached)
    }

    /// The parser looks at the clock too: a long script stops while it is read.
    @Test func theWallLimitStopsTheParser() throws {
        var limits = Limits()
        try limits.set("wall=1ns")
        let meter = LimitMeter(limits: limits)
        meter.startClock()
        let text = String(repeating: "echo \"x\"\n", count: 5_000)
        #expect {
            _ = try Parser.parse(ScriptHarness.file(text), meter: meter)
        } throws: { error in
            (error as? Diagnostic)?.message.contains("wall-clock time") == true
        }
        #expect(meter.statementsParsed <= 1_024)
    }
}
