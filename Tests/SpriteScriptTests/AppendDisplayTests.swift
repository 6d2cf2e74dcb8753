import Testing
@testable import SpriteScript

/// An append is shown as an append, in the trace, in JSON and in show history, not as a write.
@Suite("Output: appends are named as appends")
struct AppendDisplayTests {
    // /log is created with 8KB; the append adds "A" (1B) and the write then replaces the whole file
    // with "B" (1B): the first is an append in every view, the second a write.
    @Test func anAppendIsShownAsAnAppend() throws {
        let script = """
            cluster { server fs1; workstation jack }
            domain / on fs1
            on jack { create /log size 8KB; open /log rw; append "A"; write "B"; close }
            run
            show history
            """
        let text = ScriptHarness.run(script)
        #expect(text.status == .ok, "\(text.sink.errors)")
        let lines = text.sink.output
        #expect(lines.contains { $0.hasSuffix("append /log 1B into the cache (dirty)") })
        #expect(lines.contains { $0.hasSuffix("write /log 1B into the cache (dirty)") })
        let json = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        let objects = try ScriptHarness.jsonObjects(json.sink.output)
        #expect(ScriptHarness.events(objects, "file.write").map { $0["append"] as? Bool } == [true, false])
        let history = try #require(ScriptHarness.events(objects, "show").first { $0["table"] as? String == "history" })
        let rows = try #require(history["rows"] as? [[String: Any]])
        // The create's contents (a write), the open, the append, the write, the close.
        #expect(rows.map { $0["operation"] as? String } == ["write", "open rw", "append", "write", "close"])
    }
}
