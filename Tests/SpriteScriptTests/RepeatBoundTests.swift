import Testing
@testable import SpriteScript
import SpriteKernel

/// The largest repeat the docs allow is accepted: the repeat is bookkeeping, so its body's one step makes
/// 10,000,000 steps, not 10,000,001; one more step in the body (20,000,000) is refused.
@Suite struct RepeatBoundTests {
    @Test func theLargestRepeatIsAccepted() throws {
        let ok = ScriptHarness.diagnostics("""
            cluster { workstation ws1 }
            program p { repeat 10000000 { compute 1ns } }
            """)
        #expect(ok.isEmpty, "\(ok)")
        let over = ScriptHarness.diagnostics("""
            cluster { workstation ws1 }
            program p { repeat 10000000 { compute 1ns; compute 1ns } }
            """)
        #expect(over.contains { $0.message.contains("takes 20000000 steps") })
        let sim = Simulation()
        try sim.addNode(NodeSpec(name: "n0", role: .workstation))
        try sim.defineProgram("p", steps: [.repeat(10_000_000, [.compute(.ns(1))])])
    }
}
