import Foundation
import Testing
@testable import SpriteScript

/// The help lines of the errors a review found bare, unit suggestions by
/// dimension, and names used by an `at` block before the block declaring them runs.
@Suite struct DiagnosticHelpTests {
    private static let cluster = "cluster { workstation a; workstation b; server fs1 }\n"

    private func first(_ script: String) throws -> Diagnostic {
        try #require(ScriptHarness.diagnostics(script).first, "no diagnostic for \(script)")
    }

    @Test(arguments: [
        (cluster + "crash zzzz", "unknown node 'zzzz'", "declared nodes: a, b, fs1"),
        ("echo \"x\" }", "unexpected '}' with no block open", "remove it"),
        ("advance 367d", "advance must be at most 366d", "from 0 to 366d"),
        ("cluster { workstation a speed 0 }", "speed must be between 0.001 and 1000", "0.001 to 1000"),
        ("seed -1", "unexpected character '-'", "a seed is a whole number from 0 to 18446744073709551615"),
        ("cluster { workstation a\nworkstation a }", "node 'a' is already declared",
         "'a' was declared at test.sprite:1:23; choose another name, such as 'a2'"),
        ("expect /l == \"x\"", "found '/l'", "expect read NODE /l == \"TEXT\""),
        ("echo \"x\" \\", "unexpected character '\\'", "only as the last character of a line"),
        ("cluster ws1", "expected '{'", "usage: cluster [NAME] { network …"),
        ("rcp a -> b", "did you mean 'rpc'?", "usage: rpc NODES -> NODE"),
        // The form written (show cache) is listed first, not cut off after three other forms.
        ("show cache", "the node whose cache to show", "usage: show cache NODE |"),
    ])
    func reportedCasesHaveHelp(_ script: String, _ message: String, _ help: String) throws {
        let diagnostic = try first(script)
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(diagnostic.help?.contains(help) == true, "\(diagnostic.help ?? "no help")")
    }

    @Test func theListOfDeclaredNamesIsAHandfulInOrder() throws {
        let diagnostic = try first("cluster { workstation w[1..20] }\ncrash zzzz")
        #expect(diagnostic.help == "declared nodes: w1, w10, w11, w12, w13, w14, and 14 more")
    }

    @Test func whereAServerIsWantedOnlyServersAreListed() throws {
        let script = "cluster { workstation a; server fs1; node z role both }\ndomain / on zzzz"
        #expect(try first(script).help == "declared servers: fs1, z")
        let noServer = try first("cluster { workstation a }\ndomain / on zzzz")
        #expect(noServer.help?.hasPrefix("no server is declared") == true)
    }

    @Test func aNameTakenByAProcessSaysWhere() throws {
        let diagnostic = try first("cluster { workstation a }\nprocess p on a\ncluster { workstation p }")
        #expect(diagnostic.help?.contains("'p' was declared at test.sprite:2:9") == true, "\(diagnostic.help ?? "")")
    }

    // MARK: Units

    @Test(arguments: [
        ("advance 3m", "unknown unit 'm'; did you mean 'ms' or 'min'?"),
        ("advance 1mb", "unknown unit 'mb'; did you mean 'ms'?"),
        ("advance 2xs", "unknown unit 'xs'; did you mean 'ms'?"),
        ("cluster { workstation a memory 3K }", "unknown unit 'K'; did you mean 'B'?"),
    ])
    func unitSuggestionsComeFromTheWantedDimension(_ script: String, _ message: String) throws {
        let diagnostic = try first(script)
        #expect(diagnostic.message == message)
        #expect(!diagnostic.message.contains("'%'"))
    }

    @Test func aDurationsHelpListsDurationUnitsOnly() throws {
        #expect(try first("advance 3m").help == "duration units: ns us ms s min h d")
    }

