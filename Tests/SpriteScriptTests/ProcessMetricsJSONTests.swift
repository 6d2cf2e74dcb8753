import Foundation
import Testing
@testable import SpriteScript

/// JSON rows of `show processes` carry every field `expect` can read, valid against the schema.
@Suite struct ProcessMetricsJSONTests {
    /// A: burst 2 ms, io 3 ms, burst 1 ms, priority 3, tickets 7, alone on ws1: dispatched twice (once per
    /// burst), blocked 3 ms, CPU 3 ms, finish 6 ms; no switch (nobody else ran), no reload (one CPU).
    @Test func rowsGiveBlockedDispatchesReloadsPriorityAndTickets() throws {
        let result = ScriptHarness.run("""
            cluster { workstation ws1 }
            jobs ws1 { A burst 2ms io 3ms burst 1ms priority 3 tickets 7 }
            run
            show processes
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok)
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let table = ScriptHarness.events(objects, "show").first { $0["table"] as? String == "process-metrics" }
        let row = try #require((table?["rows"] as? [[String: Any]])?.first)
        #expect(row["priority"] as? Int == 3)
        #expect(row["tickets"] as? Int == 7)
        #expect(row["blocked_ns"] as? Int == 3_000_000)
        #expect(row["dispatches"] as? Int == 2)
        #expect(row["reloads"] as? Int == 0)
        #expect(row["cpu_ns"] as? Int == 3_000_000)
    }
}
