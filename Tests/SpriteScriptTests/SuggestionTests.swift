import Testing
@testable import SpriteScript

/// Did-you-mean stays linear in the number and length of names.
@Suite struct BoundedSuggestionTests {
    @Test func aHugeMisspeltNameGetsNoHint() {
        let huge = String(repeating: "ws", count: 30_000)
        #expect(Suggestions.closest(to: huge, among: ["ws1", huge + "x"]) == nil)
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation ws1 }\nrpc \(huge) -> ws1")
        #expect(diagnostics.first?.message == "unknown node '\(huge)'")
    }

    @Test func manyNamesStillFindTheNearest() {
        let names = (0..<100_000).map { "n\($0)" }
        #expect(Suggestions.closest(to: "n4242x", among: names) == "n4242")
        #expect(Suggestions.closest(to: "n9999q9", among: names) == "n99999")
        #expect(Suggestions.closest(to: "zzzzzzzz", among: names) == nil)
    }

    @Test func theBandedDistanceAgreesWithTheFullOne() {
        let pairs = [("sned", "send", 1), ("kitten", "sitting", 6), ("abc", "abcdef", 6), ("flaw", "lawn", 4)]
        for (a, b, distance) in pairs {
            #expect(Suggestions.editDistance(a, b) == distance)
            #expect(Suggestions.editDistance(Array(a), Array(b), limit: 6) == distance)
            #expect(Suggestions.editDistance(Array(a), Array(b), limit: distance - 1) == nil)
        }
    }

    @Test func namesBeyondASCIIAndCaseStillMatch() {
        #expect(Suggestions.closest(to: "café1", among: ["café2", "cafe"]) == "café2")
        #expect(Suggestions.closest(to: "WS12", among: ["ws1", "ws12x", "ws21"]) == "ws21")
    }

    @Test func aCheckSearchesForAtMostTwoHundredHints() {
        let unknown = (0..<250).map { "rpc wa\($0)q -> wa1" }.joined(separator: "\n")
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation wa[1..300] }\n" + unknown)
        #expect(diagnostics.count == 250)
        #expect(diagnostics.filter { $0.message.contains("did you mean") }.count == 200)
        #expect(diagnostics[0].message == "unknown node 'wa0q'; did you mean 'wa1'?")
        #expect(diagnostics[249].message == "unknown node 'wa249q'")
    }
}
