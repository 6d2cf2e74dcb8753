import Foundation
import Testing
@testable import SpriteScript

/// A malformed script and the statement keyword its error is about.
struct MalformedScript: Sendable, CustomTestStringConvertible {
    var keyword: String
    var script: String
    init(_ keyword: String, _ script: String) {
        self.keyword = keyword
        self.script = script
    }
    var testDescription: String { script.split(separator: "\n").last.map(String.init) ?? script }
}

/// Two nodes and a process on each.
private let C = "cluster { workstation ws1; server fs1; process client on ws1; process server on fs1 }\n"

/// At least one malformed script per statement keyword, plus lexer-level slips.
let malformedCorpus: [MalformedScript] = [
    .init("cluster", "cluster ws1"),
    .init("cluster", "cluster {"),
    .init("workstation", "cluster { workstation ws1 speed 0 }"),
    .init("workstation", "cluster { workstation a\nworkstation a }"),
    .init("workstation", "workstation ws9"),
    .init("server", "cluster { server }"),
    .init("node", "cluster { node n1 }"),
    .init("network", "cluster { network preset fast }"),
    .init("link", C + "link ws1 <-> fs1 loss 200%"),
    .init("process", C + "process p on nowhere"),
    .init("process", C + "process client on ws1"),
    .init("send", C + "send client -> zzz \"x\""),
    .init("receive", C + "receive nobody"),
    .init("reply", C + "reply server -> \"x\""),
    .init("moveto", C + "moveto client -> server 5parsecs"),
    .init("movefrom", C + "movefrom client <- server"),
    .init("compute", C + "compute client 5MB"),
    .init("rpc", C + "rpc ws1 -> fs1 count 0"),
    .init("rpc", C + "rpc ws1 -> ws1"),
    .init("domain", C + "domain /x on ws1"),
    .init("move", C + "move domain / to"),
    .init("export", C + "export /x on"),
    .init("mount", C + "mount fs1 on /y at ws1"),
    .init("automount", C + "automount at ws1"),
    .init("cache", C + "cache client policy write-sometimes"),
    .init("access", C + "access ws1 whole-files"),
    .init("consistency", "consistency psychic"),
    .init("dsm", C + "dsm S pages 4 on ws1 manager centrl"),
    .init("on", C + "on zz { ls / }"),
    .init("open", C + "open /x r"),
    .init("read", C + "read"),
    .init("write", C + "write \"x\""),
    .init("append", C + "append \"x\""),
    .init("close", C + "close"),
    .init("delete", C + "delete /x"),
    .init("stat", C + "stat /x"),
    .init("sync", C + "sync"),
    .init("create", C + "create /x"),
    .init("mkdir", C + "mkdir /x"),
    .init("ls", C + "ls /"),
    .init("open", C + "domain / on fs1\non ws1 {\nopen /x sideways\n}"),
    .init("begin", C + "domain / on fs1\non ws1 { begin; open /x r; begin }"),
    .init("commit", C + "commit"),
    .init("resolve", C + "resolve /x on"),
    .init("at", "at -1s { echo \"x\" }"),
    .init("at", "at 5 { echo \"x\" }"),
    .init("at", C + "at 2s { cluster { workstation late } }\nat 1s { rpc late -> fs1 }"),
    .init("advance", "advance 367d"),
    .init("advance", "advance 3m"),
    .init("advance", "advance 1e9s"),
    .init("run", "run limit 0"),
    .init("limit", "limit frobs 5"),
    .init("crash", C + "crash zzzz"),
    .init("restart", C + "restart"),
    .init("partition", C + "partition ws1 |"),
    .init("heal", "heal now"),
    .init("trace", "trace everything"),
    .init("show", "show nothing"),
    .init("expect", "expect /l == \"x\""),
    .init("expect", C + "expect now == 5"),
    .init("expect", C + "expect ls ws1 /d == 3"),
    .init("expect", C + "expect ls ws1 == \"a b\""),
    .init("expect", C + "expect ls ws9 /d == \"a b\""),
    .init("expect", C + "expect stale-listings transaction == 0"),
    .init("scheduler", C + "scheduler ws1 robin"),
    .init("scheduler", C + "scheduler ws1 rr aging 10ms"),
    .init("multiprocessor", C + "multiprocessor ws1 stealing"),
    .init("program", "program p { compute 10ms; lok L }"),
    .init("program", "program p { fork nobody }"),
    .init("spawn", C + "spawn nobody on ws1"),
    .init("jobs", C + "jobs ws1 { A burst 3ms io 2ms }"),
    .init("workload", C + "workload ws1 jobs 10 burst exponental 5ms"),
    .init("show", C + "show timeline from 5ms to 2ms"),
    .init("expect", C + "expect avg.respnse < 3ms"),
    .init("try", "try echo"),
    .init("seed", "seed -1"),
    .init("reset", "reset now"),
    .init("load", "load \"missing.sprite\""),
    .init("echo", "echo \"x\" }"),
    .init("echo", "echo \"x\" \\"),
    .init("echo", "echo \"unterminated"),
    .init("echo", "echo @"),
    .init("help", "help frobnicate"),
    .init("frobnicate", "frobnicate"),
    .init("rcp", "rcp ws1 -> fs1"),
    .init("vm", C + "vm ws1 replacement lfu"),
    .init("vm", C + "vm ws1 page 3KB"),
    .init("vm", C + "vm ws1 negotiate fixed 120%"),
    .init("space", "space s { data 1MB; pattern trace \"0 300\" }"),
    .init("space", "space s { data 1MB; patern loop 3 pages }"),
    .init("migrate", C + "migrate ws1 to ws2"),
    .init("migration", "migration preset sparcstation"),
    .init("balance", C + "balance ws1, fs1 strategy recever"),
    .init("pmake", C + "program cc { compute 1s }\npmake b on ws1 {\n  job a program cc after b\n"
        + "  job b program cc after a\n}"),
    .init("pmake", C + "program cc { compute 1s }\npmake b on ws1 { job a program ccc }"),
    .init("pmake", C + "pmake b on ws1 jobs 4 compile 1s"),
    .init("pmake", C + "pmake b on ws9 jobs 4 compile 1s link 1s"),
    .init("idle", C + "idle ws1 after 30s load 2KB"),
    .init("input", C + "input ws9 at 1s"),
    .init("traffic", "traffic a a 1KB"),
    .init("sweep", "sweep s {\n  choose policy write-through, write-thru\n  cluster { server fs1; workstation ws1 }\n"
        + "  domain / on fs1\n  cache client policy $policy\n}"),
    .init("sweep", "sweep s {\n  choose p 1, 2\n  seed $q\n}"),
    .init("5", "5"),
]

