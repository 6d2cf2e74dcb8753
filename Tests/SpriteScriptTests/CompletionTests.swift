import Foundation
import Testing
@testable import SpriteScript

/// Tab completion by context, without a terminal: what the session offers
/// for the word before the cursor.
@Suite("completion")
struct CompletionTests {
    /// A session with two workstations, a server, processes, a label and a file.
    private func session() -> Session {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        let setup = """
            cluster { workstation ws1, ws2; server fs1; process client on ws1; process server on fs1 }
            domain /users on fs1
            rpc ws1 -> fs1 as r1
            run
            on ws1 { open /users/notes w; close }
            run
            """
        #expect(session.evaluate(SourceFile(name: "<input>", text: setup)) == .done)
        return session
    }

    private func complete(_ session: Session, _ line: String, context: String = "") -> [String] {
        session.completions(for: line, cursor: line.utf8.count, context: context)
    }

    /// Inside a block only the statements that may stand there are offered.
    @Test func statementsAreOfferedOnlyWhereTheyMayStand() {
        let session = session()
        let inOn = complete(session, "on ws1 { ")
        #expect(inOn.contains("open") && inOn.contains("mkdir") && inOn.contains("try"), "\(inOn)")
        #expect(!inOn.contains("cluster") && !inOn.contains("reset") && !inOn.contains("rpc"), "\(inOn)")
        let inAt = complete(session, "at 5s { ")
        #expect(inAt.contains("crash") && inAt.contains("rpc") && inAt.contains("on"), "\(inAt)")
        #expect(!inAt.contains("run") && !inAt.contains("advance") && !inAt.contains("reset"), "\(inAt)")
        #expect(!inAt.contains("open") && !inAt.contains("workstation"), "\(inAt)")
        let inCluster = complete(session, "cluster { ")
        #expect(inCluster == ["link", "network", "node", "process", "server", "workstation"], "\(inCluster)")
        let top = complete(session, "")
        #expect(top.contains("run") && top.contains("reset") && !top.contains("open"), "\(top)")
        #expect(complete(session, "try { ").contains("run"), "a top-level try may run the engine")
        #expect(complete(session, "at 1s { on ws1 { cl") == ["close"])
    }

    @Test func aStatementKeywordStartsALine() {
        let session = session()
        #expect(complete(session, "rp") == ["rpc"])
        #expect(complete(session, "").contains("consistency"))
        #expect(!complete(session, "").contains("ws1"), "a name does not start a statement")
        #expect(complete(session, "echo \"x\"; cr") == ["crash"], "create is a step inside 'on'")
        #expect(complete(session, "at +1s { cr") == ["crash"])
        #expect(complete(session, "on ws1 { cr") == ["create"])
        // After 'on': the nodes and the processes, which issue file steps of their own.
        #expect(complete(session, "on ") == ["client", "fs1", "server", "ws1", "ws2"])
        #expect(complete(session, "on ws1 { be") == ["begin"])
        #expect(complete(session, "on ws1 { begin; read; com") == ["commit"])
        #expect(!complete(session, "").contains("begin"), "begin is a step inside 'on'")
        #expect(complete(session, "try rp") == ["rpc"])
    }

    @Test func aFixedChoiceOffersOnlyItsWords() {
        let session = session()
        #expect(complete(session, "consistency ") == ["callbacks", "nfs", "none", "sprite"])
        #expect(complete(session, "consistency n") == ["nfs", "none"])
        #expect(complete(session, "network topology ") == ["bus", "grid", "hypercube", "ring", "switched", "torus"])
        #expect(complete(session, "network preset ").contains("v-1983"))
        #expect(complete(session, "cache client policy ") == ["delayed-write", "write-on-close", "write-through"])
        #expect(complete(session, "trace ").contains("messages"))
        #expect(complete(session, "show ").contains("nodes"))
        #expect(!complete(session, "show ").contains("ws1"), "show takes a subject, not a name")
        #expect(complete(session, "cache client ").contains("policy"))
        #expect(complete(session, "expect stale-reads ") == ["immutable", "session", "transaction", "unix"])
        #expect(complete(session, "expect stale-listings ") == ["session", "unix"])
        #expect(Set(["ls", "stale-listings"]).isSubset(of: complete(session, "expect ")))
        #expect(complete(session, "expect ls ") == ["fs1", "ws1", "ws2"])
        #expect(complete(session, "expect ls ws1 /us").contains("/users"))
        #expect(complete(session, "cache ws1 ") == ["disk", "off", "on"])
    }

