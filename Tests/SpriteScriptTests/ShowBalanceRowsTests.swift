import Testing
@testable import SpriteScript

/// `show balance` on a cluster bigger than a screen: the 20 busiest nodes and a line for the rest.
@Suite struct ShowBalanceRowsTests {
    /// 25 balanced workstations w1…w25; three 100ms jobs spawned on w7 and two on w25, threshold 9 so none
    /// moves. After 10ms w7 runs one and queues two (queue 3), w25 queue 2, the others 0.
    private let script: String = {
        let names = (1...25).map { "w\($0)" }.joined(separator: ", ")
        return """
            cluster { workstation \(names) }
            balance \(names) strategy sender threshold 9
            program job { compute 100ms }
            spawn job as a on w7
            spawn job as b on w7
            spawn job as c on w7
            spawn job as d on w25
            spawn job as e on w25
            advance 10ms

            """
    }()

    private func rows(_ output: String) -> [String] {
        // A row is indented two spaces and starts with the node's name.
        output.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.hasPrefix("w") }.map(String.init)
    }

    /// Ranked by queue (w7 3, w25 2), then all queues 0 and no guests: the 18 lowest indices left, w1…w6 and
    /// w8…w19. Listed in node order; w20…w24 (5 nodes, nothing queued) are summed in one line.
    @Test func listsTheTwentyBusiestInNodeOrder() {
        let (status, sink, _) = ScriptHarness.run(script + "show balance\n")
        #expect(status == .ok, "\(sink.errorText)")
        let listed = rows(sink.text).map { String($0.prefix { $0 != " " }) }
        #expect(listed == (1...19).map { "w\($0)" } + ["w25"], "\(sink.text)")
        #expect(sink.text.contains("5 more nodes not listed"), "\(sink.text)")
        #expect(sink.text.contains("'show balance all' lists every node"), "\(sink.text)")
    }

    @Test func allListsEveryNode() {
        let (status, sink, _) = ScriptHarness.run(script + "show balance all\n")
        #expect(status == .ok, "\(sink.errorText)")
        #expect(rows(sink.text).count == 25)
        #expect(!sink.text.contains("not listed"))
    }
}
