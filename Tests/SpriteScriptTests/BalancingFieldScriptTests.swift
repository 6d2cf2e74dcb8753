import Testing
@testable import SpriteScript

/// Fields the docs promise for load balancing and for the CPU table of a node a process left.
@Suite struct BalancingFieldScriptTests {
    /// One process runs on ws1 from 0 to 60s; the load average with decay 1min follows dL/dt = (1 − L)/60s,
    /// so L(60s) = 1 − e⁻¹ = 0.63212. That is above the idle load 0.5, so ws1 is not idle (0). ws2 never ran
    /// anything and never had input: load 0, idle (1).
    @Test func nodeLoadAndIdleReadTheIdleRule() {
        let script = """
            cluster { server fs1; workstation ws1, ws2 }
            idle ws1, ws2 after 30s load 0.5
            program job { compute 60s }
            spawn job as a on ws1
            advance 60s
            expect ws1.load == 0.63212 within 0.01%
            expect ws1.idle == 0
            expect ws2.load == 0
            expect ws2.idle == 1
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
    }

    /// a runs 1s of compute on ws1 and is migrated at 500ms (modern preset): it runs until the select RPC
    /// ends at 500.171664ms, then is frozen and finishes on ws2 (499.828336ms there). ws1's CPU was busy
    /// 500.171664ms, and it stays in the CPU table although no process is on it any more.
    @Test func theSourceNodeKeepsItsCPUTime() {
        let script = """
            cluster { server fs1; workstation ws1, ws2 }
            program job { compute 1s }
            spawn job as a on ws1
            at 500ms { migrate a to ws2 }
            run
            show stats
            expect ws1.cpu-time == 500.171664ms
            expect ws2.cpu-time == 499.828336ms
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("cpus (2)"), "\(sink.text)")
    }
}
