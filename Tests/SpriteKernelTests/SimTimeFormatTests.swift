import Testing
import SpriteKernel

/// The readable time format: ns, us, ms or s below an hour, then h, then d
/// past 1000h, rounded
/// (not truncated) to at most four decimals, zero with a unit.
@Suite struct SimTimeFormatTests {
    @Test(arguments: [
        (Int64(0), "0s"),
        (999, "999ns"),
        (1_000, "1us"),
        (25_600, "25.6us"),
        (886_800, "886.8us"),
        (1_002_720_000, "1.0027s"),
        (10_501_480_500, "10.5015s"),      // rounds up: truncation would give 10.5014s
        (412_760_202_600, "412.7602s"),    // minutes stay in seconds: 4 decimals of a minute is 6ms
        (100_001_341_600, "100.0013s"),
        (3_599_999_950_000, "1h"),         // 3599.99995s rounds to 3600s: one unit up
        (3_600_000_000_000, "1h"),
        (5_400_000_000_000, "1.5h"),
        (86_400_000_000_000, "24h"),
        (3_599_999_640_000_000, "999.9999h"),
        (3_600_000_000_000_000, "41.6667d"),
        (4_611_686_018_427_387_904, "53375.9956d"),
        (999_999_960, "1s"),               // 999.99996ms rounds to 1000ms: one unit up
        (-1_500_000, "-1.5ms"),
    ])
    func readable(nanoseconds: Int64, text: String) {
        #expect(SimTime.ns(nanoseconds).description == text)
    }

    @Test func columnKeepsTrailingZerosExceptInNanoseconds() {
        #expect(SimTime.readableParts(10_000_000_000, keepZeros: true) == ("10.0000", "s"))
        #expect(SimTime.readableParts(5_278_400, keepZeros: true) == ("5.2784", "ms"))
        #expect(SimTime.readableParts(999, keepZeros: true) == ("999", "ns"))
        #expect(SimTime.readableParts(0, keepZeros: true) == ("0", "s"))
    }

    @Test func extremesDoNotOverflow() {
        #expect(SimTime.never.description == "106751.9912d")
        #expect(SimTime(nanoseconds: .min).description == "-106751.9912d")
    }
}
