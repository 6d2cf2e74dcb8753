import Foundation
import Testing
@testable import SpriteKernel
@testable import SpriteScript

/// Text output a person reads: one time format, scaled sizes, plurals, and
/// lines fitted to the width with hanging indents.
struct TextOutputTests {
    static let cluster = """
        cluster {
          network ethernet preset sprite-1988 topology bus
          server fs1 memory 32MB disk 20ms
          workstation jack, jill memory 8MB diskless
        }
        domain / on fs1
        cache client policy write-on-close
        consistency nfs timeout 3s

        """

    /// Jill reads a stale cached copy: the longest line a run prints.
    static let staleRead = cluster + """
        on jack { open /list rw; write "milk"; close }
        at 10s { on jill { open /list r; read; close } }
        at 10.5s { on jack { open /list rw; read; append " eggs"; close } }
        at 11s { on jill { open /list rw; read as stale; append " bread"; close } }
        run
        """

    static func run(_ script: String, width: Int) -> [String] {
        var options = ScriptHarness.options()
        options.width = width
        return ScriptHarness.run(script, options: options).sink.output
    }

    // MARK: Wrapping

    @Test func aStaleLineWrapsUnderTheDescriptionColumn() throws {
        let wide = Self.run(Self.staleRead, width: 0)
        let narrow = Self.run(Self.staleRead, width: 80)
        let stale = try #require(wide.first { $0.contains("STALE under unix") })
        #expect(stale.count > 200, "without a width the line stays whole")
        #expect(narrow.allSatisfy { $0.count <= 80 }, "\(narrow.filter { $0.count > 80 })")
        let start = try #require(narrow.firstIndex { $0.contains("STALE under unix") })
        let descriptionColumn = 11 + 2 + 6 + 2
        var pieces = [narrow[start]]
        for line in narrow[(start + 1)...] {
            guard line.hasPrefix(String(repeating: " ", count: descriptionColumn)) else { break }
            #expect(line.dropFirst(descriptionColumn).first != " ", "continuation not under the description")
            pieces.append(String(line.dropFirst(descriptionColumn)))
        }
        #expect(pieces.count >= 4)
        #expect(pieces.joined(separator: " ") == stale, "wrapping only moved words to new lines")
        #expect(pieces.last?.hasSuffix("[stale]") == true)
    }