    @Test func aStatementsOptionsFollowIt() {
        let session = session()
        let network = complete(session, "network ")
        #expect(network.contains("latency") && network.contains("topology"))
        #expect(!network.contains("rpc") && !network.contains("sprite"))
        #expect(complete(session, "consistency sprite ") == ["dir-timeout", "file-timeout", "timeout"])
        #expect(complete(session, "rpc ws1 -> fs1 re") == ["reply", "request"])
        #expect(complete(session, "rpc ws1 -> fs1 count 2 ") == ["as", "count", "reply", "request", "service"])
        #expect(complete(session, "run ") == ["limit"])
        #expect(complete(session, "run limit 5 ").isEmpty, "nothing follows a whole statement")
    }

    @Test func aNodeIsOfferedWhereANodeIsExpected() {
        let session = session()
        #expect(complete(session, "crash ") == ["fs1", "ws1", "ws2"])
        #expect(complete(session, "crash w") == ["ws1", "ws2"])
        #expect(complete(session, "rpc ws") == ["ws1", "ws2"])
        #expect(complete(session, "rpc ws1 -> ") == ["fs1"], "the server side offers servers")
        #expect(complete(session, "compute ") == ["client", "server"], "compute takes a process")
        #expect(complete(session, "rpc ws1 -> fs1 as ").isEmpty, "a new label is not completed")
    }

    @Test func aPathIsOfferedWhereAPathIsExpected() {
        let session = session()
        #expect(complete(session, "stat /us").contains("/users"))
        #expect(complete(session, "stat /users/") == ["/users/notes"])
        #expect(complete(session, "on ws1 { open /users/n") == ["/users/notes"])
    }

    @Test func expectOffersSubjectsAndFields() {
        let session = session()
        let subjects = complete(session, "expect ")
        #expect(subjects.contains("r1") && subjects.contains("client") && subjects.contains("ws1"))
        #expect(subjects.contains("stats") && subjects.contains("now"))
        #expect(complete(session, "expect r1.pa") == ["r1.packets"])
        // A declared process's V fields, and a scheduled process's (measured under a declared scheduler).
        let fields = complete(session, "expect client.")
        #expect(["client.inbox", "client.queued", "client.received", "client.state", "client.cpu"]
            .allSatisfy(fields.contains))
        #expect(complete(session, "expect semantics unix ") == ["holds", "violated"])
    }

    @Test func theCursorAndTheOpenBlockDecide() {
        let session = session()
        // The cursor sits after "cons": what follows it does not matter.
        #expect(session.completions(for: "cons sprite", cursor: 4) == ["consistency"])
        // A line inside an open block is completed as a statement of the block.
        #expect(complete(session, "cr", context: "at +1s {") == ["crash"])
        #expect(complete(session, "cr", context: "on ws1 {") == ["create"])
        #expect(complete(session, "cr", context: "at +1s {\nech \"x\"") == ["crash"],
                "an error earlier in the block")
        // A continued line is completed as the rest of its statement.
        #expect(complete(session, "n", context: "consistency \\") == ["nfs", "none"])
        #expect(session.completions(for: "crash ", cursor: 99) == ["fs1", "ws1", "ws2"], "a cursor past the end")
    }
}

/// Completion at every cursor position of every line of the examples, with
/// the lines before as context: it ends, and offers only words that start
/// with what is typed.
@Test func completionEndsAtEveryPositionOfTheExamples() throws {
    let folder = GoldenTests.root.appendingPathComponent("Examples")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sprite") }
    #expect(names.count >= 5)
    let session = Session(options: ScriptHarness.options(), sink: BufferSink())
    var probes = 0
    for name in names {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            let context = lines[max(0, index - 3)..<index].joined(separator: "\n")
            for cursor in 0...line.utf8.count {
                let typed = String(decoding: Array(line.utf8)[..<cursor], as: UTF8.self)
                let word = typed.split(omittingEmptySubsequences: false) {
                    Session.completionWordBreaks.contains($0)
                }.last.map(String.init) ?? ""
                for candidate in session.completions(for: line, cursor: cursor, context: context) {
                    #expect(candidate.hasPrefix(word), "\(name):\(index + 1):\(cursor) offered \(candidate)")
                }
                probes += 1
            }
        }
    }
    #expect(probes > 1000)
}
