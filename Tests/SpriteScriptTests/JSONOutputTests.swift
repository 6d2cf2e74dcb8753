import Testing
@testable import SpriteScript

/// JSON a program can use: numbers in base units, contents as plain strings,
/// typed `show` rows, one meaning (and one type) per field name.
@Suite("JSON output")
struct JSONOutputTests {
    static let cluster = """
        cluster {
          network lan preset v-1983
          server fs1 memory 32MB disk 20ms rate 1MB/s
          workstation ws1, ws2
          process client on ws1
          process server on fs1
        }
        domain / on fs1
        consistency sprite

        """

    func lines(_ script: String, status: SpriteScript.ExitStatus = .ok) throws -> [ParsedJSON] {
        let result = ScriptHarness.run(Self.cluster + script, options: ScriptHarness.options(format: .json))
        #expect(result.status == status, "\(result.sink.errors)")
        result.session.printSummary()
        return try result.sink.output.map(ParsedJSON.parse)
    }

    func events(_ lines: [ParsedJSON], _ name: String) -> [ParsedJSON] {
        lines.filter { $0["event"]?.string == name }
    }

    func expectation(_ lines: [ParsedJSON], _ condition: String) throws -> ParsedJSON {
        try #require(events(lines, "expect").first { $0["condition"]?.string == condition }, "no expect \(condition)")
    }

    @Test func expectGivesTheValueFoundAsANumberInBaseUnitsWithItsUnit() throws {
        let out = try lines("""
            rpc ws1 -> fs1 reply 8KB as r
            run
            expect r.time < 1s
            expect r.bytes == 8224B
            expect r.packets == 10
            expect stats.wire-bytes > 0B
            on ws1 { open /f rw; write "milk"; close; open /f r; read; close }
            run
            expect read ws1 /f == "milk"
            expect r.time < r.penalty
            """, status: .expectationFailed)
        let time = try expectation(out, "r.time < 1s")
        #expect(time["actual"]?.integer.map { $0 > 1_000_000 } == true, "\(time)")
        #expect(time["expected"] == .integer(1_000_000_000))
        #expect(time["unit"]?.string == "ns")
        #expect(time["actual_text"]?.string?.hasSuffix("ms") == true)
        // 32 bytes of request and 8KB of reply.
        let bytes = try expectation(out, "r.bytes == 8224B")
        #expect(bytes["actual"] == .integer(8224) && bytes["expected"] == .integer(8224))
        #expect(bytes["unit"]?.string == "bytes")
        #expect(try expectation(out, "r.packets == 10")["unit"]?.string == "count")
        #expect(try expectation(out, "stats.wire-bytes > 0B")["unit"]?.string == "bytes")
        let read = try expectation(out, "read ws1 /f == \"milk\"")
        #expect(read["actual"] == .string("milk"), "contents are not quoted twice")
        #expect(read["expected"] == .string("milk"))
        #expect(read["unit"] == nil)
        // Compared with another subject: `expected` is that subject's value.
        let both = try expectation(out, "r.time < r.penalty")
        #expect(both["ok"] == .bool(false))
        #expect(both["expected"]?.integer != nil && both["expected"] != both["actual"])
    }

    @Test func expectWithNothingToMeasureGivesNull() throws {
        let out = try lines("""
            rpc ws1 -> fs1 as r
            expect r.time == 1ms
            """, status: .expectationFailed)
        let e = try expectation(out, "r.time == 1ms")
        #expect(e["actual"] == .null)
        #expect(e["actual_text"]?.string?.hasPrefix("not finished") == true)
    }

    @Test func sizedDataIsAnObjectWithItsSizeInBytes() throws {
        let out = try lines("""
            on ws1 { open /big rw; write 10KB; close; open /big r; read; close }
            run
            show files
            """)
        let read = try #require(events(out, "file.read").first)
        #expect(read["content"] == .object([("size_bytes", .integer(10240))]))
        let files = try #require(events(out, "show").first?["rows"]?.items?.first)
        #expect(files["content"] == .object([("size_bytes", .integer(10240))]))
        #expect(files["size_bytes"] == .integer(10240))
        #expect(files["directory"] == .bool(false))
    }

