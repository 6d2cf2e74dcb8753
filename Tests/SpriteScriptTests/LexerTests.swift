import Testing
@testable import SpriteScript

@Suite("Lexer")
struct LexerTests {
    /// `kind text unit @line:col-end` for each token but the last (end).
    private func describe(_ text: String) throws -> [String] {
        try ScriptHarness.tokens(text).map { token in
            let kind: String = switch token.kind {
            case .identifier: "id"
            case .number: "num"
            case .string: "str"
            case .path: "path"
            case .symbol: "sym"
            case .newline: "nl"
            case .end: "end"
            }
            let shown = token.kind == .newline ? "" : token.text
            let unit = token.unit.isEmpty ? "" : "[\(token.unit)]"
            return "\(kind) \(shown)\(unit) @\(token.span.line):\(token.span.column)-\(token.span.endColumn)"
        }
    }

    private func lexError(_ text: String) -> Diagnostic? {
        do throws(Diagnostic) {
            _ = try ScriptHarness.tokens(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func statementTokensAndSpans() throws {
        #expect(try describe("send client -> fileserver \"hi\" as r1") == [
            "id send @1:1-5",
            "id client @1:6-12",
            "sym -> @1:13-15",
            "id fileserver @1:16-26",
            "str hi @1:27-31",
            "id as @1:32-34",
            "id r1 @1:35-37",
            "end  @1:37-38",
        ])
    }

    @Test func newlinesAreTokensAndLinesCount() throws {
        #expect(try describe("run\n  advance 5ms\n") == [
            "id run @1:1-4",
            "nl  @1:4-5",
            "id advance @2:3-10",
            "num 5[ms] @2:11-14",
            "nl  @2:14-15",
            "end  @3:1-2",
        ])
    }

    @Test(arguments: [
        ("0.5ms", "0.5", "ms", 6),
        ("64KB", "64", "KB", 5),
        ("2MB/s", "2", "MB/s", 6),
        ("10Mbps", "10", "Mbps", 7),
        ("5%", "5", "%", 3),
        ("1_000ns", "1000", "ns", 8),
        ("3", "3", "", 2),
        ("12.25", "12.25", "", 6),
    ])
    func numbersCarryTheirUnit(source: String, digits: String, unit: String, endColumn: Int) throws {
        let tokens = try ScriptHarness.tokens(source)
        #expect(tokens.count == 2, "one number and the end: \(tokens.map(\.text))")
        let token = tokens[0]
        #expect(token.kind == .number)
        #expect(token.text == digits)
        #expect(token.unit == unit)
        #expect(token.span.column == 1)
        #expect(token.span.endColumn == endColumn)
    }

    @Test func unitSeparatedBySpaceIsAWord() throws {
        #expect(try describe("20 ms") == ["num 20 @1:1-3", "id ms @1:4-6", "end  @1:6-7"])
    }

    @Test func hyphenatedWords() throws {
        #expect(try describe("write-through v-1983 sprite-1988 send-overhead") == [
            "id write-through @1:1-14",
            "id v-1983 @1:15-21",
            "id sprite-1988 @1:22-33",
            "id send-overhead @1:34-47",
            "end  @1:47-48",
        ])
    }

    @Test func aHyphenBeforeAnArrowEndsTheWord() throws {
        #expect(try describe("ws1->fs1") == ["id ws1 @1:1-4", "sym -> @1:4-6", "id fs1 @1:6-9", "end  @1:9-10"])
    }

    @Test func arrowsLongestFirst() throws {
        #expect(try describe("a <-> b -> c <- d < e") == [
            "id a @1:1-2",
            "sym <-> @1:3-6",
            "id b @1:7-8",
            "sym -> @1:9-11",
            "id c @1:12-13",
            "sym <- @1:14-16",
            "id d @1:17-18",
            "sym < @1:19-20",
            "id e @1:21-22",
            "end  @1:22-23",
        ])
    }

    @Test func comparisonSymbols() throws {
        let texts = try ScriptHarness.tokens("== != <= >= < > = . .. ; , | + : ( ) { } [ ]").dropLast().map(\.text)
        #expect(texts == ["==", "!=", "<=", ">=", "<", ">", "=", ".", "..", ";", ",", "|", "+", ":",
                          "(", ")", "{", "}", "[", "]"])
    }

    @Test func commentsRunToTheEndOfTheLine() throws {
        #expect(try describe("echo \"a # not a comment\" # a comment -> ignored\n# whole line\nrun") == [
            "id echo @1:1-5",
            "str a # not a comment @1:6-25",
            "nl  @1:48-49",
            "nl  @2:13-14",
            "id run @3:1-4",
            "end  @3:4-5",
        ])
    }

    @Test func stringEscapes() throws {
        let token = try ScriptHarness.firstToken(#""tab\there \"q\" back\\slash\nnext""#)
        #expect(token.kind == .string)
        #expect(token.text == "tab\there \"q\" back\\slash\nnext")
        #expect(token.span.column == 1)
        #expect(token.span.endColumn == 36)
    }

    @Test func unterminatedString() throws {
        let error = try #require(lexError("echo \"no end\nrun"))
        #expect(error.message == "unterminated string")
        #expect(error.category == .syntax)
        let span = try #require(error.span)
        #expect(span.line == 1)
        #expect(span.column == 6)
        #expect(span.endColumn == 13)
        #expect(error.help == "close it with '\"' on the same line")
    }

    @Test func backslashBeforeNewlineInsideAStringDoesNotContinueIt() throws {
        let error = try #require(lexError("echo \"abc\\\n\""))
        #expect(error.message == "unterminated string")
        #expect(error.span?.line == 1)
    }

    @Test func unknownEscape() throws {
        let error = try #require(lexError("echo \"bad \\q escape\""))
        #expect(error.message == "unknown escape '\\q' in string")
        let span = try #require(error.span)
        #expect(span.line == 1)
        #expect(span.column == 11)
        #expect(span.endColumn == 13)
        #expect(error.help?.contains("\\n, \\t") == true)
    }

    @Test(arguments: [("echo @", 6), ("run $", 5), ("advance 5ms ~", 13), ("a - b", 3)])
    func unexpectedCharacter(source: String, column: Int) throws {
        let error = try #require(lexError(source))
        let character = source[source.index(source.startIndex, offsetBy: column - 1)]
        #expect(error.message == "unexpected character '\(character)'")
        #expect(error.category == .syntax)
        #expect(error.span?.line == 1)
        #expect(error.span?.column == column)
        #expect(error.span?.endColumn == column + 1)
    }

    @Test func backslashContinuesALine() throws {
        #expect(try describe("send a -> \\\n    b \"x\"") == [
            "id send @1:1-5",
            "id a @1:6-7",
            "sym -> @1:8-10",
            "id b @2:5-6",
            "str x @2:7-10",
            "end  @2:10-11",
        ])
    }

    @Test func backslashContinuationWithCRLF() throws {
        // A script saved with Windows line endings should continue a line too.
        let kinds = try ScriptHarness.tokens("echo \\\r\n\"x\"").map(\.kind)
        #expect(kinds == [.identifier, .string, .end])
    }

    @Test func crlfLineEndingsAreNewlines() throws {
        let kinds = try ScriptHarness.tokens("run\r\nrun\r\n").map(\.kind)
        #expect(kinds == [.identifier, .newline, .identifier, .newline, .end])
    }

    @Test func nameRangeTokens() throws {
        let tokens = try ScriptHarness.tokens("ws[1..8]")
        #expect(try describe("ws[1..8]") == [
            "id ws @1:1-3",
            "sym [ @1:3-4",
            "num 1 @1:4-5",
            "sym .. @1:5-7",
            "num 8 @1:7-8",
            "sym ] @1:8-9",
            "end  @1:9-10",
        ])
        #expect(tokens[1].touchesPrevious, "'[' written against the name")
        #expect(!tokens[0].touchesPrevious)
    }

    @Test func touchesPreviousSeesSpacesAndComments() throws {
        let tokens = try ScriptHarness.tokens("ws [1..2]")
        #expect(tokens[1].isSymbol("["))
        #expect(!tokens[1].touchesPrevious)
        let dotted = try ScriptHarness.tokens("r1.time")
        #expect(dotted.map(\.text) == ["r1", ".", "time", ""])
        #expect(dotted[1].touchesPrevious && dotted[2].touchesPrevious)
    }

    @Test func tabsCountAsOneColumn() throws {
        let tokens = try ScriptHarness.tokens("\trun\t5")
        #expect(tokens[0].span.column == 2)
        #expect(tokens[1].span.column == 6)
    }

    @Test func tokenDisplay() throws {
        let tokens = try ScriptHarness.tokens("name 5ms \"t\" ->\n")
        #expect(tokens.map(\.display) == ["'name'", "'5ms'", "string \"t\"", "'->'", "end of line", "end of input"])
    }

    @Test func emptyInputIsJustTheEnd() throws {
        let tokens = try ScriptHarness.tokens("   # nothing here")
        #expect(tokens.count == 1)
        #expect(tokens[0].kind == .end)
        #expect(tokens[0].span.column == 18)
    }
}
