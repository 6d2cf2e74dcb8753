import Testing
@testable import SpriteScript

/// Help pages fit 80 columns, the promised topics exist, and every unit the
/// documented limits use is accepted.
struct HelpAndUnitsTests {
    static func help(_ topic: String, width: Int = 80) -> (status: SpriteScript.ExitStatus, lines: [String]) {
        var options = ScriptHarness.options()
        options.width = width
        let result = ScriptHarness.run("help \(topic)", options: options)
        return (result.status, result.sink.output)
    }

    @Test(arguments: [""] + StatementRegistry.keywords + HelpTopics.all.map(\.topic))
    func everyHelpPageFitsEightyColumns(_ topic: String) {
        let (status, lines) = Self.help(topic)
        #expect(status == .ok)
        #expect(lines.count > 3)
        for line in lines where line.count > 80 {
            Issue.record("help \(topic): \(line.count) columns: \(line)")
        }
    }

    @Test(arguments: StatementRegistry.keywords)
    func usageLinesBreakBetweenOptionGroups(_ keyword: String) {
        let lines = Self.help(keyword).lines
        guard let start = lines.firstIndex(of: "usage:") else { return }
        for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) where line.hasPrefix("    ") {
            let text = line.drop { $0 == " " }
            #expect(text.first == "[" || text.first == "{", "help \(keyword) breaks inside a group: \(line)")
        }
    }

    @Test func theOverviewKeepsKeywordsOutOfTheDescriptionColumn() {
        let rows = Self.help("").lines.dropFirst().prefix { !$0.isEmpty }
        let column = HelpStatement.descriptionColumn
        #expect(rows.count >= StatementRegistry.all.count)
        for row in rows where row.count > column {
            let gap = row.dropFirst(column - 2).prefix(2)
            #expect(gap == "  ", "a keyword runs into its description: \(row)")
        }
        let files = rows.filter { $0.contains("mkdir") || $0.contains("file operations") }
        #expect(files.count >= 2, "the file-operations keywords wrap inside their column: \(files)")
    }

    @Test(arguments: ["units", "time", "semantics"])
    func promisedTopicsExist(_ topic: String) {
        let (status, lines) = Self.help(topic)
        #expect(status == .ok)
        #expect(lines.first?.hasPrefix("\(topic): ") == true, "\(lines)")
    }

    /// A policy's name opens the scheduler page, `help timeline` the show page.
    @Test(arguments: ["fcfs", "rr", "mlfq", "lottery", "priority", "gang", "timeline"])
    func wordsExplainedOnAnotherPageOpenIt(_ word: String) {
        let (status, lines) = Self.help(word)
        #expect(status == .ok)
        let page = word == "timeline" ? "show" : "scheduler"
        #expect(lines.first?.hasPrefix("\(page): ") == true, "\(lines.prefix(2))")
    }

    @Test func helpUnitsListsEveryUnitTheLexerAccepts() {
        let text = Self.help("units", width: 0).lines.joined(separator: "\n")
        for unit in Quantity.units.keys {
            #expect(text.contains(" \(unit) ") || text.contains(" \(unit)\n") || text.contains(" \(unit)  "),
                    "help units does not list \(unit)")
        }
    }

    @Test(arguments: [
        ("1h", Dimension.duration, Int64(3_600_000_000_000)),
        ("1.5h", .duration, 5_400_000_000_000),
        ("2d", .duration, 172_800_000_000_000),
        ("366d", .duration, 366 * 86_400_000_000_000),
        ("1TB", .size, Int64(1) << 40),
        ("0.5TB", .size, Int64(1) << 39),
        ("1Tbps", .bandwidth, 1_000_000_000_000),
        ("1TB/s", .rate, Int64(1) << 40),
    ])
    func documentedLimitUnitsAreAccepted(_ text: String, _ dimension: Dimension, _ value: Int64) throws {
        let token = try ScriptHarness.firstToken(text)
        let quantity = try Quantity.parse(token)
        #expect(quantity.dimension == dimension)
        #expect(quantity.integer == value)
    }

    @Test func theDocumentedLimitsCanBeWrittenInAScript() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster {
              network preset modern bandwidth 1Tbps latency 1h
              server fs1 memory 1TB disk 10ms rate 1TB/s
              workstation ws1
            }
            advance 366d
            expect now == 8784h
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(sink.errors.isEmpty)
    }

    @Test func aMisspeltUnitIsNotCorrectedAwayFromTB() {
        let diagnostics = ScriptHarness.diagnostics("cluster { server fs1 memory 2TX }")
        #expect(diagnostics.first?.message.contains("did you mean 'TB'") == true, "\(diagnostics.map(\.message))")
    }
}
