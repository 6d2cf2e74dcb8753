import Testing
@testable import SpriteScript

@Suite("Quantity")
struct QuantityTests {
    private func quantity(_ literal: String) throws -> Quantity {
        try Quantity.parse(try ScriptHarness.firstToken(literal))
    }

    private func failure(_ literal: String) throws -> Diagnostic {
        let token = try ScriptHarness.firstToken(literal)
        do throws(Diagnostic) {
            let value = try Quantity.parse(token)
            Issue.record("'\(literal)' parsed as \(value)")
        } catch {
            return error
        }
        throw CancellationError()
    }

    /// Parses `text` as a statement argument: `parseQuantity` with the unit
    /// possibly written as a separate word.
    private func parsed(_ text: String, _ dimension: Dimension) throws(Diagnostic) -> (Quantity, SourceSpan) {
        var parser = Parser(tokens: try ScriptHarness.tokens(text))
        return try parser.parseQuantity(dimension)
    }

    @Test(arguments: [
        ("0.5ms", Dimension.duration, Int64(500_000)),
        ("1.0512ms", .duration, 1_051_200),
        ("25.6us", .duration, 25_600),
        ("2s", .duration, 2_000_000_000),
        ("1.5min", .duration, 90_000_000_000),
        ("7ns", .duration, 7),
        ("1.5KB", .size, 1536),
        ("64KB", .size, 65_536),
        ("0.5MB", .size, 524_288),
        ("1GB", .size, 1 << 30),
        ("96B", .size, 96),
        ("10Mbps", .bandwidth, 10_000_000),
        ("1.5Gbps", .bandwidth, 1_500_000_000),
        ("64Kbps", .bandwidth, 64_000),
        ("2MB/s", .rate, 2_097_152),
        ("0.5KB/s", .rate, 512),
        // A rate alone rounds to the nearest byte per second: 1.86 × 1048576 = 1950351.36.
        ("1.86MB/s", .rate, 1_950_351),
        ("1.0000005KB/s", .rate, 1024),     // 1024.000512 rounds down
        ("0.0005KB/s", .rate, 1),           // 0.512 rounds up
        ("3", .count, 3),
    ])
    func exactDecimalConversion(literal: String, dimension: Dimension, base: Int64) throws {
        let value = try quantity(literal)
        #expect(value.dimension == dimension)
        #expect(value.integer == base)
        #expect(abs(value.real - Double(base)) <= 1e-9 * Double(base))
    }

    @Test func exactWhereADoubleWouldRound() throws {
        // 0.1 + 0.2 style error: 1.1ms as a double times 1e6 is 1100000.0000000002.
        #expect(try quantity("1.1ms").integer == 1_100_000)
        #expect(try quantity("0.3us").integer == 300)
        #expect(try quantity("4.35ms").integer == 4_350_000)
    }

    @Test func percentages() throws {
        let five = try quantity("5%")
        #expect(five.dimension == .percent)
        #expect(five.real == 0.05)
        #expect(try quantity("150%").real == 1.5)
        #expect(try quantity("0.5%").real == 0.005)
    }

    @Test func fractionalPlainNumbers() throws {
        let speed = try quantity("1.5")
        #expect(speed.dimension == .count)
        #expect(speed.real == 1.5)
    }

    @Test(arguments: [
        ("0.1ns", "0.1ns is finer than one 1ns clock tick"),
        ("1.0001us", "1.0001us is finer than one 1ns clock tick"),
        ("0.3B", "0.3B is finer than one byte"),
        ("1.5bps", "1.5bps is finer than one base unit"),
    ])
    func finerThanTheBaseUnit(literal: String, message: String) throws {
        let error = try failure(literal)
        #expect(error.message == message)
        #expect(error.category == .check)
        #expect(error.span?.column == 1)
        #expect(error.span?.endColumn == literal.count + 1)
    }

