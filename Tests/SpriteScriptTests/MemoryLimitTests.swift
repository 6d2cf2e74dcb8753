import Testing
@testable import SpriteScript
import SpriteKernel

/// File text is kept once per version and counted toward the memory limit; the limit is checked often
/// enough that a run passes it by little.
@Suite struct MemoryLimitTests {
    static let cluster = "cluster { network preset v-1983; workstation a; server b }\ndomain / on b\n"

    @Test func readsShareTheVersionTheyReturn() throws {
        let text = String(repeating: "x", count: 10_000)
        let reads = String(repeating: "read; ", count: 50)
        let script = Self.cluster + "on a { open /f rw; write \"\(text)\"; close }\nrun\n"
            + "on a { open /f r; read as first; \(reads)close }\nrun\nexpect first.text == \"\(text)\""
        let (status, _, session) = ScriptHarness.run(script, options: ScriptHarness.options())
        #expect(status == .ok)
        let simulation = session.interpreter.simulation
        // One version's text, however many reads returned it.
        #expect(simulation.textBytesHeld == 10_000)
        let first = try #require(session.interpreter.labels["first"].flatMap { simulation.operation($0) })
        #expect(first.text == nil)
        #expect(first.content.flatMap { simulation.contentBytes($0).bytes?.count } == 10_000)
    }

    @Test func appendedTextStopsAtTheMemoryLimit() throws {
        // memory=1000 allows 1000 x 128 bytes of text; each append copies the file into a new version.
        let chunk = String(repeating: "y", count: 10_000)
        let appends = String(repeating: "on a { open /f append; append \"\(chunk)\"; close }\nrun\n", count: 20)
        let result = try LimitTests.run(Self.cluster + appends, ["memory=1000"])
        #expect(result.status == .limitReached)
        #expect(result.error.contains("limit reached: the text of file versions would reach"), "\(result.error)")
        #expect(result.error.contains("(--limit memory=1000)"), "\(result.error)")
        let tried = try LimitTests.run(Self.cluster + "on a { open /f w; try write \"\(chunk)\" }\nrun",
                                       ["memory=50"])
        #expect(tried.status == .limitReached)
    }

    @Test func aRunPassesTheMemoryLimitByLittle() throws {
        let result = try LimitTests.run(LimitTests.cluster + "trace messages\nrpc a -> b count 100000\nrun",
                                        ["memory=5000", "output=100000000"])
        #expect(result.status == .limitReached)
        let held = result.error.split(separator: " ").firstIndex(of: "hold").flatMap { index in
            Int(result.error.split(separator: " ")[index + 1])
        }
        let records = try #require(held, "\(result.error)")
        #expect(records > 5000 && records < 5500, "\(result.error)")
    }
}
