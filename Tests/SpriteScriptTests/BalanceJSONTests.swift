import Foundation
import Testing
@testable import SpriteScript

/// The JSON of graph placement and `show balance`: members as arrays in name order, each eviction as an
/// object, the slowdown rounded to the millionth. Every line is checked against the schema as it is parsed.
@Suite struct BalanceJSONTests {
    private func json(_ script: String) throws -> [[String: Any]] {
        let result = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errorText)")
        return try ScriptHarness.jsonObjects(result.sink.output)
    }

    private func table(_ objects: [[String: Any]], _ name: String) -> [[String: Any]] {
        ScriptHarness.events(objects, "show").filter { $0["table"] as? String == name }
    }

    /// Z-A and M-Q carry 8KB each, A-M 1KB; two nodes of two: the least cut keeps the heavy pairs together
    /// and cuts A-M, 1KB. The exact search puts the first process declared (Z) on the first node, so n1
    /// holds {Z A} and n2 {M Q}: listed in name order, A before Z, whatever order traffic named them in.
    @Test func graphMembersAreAnArrayInNameOrder() throws {
        let objects = try json("""
            cluster { server fs1; workstation n1, n2 }
            traffic Z A 8KB
            traffic M Q 8KB
            traffic A M 1KB
            balance n1, n2 strategy graph capacity 2
            """)
        let placement = try #require(table(objects, "graph-placement").first)
        let rows = try #require(placement["rows"] as? [[String: Any]])
        #expect(rows.map { $0["node"] as? String } == ["n1", "n2"])
        #expect(rows.map { $0["members"] as? [String] } == [["A", "Z"], ["M", "Q"]])
        #expect(rows.map { $0["size"] as? Int } == [2, 2])
        #expect(placement["cut_bytes"] as? Int == 1024)
    }

    /// Text keeps one line of names, in the same order.
    @Test func graphMembersReadInNameOrderInText() {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation n1, n2 }
            traffic Z A 8KB
            traffic M Q 8KB
            traffic A M 1KB
            balance n1, n2 strategy graph capacity 2
            """)
        #expect(result.sink.text.contains("  n1    2          A Z\n"), "\(result.sink.text)")
    }

    /// j and p run on ws2, whose owner comes back at 300ms; home is ws1 for both. The script moves j to ws3 at
    /// 300ms, before the input: j is already moving away, so the eviction counts it, gone to ws3 (not home),
    /// and the host is free when that move ends: time_ns is its total. p has its pages on ws2's swap area and
    /// cannot move: it stayed.
    @Test func anEvictionSaysWhereEachProcessWentAndWhichStayed() throws {
        let script = """
            cluster { server fs1; workstation ws1, ws2 disk fujitsu-eagle; workstation ws3 }
            trace off
            domain / on fs1
            vm ws2 backing swap
            space sp { data 64KB; touch 1ms; writes 100%; pattern loop 16 pages }
            program job { compute 1s }
            program paged space sp { compute 1s }
            spawn job as j on ws2 home ws1
            spawn paged as p on ws2 home ws1
            at 300ms { migrate j to ws3 }
            input ws2 at 300ms
            run
            show balance
            show migrations
            """
        let objects = try json(script)
        // p still holds the host: text says the moves ended, not that the host is free.
        let text = ScriptHarness.run(script).sink.text
        #expect(text.contains("evicted from ws2 at 300ms: j, moves ended after "), "\(text)")
        #expect(text.contains("; could not move: p"), "\(text)")
        let balance = try #require(table(objects, "balance").first)
        let evictions = try #require(balance["evictions"] as? [[String: Any]])
        #expect(evictions.count == 1)
        let eviction = try #require(evictions.first)
        #expect(eviction["node"] as? String == "ws2")
        #expect(eviction["at_ns"] as? Int == 300_000_000)
        let sent = try #require(eviction["processes"] as? [[String: Any]])
        #expect(sent.count == 1)
        #expect(sent.first?["process"] as? String == "j" && sent.first?["to"] as? String == "ws3")
        #expect(sent.first?["state"] as? String == "done")
        #expect(eviction["not_moved"] as? [String] == ["p"])
        let moves = try #require(table(objects, "migrations").first?["rows"] as? [[String: Any]])
        let toWs3 = try #require(moves.first { $0["to"] as? String == "ws3" })
        #expect(toWs3["asked_ns"] as? Int == 300_000_000)
        #expect(eviction["time_ns"] as? Int == toWs3["total_ns"] as? Int)
    }

    /// At 500.1ms the two migrations home the input started at 500ms are still under way: no time yet
    /// (null), each move not done. After the run both are done and the time is given.
    @Test func anUnfinishedEvictionHasNoTime() throws {
        let objects = try json("""
            cluster { server fs1; workstation ws1, ws2, ws3 }
            trace off
            program job { compute 1s }
            spawn job as a on ws2 home ws1
            spawn job as b on ws2 home ws3
            input ws2 at 500ms
            advance 500.1ms
            show balance
            run
            show balance
            """)
        let tables = table(objects, "balance")
        #expect(tables.count == 2)
        let during = try #require((tables.first?["evictions"] as? [[String: Any]])?.first)
        #expect(during["time_ns"] is NSNull)
        let sentDuring = try #require(during["processes"] as? [[String: Any]])
        #expect(sentDuring.map { $0["process"] as? String } == ["a", "b"])
        #expect(sentDuring.map { $0["to"] as? String } == ["ws1", "ws3"])
        #expect(sentDuring.allSatisfy { $0["state"] as? String != "done" })
        let after = try #require((tables.last?["evictions"] as? [[String: Any]])?.first)
        #expect((after["time_ns"] as? Int).map { $0 > 0 } == true)
        #expect((after["processes"] as? [[String: Any]])?.allSatisfy { $0["state"] as? String == "done" } == true)
    }

    /// c (1s) and d (3s) arrive on ws1 at 0 and run one after the other (FCFS): c ends at 1s (slowdown 1), d
    /// at 4s (4/3). The mean, 7/6 = 1.1666666…, is given to the millionth: 1.166667, in show balance's JSON
    /// and as avg.slowdown, which therefore equals the six-decimal figure exactly.
    @Test func slowdownIsRoundedToTheMillionth() throws {
        let result = ScriptHarness.run("""
            cluster { server fs1; workstation ws1 }
            scheduler ws1 fcfs
            trace off
            idle ws1 after 30s load 0.5
            program short { compute 1s }
            program long { compute 3s }
            spawn short as c on ws1
            spawn long as d on ws1
            run
            show balance
            expect avg.slowdown == 1.166667
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.text)")
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        let balance = try #require(table(objects, "balance").first)
        #expect(balance["turnaround_mean_ns"] as? Int == 2_500_000_000)
        #expect(balance["slowdown"] as? Double == 1.166667)
        let line = try #require(result.sink.output.first { $0.contains("\"table\":\"balance\"") })
        #expect(line.contains("\"slowdown\":1.166667,"), "\(line)")
        let expectation = try #require(ScriptHarness.events(objects, "expect").first)
        #expect(expectation["actual"] as? Double == 1.166667)
    }

    /// A balancer and nothing run: no program finished and no eviction, so no mean exists. JSON gives null
    /// for the turnarounds and the slowdown, show stats '-', and expect finds no value (the check fails, saying
    /// why) rather than comparing with 0s.
    @Test func meansOverNothingAreNotZero() throws {
        let script = """
            cluster { server fs1; workstation ws1, ws2 }
            balance ws1, ws2 strategy sender
            show balance
            show stats
            expect stats.turnaround-mean == 0s
            expect stats.eviction-time == 0s
            """
        let objects = try json(script.replacingOccurrences(of: "expect", with: "# expect"))
        let balance = try #require(table(objects, "balance").first)
        for key in ["turnaround_mean_ns", "turnaround_p95_ns", "turnaround_p99_ns", "slowdown"] {
            #expect(balance[key] is NSNull, "\(key)")
        }
        let text = ScriptHarness.run(script)
        #expect(text.status == .expectationFailed)
        let rows = text.sink.output.map { $0.split(separator: " ").map(String.init) }
        for row in ["eviction-time", "turnaround-mean", "turnaround-p95", "turnaround-p99"] {
            #expect(rows.contains([row, "-"]), "\(row): \(text.sink.text)")
        }
        #expect(text.sink.text.contains("found nothing finished"), "\(text.sink.text)")
    }
}