    @Test func unknownUnitWithSuggestion() throws {
        let error = try failure("20mss")
        #expect(error.message == "unknown unit 'mss'; did you mean 'ms'?")
        #expect(error.help?.contains("ns us ms s min") == true)
        #expect(error.span?.column == 1)
        #expect(error.span?.endColumn == 6)
    }

    @Test(arguments: [("2MB/sec", "MB/s"), ("10mbps", "Mbps"), ("5kb", "KB"), ("3sec", "s")])
    func unknownUnitsSuggestTheNearest(literal: String, suggestion: String) throws {
        let error = try failure(literal)
        #expect(error.message.hasSuffix("; did you mean '\(suggestion)'?"), "\(error.message)")
    }

    @Test func unknownUnitWithNothingClose() throws {
        let error = try failure("3parsecs")
        #expect(error.message == "unknown unit 'parsecs'")
    }

    @Test(arguments: [
        ("99999999999999999999", "number 99999999999999999999 is too large"),
        ("99999999999999999999ms", "number 99999999999999999999 is too large"),
        ("10000000000s", "10000000000s is too large"),
        ("9000000000GB", "9000000000GB is too large"),
    ])
    func tooLarge(literal: String, message: String) throws {
        let error = try failure(literal)
        #expect(error.message == message)
        #expect(error.category == .check)
    }

    @Test func nonASCIIDigitsAreMalformed() throws {
        let error = try failure("½ms")
        #expect(error.message == "malformed number '½'")
        #expect(error.category == .syntax)
    }