    @Test(arguments: ["advance 1\u{B5}s", "advance 1\u{3BC}s", "advance 1 \u{B5}s"])
    func microSignsReadAsMicroseconds(_ script: String) {
        let (status, sink, session) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.errorText)")
        #expect(session.now.nanoseconds == 1_000)
    }

    @Test func microSignsAreNotListedAsUnitsOfTheirOwn() {
        #expect(Quantity.unitNames(for: .duration) == ["ns", "us", "ms", "s", "min", "h", "d"])
    }

    @Test(arguments: [
        ("advance 1e9s", "exponent notation '1e9' is not supported", "write 1e9s as 1000000000s"),
        ("advance 1.5e3ms", "exponent notation '1.5e3' is not supported", "write 1.5e3ms as 1500ms"),
        ("advance 2E+2us", "exponent notation '2e+2' is not supported", "write 2e+2us as 200us"),
        ("advance 1e-3s", "exponent notation '1e-3' is not supported", "write the number out in digits"),
    ])
    func exponentsAreRefusedWithTheNumberWrittenOut(_ script: String, _ message: String, _ help: String) throws {
        let diagnostic = try first(script)
        #expect(diagnostic.message == message)
        #expect(diagnostic.help?.hasPrefix(help) == true, "\(diagnostic.help ?? "")")
        #expect(diagnostic.span?.column == 9)
    }

    @Test func expandingAnExponent() {
        #expect(Lexer.expand("1", exponent: 9) == "1000000000")
        #expect(Lexer.expand("1.25", exponent: 1) == "12.5")
        #expect(Lexer.expand("0.5", exponent: 0) == "0.5")
        #expect(Lexer.expand("0.05", exponent: 1) == "0.5")
        #expect(Lexer.expand("1", exponent: 19) == nil)
    }

    // MARK: Names an earlier `at` block uses

    private static let lateScript = """
        cluster { server fs1 }
        at 2s { cluster { workstation late } }
        at 1s { rpc late -> fs1 }
        run
        """

    @Test func aNameDeclaredByALaterAbsoluteBlockIsRefusedBeforeAnythingRuns() throws {
        let (status, sink, session) = ScriptHarness.run(Self.lateScript)
        #expect(status == .malformed)
        #expect(!session.ran)
        #expect(sink.errorText.contains("'late' does not exist yet at 1s: the 'at 2s' block declares it"),
                "\(sink.errorText)")
        #expect(sink.errorText.contains("help: this block runs at 1s, before the block at 2s"))
    }

    @Test func aBlockAtTheSameTimeOrLaterMayUseTheName() {
        let script = Self.lateScript.replacingOccurrences(of: "at 1s", with: "at 3s")
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.errorText)")
        let (again, _, _) = ScriptHarness.run(Self.lateScript.replacingOccurrences(of: "at 1s", with: "at 2s"))
        #expect(again == .ok)
    }

    @Test func aRelativeBlockFailsAtRunTimeSayingWhenAndWhichBlockDeclares() {
        let script = Self.lateScript.replacingOccurrences(of: "at 1s", with: "at +1s")
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("unknown node 'late' when the 'at' block ran at 1s"), "\(sink.errorText)")
        #expect(sink.errorText.contains("help: 'late' is declared by the block at 2s, which runs after this one"))
    }

    // MARK: Fallback

    @Test func aDiagnosticWithoutHelpGetsItsStatementsUsageAndHelpPage() {
        let bare = Diagnostic(.syntax, "something is wrong", at: nil)
        #expect(bare.withFallbackHelp(statement: "seed").help == "usage: seed N; see 'help seed'")
        #expect(bare.withFallbackHelp(statement: "nonsense").help == FallbackHelp.general)
        #expect(bare.withFallbackHelp(statement: nil).help == FallbackHelp.general)
        let helped = Diagnostic(.syntax, "x", at: nil, help: "do this")
        #expect(helped.withFallbackHelp(statement: "seed").help == "do this")
    }

    @Test func aPageOfSeveralKeywordsShowsTheLinesOfTheOneUsed() throws {
        let help = try #require(FallbackHelp.usage(of: "mount"))
        #expect(help.hasPrefix("usage: mount SERVER:PATH on LOCALPATH at NODES;"), "\(help)")
        #expect(!help.contains("automount"))
    }
}