    @Test func wrapBreaksAtSpacesAndKeepsLongWordsWhole() {
        let line = "prefix  " + "alpha beta gamma delta " + String(repeating: "x", count: 30) + " omega"
        let lines = TextLayout.wrap(line, width: 40, indent: 8)
        #expect(lines == ["prefix  alpha beta gamma delta",
                          "        " + String(repeating: "x", count: 30), "        omega"])
        // Too little room beside the indent: continuation lines hang at 4.
        #expect(TextLayout.wrap(line, width: 24, indent: 8)[1] == "    delta")
        #expect(TextLayout.wrap(line, width: 0, indent: 8) == [line])
        #expect(TextLayout.wrap("short", width: 80, indent: 2) == ["short"])
    }

    @Test func theIndentedPrefixIsNeverBroken() {
        let lines = TextLayout.wrap("   12.0000s  node    word word word", width: 20, indent: 21)
        #expect(lines.first == "   12.0000s  node    word")
    }

    @Test func aTooWideTableWrapsCellsInsideTheirColumn() {
        let layout = TableLayout(header: ["id", "operation", "status"],
                                 rows: [["0", "send client -> fileserver", "done"], ["1", "rpc a -> b", "failed"]])
        #expect(layout.lines(width: 0) == ["  id  operation                  status",
                                           "  0   send client -> fileserver  done",
                                           "  1   rpc a -> b                 failed"])
        let narrow = layout.lines(width: 30)
        #expect(narrow.allSatisfy { $0.count <= 30 }, "\(narrow)")
        #expect(narrow == ["  id  operation         status",
                           "  0   send client ->    done",
                           "      fileserver",
                           "  1   rpc a -> b        failed"])
    }

    @Test func everyShippedExpectedLineFitsEightyColumns() throws {
        for path in GoldenTests.scenarios {
            let expected = GoldenTests.root.appendingPathComponent(String(path.dropLast(".sprite".count)) + ".expected")
            let text = try String(contentsOf: expected, encoding: .utf8)
            for (number, line) in text.split(separator: "\n").enumerated() where line.count > 80 {
                Issue.record("\(expected.lastPathComponent):\(number + 1) has \(line.count) columns: \(line)")
            }
        }
    }

    // MARK: Times

    @Test func theTimeColumnAlignsFromZeroToTheEndOfTime() {
        let times: [Int64] = [0, 999, 886_800, 5_278_400, 10_000_000_000, 412_760_202_600, 86_400_000_000_000,
                              SimTime.horizon.nanoseconds]
        let column = times.map { TextRenderer.timeColumn(SimTime(nanoseconds: $0)) }
        #expect(column == ["         0s", "      999ns", " 886.8000us", "   5.2784ms", "   10.0000s",
                           "  412.7602s", "   24.0000h", "53375.9956d"])
    }

    @Test(arguments: [Int64(0), 7, 886_800, 5_278_412, 10_501_480_500, 100_001_341_600, 5_400_000_000_000,
                      90_061_000_000_000, SimTime.horizon.nanoseconds])
    func aPrintedTimeCanBePastedIntoAScript(_ nanoseconds: Int64) throws {
        let time = SimTime(nanoseconds: nanoseconds)
        let readable = try Quantity.parse(ScriptHarness.firstToken(time.description))
        #expect(readable.dimension == .duration)
        #expect(readable.duration.description == time.description, "\(time.description) does not read back")
        let exact = try Quantity.parse(ScriptHarness.firstToken(time.exactDescription))
        #expect(exact.integer == nanoseconds)
    }

    @Test func oneInstantIsWrittenTheSameInTheColumnAndTheText() {
        let out = Self.run(Self.staleRead, width: 0)
        // A line is stamped when its step ends; Jack's write starts as his read ends.
        let jackRead = out.first { $0.contains("jack    read /list") }
        #expect(jackRead?.hasPrefix("   10.5047s") == true, "\(String(describing: jackRead))")
        #expect(out.contains { $0.contains("jack's write at 10.5047s") })
    }

    @Test func aFailedExpectShowsTheExactValueFound() {
        let out = Self.run("advance 1234567ns\nexpect now == 1.2346ms", width: 0)
        #expect(out.last?.contains("FAILED  now == 1.2346ms, found 1.234567ms") == true, "\(out)")
    }

    @Test func zeroHasAUnitEverywhere() {
        let (_, sink, session) = ScriptHarness.run("expect now == 1s")
        session.printSummary()
        #expect(sink.output.first == "         0s  expect  FAILED  now == 1s, found 0s  (test.sprite:1:1)")
        #expect(sink.output.contains("simulated time   0s (0 events)"))
    }

    // MARK: Sizes and plurals

    @Test func oneOfAThingIsSingular() {
        let (_, sink, session) = ScriptHarness.run(Self.cluster + """
            on jack { open /list rw; write "milk"; close }
            at 1s { on jill { open /list r; read; close } }
            run
            show outcomes
            """)
        session.printSummary()
        #expect(sink.output.contains("outcomes (1 read)"))
        #expect(sink.output.contains { $0.contains("(1 write, close)") })
        let (_, rpc, one) = ScriptHarness.run("cluster { workstation ws1; server fs1 }\nrpc ws1 -> fs1\nrun")
        one.printSummary()
        #expect(rpc.output.contains { $0.hasSuffix("0 failed, 1 rpc call") }, "\(rpc.output)")
    }

    @Test func sizesAreScaledAndRounded() {
        #expect(Quantity.formatBytes(8_640_000_000) == "8.05GB")
        #expect(Quantity.formatBytes(14_432) == "14.09KB")
        #expect(Quantity.formatBytes(1023) == "1023B")
        #expect(Quantity.formatBytes(1_073_741_823) == "1GB")
    }

    // MARK: The node column

    @Test func theNodeColumnWidensWhenALongerNodeIsDeclaredAndNarrowsAfterReset() {
        let out = Self.run("""
            cluster { workstation a; server b }
            rpc a -> b
            run
            cluster { workstation a-much-longer-name }
            rpc a -> b
            run
            reset
            cluster { workstation a; server b }
            rpc a -> b
            run
            """, width: 0)
        let rpcs = out.filter { $0.contains("rpc a -> b done") }
        #expect(rpcs.count == 3)
        #expect(rpcs[0].dropFirst(11).hasPrefix("  a       rpc"))
        #expect(rpcs[1].dropFirst(11).hasPrefix("  a" + String(repeating: " ", count: 17) + "  rpc"))
        #expect(rpcs[2].dropFirst(11).hasPrefix("  a       rpc"))
    }
}