    @Test func aFractionOfNineteenDigitsIsAnErrorNotACrash() async throws {
        // 10^19 does not fit an Int64: the digits are judged before any arithmetic.
        #expect(try failure("0.0000000000000000001s").message
                    == "0.0000000000000000001s is finer than one 1ns clock tick")
        #expect(try quantity("1.0000000000000000000ms").integer == 1_000_000, "trailing zeros change nothing")
        await #expect(processExitsWith: .success) {
            var parser = Parser(tokens: try! Lexer.tokenize(SourceFile(name: "x", text: "0.0000000000000000001s")))
            _ = try? parser.parseQuantity(.duration)
        }
    }

    @Test func hugeFractionalCountIsAnErrorNotACrash() async throws {
        // Above Int64.max a plain number is an error, not a trapping conversion.
        #expect(try failure("99999999999999999999.5").message == "number 99999999999999999999.5 is too large")
        await #expect(processExitsWith: .success) {
            var parser = Parser(tokens: try! Lexer.tokenize(SourceFile(name: "x", text: "99999999999999999999.5")))
            _ = try? parser.parseQuantity(.count)
        }
    }

    // MARK: Units as separate words

    @Test func unitWrittenAsASeparateWord() throws {
        let (value, span) = try parsed("20 ms", .duration)
        #expect(value.dimension == .duration)
        #expect(value.integer == 20_000_000)
        #expect(span.column == 1)
        #expect(span.endColumn == 6, "the span covers the number and its unit")
        #expect(try parsed("1.5 KB", .size).0.integer == 1536)
    }

    @Test func rateUnitWrittenAsASeparateWord() throws {
        // `rate 2 MB/s`: the unit is three tokens, 'MB', '/' and 's'.
        let (value, _) = try parsed("2 MB/s", .rate)
        #expect(value.integer == 2 << 20)
    }

    @Test func aWordThatIsNotAUnitIsLeftAlone() throws {
        var parser = Parser(tokens: try ScriptHarness.tokens("3 calls"))
        let (value, _) = try parser.parseQuantity(.count)
        #expect(value.integer == 3)
        #expect(parser.peek.isWord("calls"))
    }

    @Test func percentWrittenAsASeparateWord() throws {
        let (value, _) = try parsed("5 %", .percent)
        #expect(value.real == 0.05)
    }

    @Test func wrongDimensionNamesWhatWasFound() throws {
        do throws(Diagnostic) {
            _ = try parsed("10MB", .duration)
            Issue.record("10MB accepted as a duration")
        } catch {
            #expect(error.message == "expected a duration like 20ms, found a size '10MB'")
            #expect(error.help == "units: ns us ms s min h d")
        }
        do throws(Diagnostic) {
            _ = try parsed("1500", .size)
            Issue.record("1500 accepted as a size")
        } catch {
            #expect(error.message == "expected a size like 64KB, found a number with no unit '1500'")
        }
    }

    @Test func wrongDimensionWithUnitAsSeparateWordQuotesTheUnit() throws {
        do throws(Diagnostic) {
            _ = try parsed("10 MB", .duration)
            Issue.record("10 MB accepted as a duration")
        } catch {
            #expect(error.message == "expected a duration like 20ms, found a size '10 MB'"
                    || error.message == "expected a duration like 20ms, found a size '10MB'")
        }
    }

    @Test func fractionalCountsAreNotSilentlyTruncated() {
        // `cpus 1.5` declares a 1-CPU node and `rpc … count 2.7` makes 2 calls;
        // `cpus 0.5` reports "not 0", a number the script never wrote.
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation ws1 cpus 1.5 }")
        #expect(!diagnostics.isEmpty)

        let half = ScriptHarness.diagnostics("cluster { workstation ws1 cpus 0.5 }")
        #expect(half.first?.message.contains("0.5") == true)
    }

    // MARK: Formatting

    @Test(arguments: [
        (Int64(500_000), Dimension.duration, "500us"),
        (1_051_200, .duration, "1.0512ms"),
        (2_000_000_000, .duration, "2s"),
        (0, .duration, "0s"),
        (1_234_567, .duration, "1.2346ms"),
        (90_000_000_000, .duration, "90s"),
        (7_200_000_000_000, .duration, "2h"),
        (7, .duration, "7ns"),
        (1536, .size, "1.5KB"),
        (1280, .size, "1.25KB"),
        (1500, .size, "1.46KB"),
        (8_640_000_000, .size, "8.05GB"),
        (3_307_126_268, .size, "3.08GB"),
        (1_048_575, .size, "1MB"),
        (1 << 40, .size, "1TB"),
        (0, .size, "0B"),
        (65_536, .size, "64KB"),
        (3 << 30, .size, "3GB"),
        (10_000_000, .bandwidth, "10Mbps"),
        (1_500_000_000, .bandwidth, "1.5Gbps"),
        (2 << 20, .rate, "2MB/s"),
        (42, .count, "42"),
    ])
    func formats(value: Int64, dimension: Dimension, text: String) {
        #expect(Quantity.format(value, dimension) == text)
    }

    @Test(arguments: [
        (Int64(1), Dimension.duration), (999, .duration), (1_000, .duration), (1_234_567, .duration),
        (86_400_000_000_000, .duration), (17_736_000, .duration), (55_715_600, .duration),
        (1, .size), (1023, .size), (1024, .size), (1536, .size), (1_048_575, .size), (5 << 20, .size),
        (1_000, .bandwidth), (10_000_000, .bandwidth), (2_500_000_000, .bandwidth), (123, .bandwidth),
        (1 << 20, .rate), (3 << 9, .rate), (700, .rate),
    ])
    func exactFormattingRoundTrips(value: Int64, dimension: Dimension) throws {
        let text = Quantity.formatExact(value, dimension)
        let back = try quantity(text)
        #expect(back.dimension == dimension, "\(text)")
        #expect(back.integer == value, "\(value) → \(text) → \(back.integer)")
    }

    @Test func formattingHugeValuesDoesNotCrash() async {
        // Sizes near Int64.max: the two-decimal test must not overflow.
        #expect(Quantity.formatBytes(100_000_000_000_000_001) == "90949.47TB")
        #expect(Quantity.formatExact(100_000_000_000_000_001, .size) == "100000000000000001B")
        await #expect(processExitsWith: .success) {
            _ = Quantity.formatBytes(100_000_000_000_000_001)
        }
    }
}
