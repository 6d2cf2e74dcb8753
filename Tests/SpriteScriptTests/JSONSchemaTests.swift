import Foundation
import Testing
@testable import SpriteScript

/// docs/output.schema.json describes every line `--format json` prints: every
/// example's output must validate against it, every event in it must be seen,
/// and docs/OUTPUT.md must name every field it has.
@Suite("JSON schema")
struct JSONSchemaTests {
    static let schemaPath = GoldenTests.root.appendingPathComponent("docs/output.schema.json")

    static func schema() throws -> ParsedJSON {
        try ParsedJSON.parse(String(contentsOf: schemaPath, encoding: .utf8))
    }

    static func validator() throws -> JSONSchemaValidator { try JSONSchemaValidator(schema: schema()) }

    /// Read once: every JSON line a test parses is checked against it.
    static let shared = Result { try validator() }

    /// Records an issue unless `line` is valid against docs/output.schema.json.
    static func expectValid(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let errors = try shared.get().errors(try ParsedJSON.parse(line))
            #expect(errors.isEmpty, "\(line)\n\(errors.joined(separator: "\n"))", sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }

    /// A scenario's JSON lines, run as `sprite-shell --format json FILE` would.
    /// (No example loads another file, so the working directory does not matter.)
    static func jsonLines(_ relativePath: String) throws -> [String] {
        let text = try String(contentsOf: GoldenTests.root.appendingPathComponent(relativePath), encoding: .utf8)
        var options = SessionOptions()
        options.format = .json
        let sink = BufferSink()
        let session = Session(options: options, sink: sink)
        if session.runScript(SourceFile(name: relativePath, text: text)) != .malformed { session.printSummary() }
        return sink.output
    }

    /// Scripts that, with the examples, make every event the schema defines.
    static let coverage = [
        """
        cluster { workstation ws1 }
        program cc { compute 1ms }
        pmake b on ws1 { job a program cc }
        run
        """,
        """
        cluster { server fs1; workstation ws1, ws2 }
        program clock { repeat 5 { compute 100ms; syscall gettimeofday 100us } }
        spawn clock as c on ws2 home ws1
        at 150ms { crash ws1 }
        try run
        """,
        """
        cluster { server fs1; workstation ws1, ws2 }
        balance ws1, ws2 strategy sender
        trace messages
        program job { compute 10ms }
        spawn job as a on ws1
        spawn job as b on ws1
        run
        """,
        """
        cluster { server mp1 cpus 2 }
        program ab { lock L1; compute 1ms; lock L2; unlock L2; unlock L1 }
        program ba { lock L2; compute 1ms; lock L1; unlock L1; unlock L2 }
        spawn ab as A on mp1
        spawn ba as B on mp1
        run
        """,
        """
        cluster {
          network lan topology bus loss 30%
          server fs1
          workstation ws1, ws2
          process p on ws1
        }
        trace messages
        help crash
        show nodes
        show network
        show processes
        compute p 2ms
        rpc ws1 -> fs1 count 4
        run
        partition ws1 | fs1
        try rpc ws2 -> fs1
        heal
        run
        expect now > 0ns
        expect stats.client-hits == 0
        """,
        """
        cluster { server fs1; workstation ws1, ws2 }
        domain / on fs1
        consistency callbacks
        on ws1 { open /a rw; write "one"; close }
        run
        on ws2 { open /a r; read; close }
        run
        on ws1 { open /a rw; write "two"; close; stat /a; sync }
        run
        on ws2 { open /a r; read; close }
        on ws1 { open /b rw; write 10KB; close }
        run
        on ws2 { open /b r; read; close }
        run
        show files
        show history
        show outcomes
        show cache ws2
        expect semantics unix holds
        expect read ws2 /a == "two"
        """,
        // A remote link: fs1 serves '/', but /users below it is fs2's domain.
        """
        cluster { server fs1, fs2; workstation ws1 }
        domain / on fs1
        domain /users on fs2
        on ws1 { open /etc/a rw; write "x"; close }
        run
        on ws1 { open /users/b rw; write "y"; close }
        run
        """,
        // DSM's fault and invalidation lines: ws2 reads a copy, then ws1 (the owner) writes.
        """
        cluster { workstation ws1, ws2 }
        dsm S pages 1 on ws1, ws2
        trace faults
        program r { dsm read S 0B }
        program w { sleep 10ms; dsm write S 0B }
        spawn r on ws2
        spawn w on ws1
        run
        """,
        // A disk request at message level: fs1's cache is off, so the read goes to its disk.
        """
        cluster { server fs1 disk 20ms; workstation ws1 diskless }
        domain / on fs1
        cache fs1 off
        on fs1 { create /f size 8KB }
        run
        trace messages
        on ws1 { open /f r; read; close }
        run
        """,
        // A diagnostic: this stops before anything runs.
        "cluster { server fs1 }\nrpc fs1 -> nosuch\n",
        """
        cluster { workstation ws1; server mp1 cpus 2 }
        scheduler ws1 rr quantum 2ms switch 100us
        jobs ws1 { A burst 3ms; B burst 1ms io 1ms burst 1ms }
        program worker { repeat 2 { compute 1ms; sleep 1ms } }
        spawn worker as w[1..3] on mp1
        run
        show processes
        show timeline
        show stats
        expect avg.switches > 0
        expect mp1.run-queue >= 0
        """,
    ]

    static func coverageLines() -> [String] {
        var lines: [String] = []
        for (index, script) in coverage.enumerated() {
            let result = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
            if result.status != .malformed { result.session.printSummary() }
            if index == 0 { result.session.announceFile("first.sprite") }
            lines += result.sink.output
        }
        return lines
    }

    @Test(arguments: GoldenTests.scenarios)
    func everyExampleLineValidates(_ path: String) throws {
        let validator = try Self.validator()
        let lines = try Self.jsonLines(path)
        #expect(!lines.isEmpty, "\(path) printed no JSON at all")
        for line in lines {
            let errors = validator.errors(try ParsedJSON.parse(line))
            #expect(errors.isEmpty, "\(path): \(line)\n\(errors.joined(separator: "\n"))")
        }
    }

    @Test func everyEventTheSchemaDefinesIsMadeAndValid() throws {
        let validator = try Self.validator()
        var lines = Self.coverageLines()
        for path in GoldenTests.scenarios { lines += try Self.jsonLines(path) }
        var seen: Set<String> = []
        for line in lines {
            let object = try ParsedJSON.parse(line)
            let errors = validator.errors(object)
            #expect(errors.isEmpty, "\(line)\n\(errors.joined(separator: "\n"))")
            let event = object["event"]?.string ?? "?"
            seen.insert(event == "show" ? "show." + (object["table"]?.string ?? "?") : event)
        }
        let defined = try Self.schema()["$defs"]?.keys.filter { !["line", "content"].contains($0) } ?? []
        #expect(defined.count > 50)
        let unseen = defined.filter { !seen.contains($0) }
        #expect(unseen.isEmpty, "events no script makes: \(unseen.sorted())")
    }

    @Test func theSchemaRejectsLinesAsTheyWereBefore() throws {
        let validator = try Self.validator()
        let bad = [
            // Verdicts under `unix` and `session` (a session number elsewhere), an untyped `actual`, a size as text.
            #"{"t":1,"time":"1ns","node":"a","event":"file.read","op":1,"path":"/f","event_id":1,"content":"x","#
                + #""bytes":1,"source":"cache","unix":"fresh","session":"fresh"}"#,
            #"{"t":1,"time":"1ns","event":"expect","ok":true,"condition":"c","actual":"5ms","file":"f","line":1,"#
                + #""column":1}"#,
            #"{"event":"show","table":"nodes","what":"nodes (1)","rows":[{"name":"a","role":"server","cpus":1,"#
                + #""speed":1.0,"memory_bytes":"32MB","disk_latency_ns":null,"disk_bytes_per_second":null,"#
                + #""state":"up","cpu_busy_ns":0}]}"#,
            #"{"t":1,"time":"1ns","node":"a","event":"event"}"#,
            #"{"event":"diagnostic","severity":"error","kind":"usage","message":"m","extra":1}"#,
        ]
        for line in bad {
            #expect(!validator.errors(try ParsedJSON.parse(line)).isEmpty, "accepted: \(line)")
        }
    }

    /// Every field and event name in the schema, with where it appears.
    static func schemaNames(_ schema: ParsedJSON) -> (fields: Set<String>, constants: Set<String>) {
        var fields: Set<String> = []
        var constants: Set<String> = []
        func walk(_ node: ParsedJSON) {
            switch node {
            case .object(let pairs):
                for (key, value) in pairs {
                    if key == "properties" { fields.formUnion(value.keys) }
                    if key == "const", let text = value.string { constants.insert(text) }
                    walk(value)
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(schema["$defs"] ?? .null)
        return (fields, constants)
    }

    @Test func theOutputDocumentNamesEveryFieldAndEventOfTheSchema() throws {
        let doc = try String(contentsOf: GoldenTests.root.appendingPathComponent("docs/OUTPUT.md"), encoding: .utf8)
        let json = String(doc[(doc.range(of: "## JSON lines")?.lowerBound ?? doc.startIndex)...])
        let (fields, constants) = Self.schemaNames(try Self.schema())
        #expect(fields.contains("session_verdict") && constants.contains("name.remote-link"))
        let missing = (fields.union(constants)).filter { !json.contains("`\($0)`") }
        #expect(missing.isEmpty, "docs/OUTPUT.md does not name \(missing.sorted())")
    }

    @Test func everyObjectInTheSchemaRefusesUndocumentedFields() throws {
        var open: [String] = []
        func walk(_ node: ParsedJSON, _ path: String) {
            if node["type"]?.string == "object" && node["additionalProperties"] != .bool(false) { open.append(path) }
            for (key, value) in node.objectPairs { walk(value, path + "/" + key) }
            for (index, item) in (node.items ?? []).enumerated() { walk(item, path + "/\(index)") }
        }
        walk(try Self.schema(), "#")
        #expect(open.isEmpty, "objects that allow any field: \(open)")
    }
}