/// Every error a malformed script gets has the whole form: `file:line:col: error:`,
/// the source line, a caret under the place, and a `help:` line saying what to do.
@Suite struct DiagnosticCorpusTests {
    @Test func corpusCoversEveryStatement() {
        let covered = Set(malformedCorpus.map(\.keyword))
        let missing = StatementRegistry.keywords.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no malformed script for: \(missing)")
        #expect(malformedCorpus.count >= 40)
    }

    @Test(arguments: malformedCorpus)
    func everyErrorHasLocationCaretAndHelp(_ case: MalformedScript) throws {
        let (status, sink, _) = ScriptHarness.run(`case`.script)
        #expect(status == .malformed, "\(sink.errorText)")
        let lines = sink.errors.flatMap { $0.split(separator: "\n").map(String.init) }
        let starts = lines.indices.filter { lines[$0].contains(": error: ") }
        #expect(!starts.isEmpty, "no error for \(`case`.script)")
        for start in starts {
            let head = lines[start]
            let prefix = head.prefix { $0 != " " }
            let parts = prefix.split(separator: ":")
            #expect(parts.count == 3 && parts[0] == "test.sprite" && Int(parts[1]) != nil && Int(parts[2]) != nil,
                    "no file:line:col prefix: \(head)")
            try #require(start + 3 < lines.count, "cut short after: \(head)")
            #expect(lines[start + 1].hasPrefix("    "), "no source line after: \(head)")
            let caret = lines[start + 2].trimmingCharacters(in: [" "])
            #expect(caret.hasPrefix("^") && caret.allSatisfy { $0 == "^" || $0 == "~" }, "no caret after: \(head)")
            let help = lines[start + 3]
            #expect(help.hasPrefix("  help: ") && help.count > "  help: ".count + 10, "no help after: \(head)")
        }
    }
}