    @Test func longTextIsGivenByItsSizeAndPrefix() throws {
        let text = String(repeating: "a", count: 5000)
        let out = try lines("""
            on ws1 { open /long rw; write "\(text)"; close; open /long r; read; close }
            run
            """)
        let content = try #require(events(out, "file.read").first?["content"])
        #expect(content["size_bytes"] == .integer(5000))
        #expect(content["prefix"] == .string(String(repeating: "a", count: 48)))
    }

    @Test func showRowsHoldNumbersInBaseUnits() throws {
        let out = try lines("""
            rpc ws1 -> fs1 as r
            run
            show nodes
            show operations
            show stats
            show network
            """)
        let shows = events(out, "show")
        #expect(shows.map { $0["table"]?.string ?? "" } == ["nodes", "operations", "stats", "network"])
        let fs1 = try #require(shows[0]["rows"]?.items?.first)
        #expect(fs1["memory_bytes"] == .integer(32 << 20))
        #expect(fs1["disk_latency_ns"] == .integer(20_000_000))
        #expect(fs1["cpu_busy_ns"]?.integer != nil)
        let op = try #require(shows[1]["rows"]?.items?.first)
        #expect(op["op"] == .integer(0) && op["label"] == .string("r"))
        let rpc = try #require(events(out, "rpc.done").first)
        #expect(op["elapsed_ns"] == rpc["elapsed_ns"], "the table and the trace give the same number")
        #expect(op["issued_t"] == .integer(0))
        let stats = shows[2]["rows"]?.items ?? []
        let now = try #require(stats.first { $0["statistic"]?.string == "now" })
        #expect(now["value"] == rpc["t"] && now["unit"] == .string("ns"))
        let wire = try #require(stats.first { $0["statistic"]?.string == "wire-bytes" })
        #expect(wire["value"]?.integer == events(out, "summary").first?["wire_bytes"]?.integer)
        #expect(wire["unit"] == .string("bytes"))
        let latency = try #require(shows[3]["rows"]?.items?.first { $0["setting"]?.string == "latency" })
        #expect(latency["value"]?.integer != nil && latency["unit"] == .string("ns"))
    }

    @Test func theTextRenderingOfTheSameRowsIsUnchanged() throws {
        let result = ScriptHarness.run(Self.cluster + "rpc ws1 -> fs1\nrun\nshow stats\nshow nodes\n")
        let text = result.sink.text
        #expect(text.contains("  now "))
        #expect(text.contains("  wire-bytes "))
        #expect(text.contains("32MB") && text.contains("20ms @ 1MB/s"))
        #expect(!text.contains("memory_bytes"), "text keeps its headings")
    }

    @Test func sessionIsTheSessionNumberAndVerdictsHaveTheirOwnNames() throws {
        let out = try lines("""
            on ws1 { open /f rw; write "x"; close; open /f r; read; close }
            run
            show outcomes
            show history
            """)
        for event in ["file.open", "file.close"] {
            #expect(events(out, event).allSatisfy { $0["session"]?.integer != nil }, "\(event)")
        }
        let read = try #require(events(out, "file.read").first)
        #expect(read["session"] == nil)
        #expect(read["unix_verdict"] == .string("fresh") && read["session_verdict"] == .string("fresh"))
        let outcome = try #require(events(out, "show").first?["rows"]?.items?.first)
        #expect(outcome["session_verdict"] == .string("fresh") && outcome["event_id"] == read["event_id"])
        let history = events(out, "show").last?["rows"]?.items ?? []
        #expect(history.allSatisfy { $0["session"]?.integer != nil && $0["event_id"]?.integer != nil })
    }

    /// Every field name has one JSON type across all events and tables,
    /// apart from the few documented to hold values of any kind.
    @Test func everyFieldNameHasOneTypeEverywhere() throws {
        var lines = JSONSchemaTests.coverageLines()
        for path in GoldenTests.scenarios { lines += try JSONSchemaTests.jsonLines(path) }
        var types: [String: Set<String>] = [:]
        func collect(_ value: ParsedJSON) {
            for (key, field) in value.objectPairs {
                let kind = field == .null ? nil : field.typeNames.last
                if let kind { types[key, default: []].insert(kind) }
                if case .object = field { collect(field) }
                for item in field.items ?? [] { collect(item) }
            }
        }
        for line in lines { collect(try ParsedJSON.parse(line)) }
        let mixed = types.filter { $0.value.count > 1 }.map(\.key).sorted()
        #expect(mixed == ["actual", "content", "expected", "value"], "fields of more than one type: \(mixed)")
    }
}
