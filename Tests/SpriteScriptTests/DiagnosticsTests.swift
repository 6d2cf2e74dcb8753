import Foundation
import Testing
@testable import SpriteScript

/// One script with one expected first diagnostic.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var script: String
    /// A substring of the message (usually the whole message).
    var message: String
    var line: Int
    var column: Int
    var endColumn: Int?
    var category: Diagnostic.Category = .check
    /// A substring of the help line; "" means no help line at all.
    var help: String?

    init(_ script: String, _ message: String, line: Int, column: Int, endColumn: Int? = nil,
         _ category: Diagnostic.Category = .check, help: String? = nil) {
        self.script = script
        self.message = message
        self.line = line
        self.column = column
        self.endColumn = endColumn
        self.category = category
        self.help = help
    }

    var testDescription: String { script.split(separator: "\n").last.map(String.init) ?? script }

    /// Checks the script's first diagnostic: message, place (and end column when given), help when given;
    /// its category and that it has a help line unless told not to. Failures point at the caller's line.
    func checkFirstDiagnostic(category checksCategory: Bool = true, requiresHelp: Bool = true,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let diagnostics = ScriptHarness.diagnostics(script)
        let first = try #require(diagnostics.first, "no diagnostic for:\n\(script)", sourceLocation: sourceLocation)
        #expect(first.message.contains(message), "message: \(first.message)", sourceLocation: sourceLocation)
        if checksCategory {
            #expect(first.category == category, "category of '\(first.message)'", sourceLocation: sourceLocation)
        }
        let span = try #require(first.span, sourceLocation: sourceLocation)
        #expect(span.line == line, "line of '\(first.message)'", sourceLocation: sourceLocation)
        #expect(span.column == column, "column of '\(first.message)'", sourceLocation: sourceLocation)
        if let endColumn {
            #expect(span.endColumn == endColumn, "end column of '\(first.message)'", sourceLocation: sourceLocation)
        }
        if let help {
            #expect(first.help?.contains(help) == true, "help: \(first.help ?? "none")", sourceLocation: sourceLocation)
        }
        if requiresHelp {
            #expect(first.help != nil, "no suggestion for '\(first.message)'", sourceLocation: sourceLocation)
        }
    }
}

/// Line 1 of most cases: two nodes and a process on each.
private let P = "cluster { workstation ws1; server fs1; process client on ws1; process server on fs1 }\n"
/// Lines 1–2: the same plus an rpc labelled r1.
private let R = P + "rpc ws1 -> fs1 as r1\n"

private let syntaxCases: [DiagnosticCase] = [
    // Statements and blocks
    .init("frobnicate ws1", "unknown statement 'frobnicate'", line: 1, column: 1, endColumn: 11, .syntax,
          help: "type 'help' for the list of statements"),
    .init("rcp ws1 -> fs1", "unknown statement 'rcp'; did you mean 'rpc'?",
          line: 1, column: 1, endColumn: 4, .syntax, help: "usage: rpc NODES -> NODE"),
    .init("echo \"ok\"\n  snd a -> b", "unknown statement 'snd'; did you mean 'send'?", line: 2, column: 3, .syntax),
    .init("5", "expected a statement, found '5'", line: 1, column: 1, .syntax, help: "type 'help'"),
    .init("cluster {", "block is not closed: expected '}' before end of input", line: 1, column: 10, .incomplete,
          help: "add '}' to close the block"),
    .init("cluster {\n  workstation ws1\n", "block is not closed", line: 3, column: 1, .incomplete),
    .init("cluster", "expected '{', found end of input", line: 1, column: 8, .syntax),
    .init("at +1ms", "expected '{', found end of input", line: 1, column: 8, .syntax),
    .init("cluster {\n  workstation", "expected a node name, found end of input", line: 2, column: 14, .incomplete),
    .init("at +1ms {\n  rpc ws1 ->", "expected a server node, found end of input", line: 2, column: 13, .incomplete),
    .init("try {\n  echo \"x\"", "block is not closed", line: 2, column: 11, .incomplete),
    .init("}", "unexpected '}' with no block open", line: 1, column: 1, .syntax),
    .init("cluster { workstation ws1 } }", "unexpected '}' with no block open", line: 1, column: 29, .syntax),
    .init("echo \"a\" \"b\"", "unexpected string \"b\" after the end of the statement",
          line: 1, column: 10, endColumn: 13, .syntax, help: "separate statements with ';'"),
    .init("run now", "unexpected 'now' after the end of the statement", line: 1, column: 5, .syntax),
    .init("echo", "expected text in double quotes, found end of input", line: 1, column: 5, .syntax),
    .init("echo\n", "expected text in double quotes, found end of line", line: 1, column: 5, .syntax),
    .init("echo 5", "expected text in double quotes, found '5'", line: 1, column: 6, .syntax),
    // Lexer errors surface through the parser
    .init("echo \"unterminated\nrun", "unterminated string",
          line: 1, column: 6, endColumn: 19, .syntax, help: "same line"),
    .init("echo \"bad \\q\"", "unknown escape '\\q' in string", line: 1, column: 11, endColumn: 13, .syntax),
    .init("echo @", "unexpected character '@'", line: 1, column: 6, .syntax),
    // Names and ranges
    .init("cluster { workstation ws[5..1] }", "range ws[5..1] is empty: 5 is greater than 1", line: 1, column: 26,
          endColumn: 31),
    .init("cluster { workstation ws[0..100000] }", "range ws[0..100000] has more than 100000 names",
          line: 1, column: 23, endColumn: 36),
    .init("cluster { workstation ws[1 3] }", "expected '..' in the range, as in ws[1..8], found '3'",
          line: 1, column: 28, .syntax),
    .init("cluster { workstation ws[1..3 }", "expected ']' to close the range, found '}'",
          line: 1, column: 31, .syntax),
    .init("cluster { workstation ws[a..3] }", "expected the first number of the range, found 'a'", line: 1, column: 26,
          .syntax),
    .init("cluster { workstation ws[1..99999999999] }", "99999999999 is too large for the last number of the range",
          line: 1, column: 29),
    .init("cluster { workstation ws1, }", "expected a node name, found '}'", line: 1, column: 28, .syntax),
    // Options, units and words
    .init("cluster { network lossy 5% }", "unknown network option 'lossy'; did you mean 'loss'?", line: 1, column: 19,
          endColumn: 24, .syntax, help: "options: bandwidth call-cpu close-cpu copy-rate header"),
    .init("cluster { workstation ws1 memroy 8MB }", "unknown node option 'memroy'; did you mean 'memory'?", line: 1,
          column: 27, .syntax, help: "options: cpus disk diskless memory rate role rpm seek speed"),
    .init(P + "rpc ws1 -> fs1 cuont 3", "unknown rpc option 'cuont'; did you mean 'count'?",
          line: 2, column: 16, .syntax, help: "options: count reply request service"),
    .init("cluster { network preset v-1984 }", "unknown preset 'v-1984'; did you mean 'v-1983'?", line: 1, column: 26,
          endColumn: 32, help: "presets: modern v-1983 v-1983-10mhz sprite-1988 zero-overhead"),
    .init("cluster { network topology rnig }", "unknown topology 'rnig'; did you mean 'ring'?", line: 1, column: 28,
          help: "topologies: bus switched ring grid torus hypercube"),
    .init("cluster { node n1 role sever }", "unknown role 'sever'; did you mean 'server'?", line: 1, column: 24,
          help: "roles: workstation server both"),
    .init("cluster { workstation w1 role server }", "'workstation' already sets the role; use 'node NAME role …'",
          line: 1, column: 26, .syntax),
    .init("trace mesages", "unknown trace level 'mesages'; did you mean 'messages'?", line: 1, column: 7, endColumn: 14,
          help: "levels: off operations faults messages"),
    .init("trace everything", "unknown trace level 'everything'", line: 1, column: 7),
    .init("show nodez", "cannot show 'nodez'; did you mean 'nodes'?", line: 1, column: 6,
          help: "show nodes|network|processes|operations|stats|trace"),
    .init("show",
          "expected what to show (nodes, network, processes, operations, stats, trace, outcomes, history, files, "
              + "domains, prefixes, cache, mounts, timeline, locks, dsm, memory, migrations, faults, balance, "
              + "pmake, sweep), "
              + "found end of input",
          line: 1, column: 5, .syntax),
    .init("cluster { network latency 10MB }", "expected a duration like 20ms, found a size '10MB'", line: 1, column: 27,
          endColumn: 31, help: "units: ns us ms s min h d"),
    .init("cluster { network bandwidth 10ms }", "expected a bandwidth like 10Mbps, found a duration '10ms'", line: 1,
          column: 29, help: "units: bps Kbps Mbps Gbps Tbps"),
    .init("cluster { network mtu 1500 }", "expected a size like 64KB, found a number with no unit '1500'", line: 1,
          column: 23),
    .init("cluster { network loss 5ms }", "expected a percentage like 5%, found a duration '5ms'", line: 1, column: 24,
          help: "units: %"),
    .init("cluster { network retries 3ms }", "expected a plain number like 3, found a duration '3ms'",
          line: 1, column: 27),
    .init("cluster { workstation ws1 memory 10ms }", "expected a size like 64KB, found a duration '10ms'", line: 1,
          column: 34),
    .init("cluster { workstation ws1 disk 1MB }", "expected a duration like 20ms, found a size '1MB'",
          line: 1, column: 32),
    .init("cluster { workstation ws1 rate 1MB }", "expected a transfer rate like 2MB/s, found a size '1MB'", line: 1,
          column: 32, help: "units: B/s KB/s MB/s GB/s TB/s"),
    .init(P + "rpc ws1 -> fs1 service 5KB", "expected a duration like 20ms, found a size '5KB'", line: 2, column: 24),
    .init(P + "moveto server -> client 4ms", "expected a size like 64KB, found a duration '4ms'", line: 2, column: 25),
    .init("advance 5", "expected a duration like 20ms, found a number with no unit '5'", line: 1, column: 9),
    .init("advance 20mss", "unknown unit 'mss'; did you mean 'ms'?", line: 1, column: 9, endColumn: 14, .syntax,
          help: "duration units: ns us ms s min h d"),
    .init("advance 0.1ns", "0.1ns is finer than one 1ns clock tick", line: 1, column: 9, endColumn: 14),
    .init("advance ½ms", "malformed number '½'", line: 1, column: 9, .syntax),
    .init("advance 10000000000s", "10000000000s is too large", line: 1, column: 9),
    .init(P + "rpc ws1 -> fs1 count 99999999999999999999", "number 99999999999999999999 is too large",
          line: 2, column: 22),
    .init("run limit 99999999999", "99999999999 is too large for an event count", line: 1, column: 11),
    .init("run limit 5ms", "expected an event count, found '5ms'", line: 1, column: 11, .syntax),
    .init("seed 1.5", "expected a whole number from 0 to 18446744073709551615, found '1.5'",
          line: 1, column: 6, .syntax),
    .init("seed 99999999999999999999", "expected a whole number from 0 to 18446744073709551615",
          line: 1, column: 6, .syntax),
    // Operations
    .init(P + "send client server", "expected '->' and the other process, found 'server'",
          line: 2, column: 13, .syntax),
    .init(P + "movefrom server -> client 1KB", "expected '<-' and the other process, found '->'", line: 2, column: 17,
          .syntax),
    .init(P + "rpc ws1 fs1", "expected '->' and the server node, found 'fs1'", line: 2, column: 9, .syntax),
    .init(P + "link ws1 -> fs1 loss 5%", "expected '<->' between the two nodes, found '->'",
          line: 2, column: 10, .syntax),
    .init(P + "link ws1 <-> fs1 5%", "expected 'loss', found '5%'", line: 2, column: 18, .syntax),
    .init("cluster { workstation ws1; process p ws1 }", "expected 'on', found 'ws1'", line: 1, column: 38, .syntax),
    .init(P + "rpc ws1 -> fs1 as", "expected a label after 'as', found end of input", line: 2, column: 18, .syntax),
    .init("load missing.sprite", "expected a file name in double quotes, found 'missing'", line: 1, column: 6, .syntax),
    // expect syntax
    .init(R + "expect r1.time = 1ms", "expected a comparison (== != < <= > >=), found '='",
          line: 3, column: 16, .syntax),
    .init(P + "expect ws1 == 1ms", "expected '.' and a field, as in ws1.time, found '=='",
          line: 2, column: 12, .syntax),
    .init(P + "expect hops ws1 fs1 == 1", "expected '->' and a second node, found 'fs1'", line: 2, column: 17, .syntax),
    .init(P + "expect penalty ws1 -> fs1 == 1ms", "expected a size like 64KB, found '=='",
          line: 2, column: 27, .syntax),
    .init("expect now == ;", "expected a value to compare with, found ';'", line: 1, column: 15, .syntax),
    .init("expect now == 1ms within fast", "expected a tolerance like 1us or 5%, found 'fast'", line: 1, column: 26,
          .syntax),
    .init("expect 5 == 5", "expected what to check (a label, process, node, stats, now, hops or penalty), found '5'",
          line: 1, column: 8, .syntax),
]

private let checkCases: [DiagnosticCase] = [
    // Unknown names, with suggestions and the process/node confusion hints
    .init(P + "rpc ws9 -> fs1", "unknown node 'ws9'; did you mean 'ws1'?", line: 2, column: 5, endColumn: 8,
          help: "declared nodes: fs1, ws1"),
    .init("rpc ws1 -> fs1", "unknown node 'ws1'", line: 1, column: 5,
          help: "declare nodes first: cluster { workstation ws1 }"),
    .init(P + "rpc client -> fs1", "unknown node 'client'; 'client' is a process on ws1", line: 2, column: 5),
    // 'on' takes a node or a declared process, suggested from both.
    .init(P + "on clinet { read }", "unknown node or process 'clinet'; did you mean 'client'?", line: 2, column: 4,
          help: "declared nodes: fs1, ws1; declared processes: client, server"),
    .init(P + "program job { compute 1ms }\non job { read }",
          "unknown node or process 'job'; 'job' is a program: 'on' takes a node or a process declared with "
          + "'process NAME on NODE'", line: 3, column: 4,
          help: "declared nodes: fs1, ws1; declared processes: client, server"),
    .init(P + "program job { compute 1ms }\nspawn job as j1 on ws1\non j1 { read }",
          "'j1' runs a program: 'on' takes a node or a process declared with 'process NAME on NODE'",
          line: 4, column: 4, help: "declare a process for the file steps: process j1_files on ws1"),
    .init(P + "send ws1 -> server", "unknown process 'ws1'; 'ws1' is a node: V messages go between processes", line: 2,
          column: 6, help: "declared processes: client, server"),
    .init(P + "send clinet -> server", "unknown process 'clinet'; did you mean 'client'?", line: 2, column: 6),
    .init(P + "send nobody -> server", "unknown process 'nobody'", line: 2, column: 6,
          help: "declared processes: client, server; or declare it: process nobody on NODE"),
    .init(P + "receive server\nreceive servr", "unknown process 'servr'; did you mean 'server'?", line: 3, column: 9),
    .init(P + "crash fs2", "unknown node 'fs2'; did you mean 'fs1'?", line: 2, column: 7),
    .init(P + "partition ws1 | fs2", "unknown node 'fs2'", line: 2, column: 17),
    .init(P + "link ws1 <-> nowhere loss 5%", "unknown node 'nowhere'", line: 2, column: 14),
    .init("cluster { process p on ws1 }", "unknown node 'ws1'", line: 1, column: 24),
    .init(P + "compute nobody 1ms", "unknown process 'nobody'", line: 2, column: 9),
    // Duplicates
    .init("cluster { workstation ws1; workstation ws1 }", "node 'ws1' is already declared", line: 1, column: 40,
          endColumn: 43),
    .init("cluster { workstation ws[1..3], ws2 }", "node 'ws2' is already declared", line: 1, column: 33),
    .init(P + "cluster { process client on fs1 }", "process 'client' is already declared", line: 2, column: 19),
    .init(P + "cluster { process ws1 on fs1 }", "'ws1' already names a node", line: 2, column: 19),
    .init(P + "cluster { server client }", "'client' already names a process", line: 2, column: 18),
    .init(R + "rpc ws1 -> fs1 as r1", "label 'r1' already names an operation", line: 3, column: 19,
          help: "labels name one operation each; pick another name"),
    .init(P + "rpc ws1 -> fs1 as ws1", "label 'ws1' would hide the node, process or 'stats' of that name", line: 2,
          column: 19),
    .init(P + "send client -> server as server", "label 'server' would hide the node, process or 'stats'", line: 2,
          column: 26),
    .init(P + "rpc ws1 -> fs1 as stats", "label 'stats' would hide the node, process or 'stats' of that name", line: 2,
          column: 19),
    // Declarations in the wrong place
    .init("workstation ws1", "'workstation' declares a node; put it inside a cluster { } block", line: 1, column: 1,
          endColumn: 12, help: "write: cluster { workstation ws1 }"),
    .init("server fs1", "'server' declares a node; put it inside a cluster { } block", line: 1, column: 1),
    .init("network preset modern", "'network' belongs inside a cluster { } block", line: 1, column: 1,
          help: "write: cluster { network … }"),
    .init("cluster { echo \"hi\" }", "only network, node, link and process declarations belong in a cluster block",
          line: 1, column: 11, help: "move this statement after the closing '}'"),
    .init(P + "cluster {\n  rpc ws1 -> fs1\n}", "only network, node, link and process declarations belong", line: 3,
          column: 3),
    .init("cluster { node n1 }", "'node' needs a role", line: 1, column: 11, help: "add: role workstation"),
    .init("cluster { workstation ws1 diskless disk 20ms }", "a diskless node has no disk", line: 1, column: 27,
          endColumn: 35, help: "drop 'diskless' or the disk settings"),
    .init("cluster { workstation ws1 diskless rate 1MB/s }", "a diskless node has no rate", line: 1, column: 27),
    // Out-of-range values
    .init("cluster { workstation ws1 cpus 0 }", "cpus must be between 1 and 1024, not 0", line: 1, column: 32),
    .init("cluster { workstation ws1 cpus 2000 }", "cpus must be between 1 and 1024, not 2000", line: 1, column: 32,
          endColumn: 36),
    .init("cluster { workstation ws1 speed 0 }", "speed must be between 0.001 and 1000, not 0", line: 1, column: 33),
    .init("cluster { workstation ws1 memory 0B }", "memory must be greater than zero", line: 1, column: 34),
    .init("cluster { workstation ws1 disk 0ms }", "the disk access time must be greater than zero",
          line: 1, column: 32),
    .init("cluster { network loss 150% }", "loss must be between 0% and 100%", line: 1, column: 24, endColumn: 28),
    .init("cluster { network retries 1000 }", "retries must be between 0 and 100, not 1000", line: 1, column: 27),
    .init("cluster { network width 0 }", "width must be between 1 and 100000, not 0", line: 1, column: 25),
    .init("cluster { network timeout 0ms }", "timeout must be greater than zero", line: 1, column: 27),
    .init("cluster { network bandwidth 0bps }", "bandwidth must be greater than zero", line: 1, column: 29),
    .init("cluster { network mtu 0B }", "mtu must be at least 16B", line: 1, column: 23),
    .init(P + "rpc ws1 -> fs1 count 0", "count must be between 1 and 100000000, not 0", line: 2, column: 22),
    .init(P + "rpc ws1 -> fs1 request 2GB", "request must be at most 1GB", line: 2, column: 24),
    .init(P + "rpc ws1 -> fs1 reply 2GB", "reply must be at most 1GB", line: 2, column: 22),
    .init(P + "link ws1 <-> fs1 loss 150%", "loss must be between 0% and 100%", line: 2, column: 23),
    .init(P + "link ws1 <-> ws1 loss 5%", "a link joins two different nodes", line: 2, column: 14),
    .init(P + "moveto server -> client 0B", "the size must be greater than zero", line: 2, column: 25),
    .init(P + "movefrom server <- client 2GB", "moves are limited to 1GB", line: 2, column: 27),
    .init(P + "compute client 0ms", "the duration must be greater than zero", line: 2, column: 16),
    .init("run limit 0", "the event limit must be between 1 and 2147483647, not 0", line: 1, column: 11),
    .init(P + "partition ws1 | ws1", "node 'ws1' is in two groups", line: 2, column: 17),
    // Messages and rpc shapes
    .init(P + "send client -> server \"this text is much longer than thirty-two bytes\"",
          "message text is 46 bytes; a V message holds 32", line: 2, column: 23, endColumn: 71,
          help: "shorten it, or move the data with 'segment' or moveto"),
    .init(P + "reply server -> client \"ééééééééééééééééé\"",
          "message text is 34 bytes; a V message holds 32", line: 2, column: 24),
    .init(P + "send client -> server segment 2KB", "a segment carries at most 1KB, not 2KB", line: 2, column: 31,
          help: "use moveto or movefrom for bulk data"),
    .init(P + "reply server -> client segment 1025B", "a segment carries at most 1KB, not 1025B", line: 2, column: 32),
    .init(P + "send client -> client", "a process cannot send to itself: it would block forever", line: 2, column: 16),
    .init(P + "rpc fs1 -> fs1", "an rpc goes to another node", line: 2, column: 5),
    .init(P + "rpc ws1, fs1 -> fs1", "an rpc goes to another node", line: 2, column: 10),
    .init("cluster { workstation ws[1..2]; server fs1 }\nrpc ws[1..2] -> fs1 as pair",
          "'as' names one operation, but this rpc starts one per client", line: 2, column: 24,
          help: "write one rpc statement per client to label each"),
    // expect: types, fields, tolerances
    .init(R + "expect r1.status == 5", "this field is text; compare it with a string in double quotes", line: 3,
          column: 21),
    .init(R + "expect r1.time == \"fast\"", "this field is a number; compare it with a number, not text", line: 3,
          column: 19, endColumn: 25),
    .init(P + "expect client.inbox == \"2\"", "this field is a number; compare it with a number, not text", line: 2,
          column: 24),
    .init(R + "expect r1.time == 5KB", "expected a duration like 20ms, found a size", line: 3, column: 19,
          help: "units: ns us ms s min h d"),
    .init(R + "expect r1.time == 5", "expected a duration like 20ms, found a plain number", line: 3, column: 19),
    .init(R + "expect r1.bytes == 5ms", "expected a size like 64KB, found a duration", line: 3, column: 20),
    .init(R + "expect r1.packets == 5KB", "expected a plain number like 3, found a size", line: 3, column: 22),
    .init("expect now < 2MB/s", "expected a duration like 20ms, found a rate", line: 1, column: 14),
    .init(R + "expect r1.time == 5ms within 3KB", "the tolerance must be a duration like 20ms or a percentage",
          line: 3, column: 30, endColumn: 33),
    .init(R + "expect r1.time == 5ms within 3", "the tolerance must be a duration like 20ms or a percentage",
          line: 3, column: 30),
    .init(R + "rpc ws1 -> fs1 as r2\nexpect r1.time == r2.time within 3KB",
          "the tolerance must be a duration like 20ms or a percentage", line: 4, column: 34),
    .init(R + "expect r1.status < \"done\"", "text compares with == or != only", line: 3, column: 18, endColumn: 19),
    .init(R + "expect r1.status >= r1.text", "text compares with == or != only", line: 3, column: 18),
    .init(R + "expect r1.status == \"done\" within 1ms", "'within' applies to numbers, not text", line: 3, column: 21),
    .init(R + "expect r1.time < r1.status", "cannot compare a duration with text", line: 3, column: 18),
    .init(R + "expect r1.time < r1.bytes", "cannot compare a duration with a size", line: 3, column: 18),
    .init(R + "expect r1.tme == 1ms", "'r1' has no field 'tme'; did you mean 'time'?", line: 3, column: 11,
          endColumn: 14, help: "fields: bytes calls mean packets penalty status text time"),
    .init(P + "expect client.recieved == \"x\"", "'client' has no field 'recieved'; did you mean 'received'?", line: 2,
          column: 15, help: "fields: arrival blocked cpu dispatches finish first-run inbox preemptions priority "
              + "queued received reloads response state switches tickets turnaround wait"),
    .init(P + "expect fs1.cpubusy < 1ms", "'fs1' has no field 'cpubusy'; did you mean 'cpu-busy'?", line: 2, column: 12,
          help: "fields: cache-pages cpu-busy cpu-time deadlocks dispatches double-cached dsm-pages free-pages "
            + "idle load preemptions role run-queue spinning state sticky-pages switches switching utilization "
            + "vm-pages"),
    .init("expect stats.dropd == 0", "'stats' has no field 'dropd'; did you mean 'dropped'?", line: 1, column: 14),
    .init(P + "expect clinet.received == \"x\"", "unknown name 'clinet'; did you mean 'client'?", line: 2, column: 8,
          help: "expect checks a label (from 'as'), a process, a node, a build (pmake), stats or avg"),
    .init("expect nothing.time < 1ms", "unknown name 'nothing'", line: 1, column: 8),
    .init(P + "expect hops ws1 -> ws9 == 1", "unknown node 'ws9'; did you mean 'ws1'?", line: 2, column: 20),
    .init(P + "expect penalty ws9 -> fs1 1KB == 1ms", "unknown node 'ws9'", line: 2, column: 16),
    .init(P + "expect hops ws1 -> fs1 == 1ms", "expected a plain number like 3, found a duration", line: 2, column: 27),
    // help and load
    .init("help nosuchtopic", "no help for 'nosuchtopic'", line: 1, column: 6, endColumn: 17,
          help: "type 'help' for the list of statements"),
    .init("help rcp", "no help for 'rcp'; did you mean 'rpc'?", line: 1, column: 6),
    .init("load \"missing.sprite\"", "cannot read 'missing.sprite'", line: 1, column: 6, endColumn: 22,
          help: "the path is relative to test.sprite"),
    .init("echo \"first\"\nload \"test.sprite\"", "'test.sprite' loads itself", line: 2, column: 6,
          help: "remove the load"),
]

@Suite("Diagnostics")
struct DiagnosticsTests {
    private func verify(_ c: DiagnosticCase, loader: any SourceLoader = InMemoryLoader(files: [:])) throws {
        let diagnostics = ScriptHarness.diagnostics(c.script, loader: loader)
        let first = try #require(diagnostics.first, "no diagnostic for:\n\(c.script)")
        #expect(first.message.contains(c.message), "message: \(first.message)")
        #expect(first.severity == .error)
        #expect(first.category == c.category, "category of '\(first.message)'")
        let span = try #require(first.span)
        #expect(span.file.name == ScriptHarness.fileName)
        #expect(span.line == c.line, "line of '\(first.message)'")
        #expect(span.column == c.column, "column of '\(first.message)'")
        if let end = c.endColumn { #expect(span.endColumn == end, "end column of '\(first.message)'") }
        switch c.help {
        case nil: break
        case ""?: #expect(first.help == nil, "unexpected help: \(first.help ?? "")")
        case let help?: #expect(first.help?.contains(help) == true, "help: \(first.help ?? "none")")
        }
    }

    @Test(arguments: syntaxCases)
    func parserReports(_ c: DiagnosticCase) throws {
        try verify(c)
    }

    @Test(arguments: checkCases)
    func checkerReports(_ c: DiagnosticCase) throws {
        try verify(c)
    }

    @Test func everyValidPreludeChecksCleanly() {
        // The prefixes the tables build on must themselves be clean, or every
        // case would be testing the prefix.
        #expect(ScriptHarness.diagnostics(P).isEmpty)
        #expect(ScriptHarness.diagnostics(R).isEmpty)
    }

    @Test func sendMisspeltSuggestsSend() {
        // 'sned' is one transposition from 'send' and one substitution from
        // 'seed'; a transposition is the nearer slip.
        let first = ScriptHarness.diagnostics("sned client -> server").first
        #expect(first?.message.hasPrefix("unknown statement 'sned'") == true)
        #expect(first?.span?.column == 1)
        #expect(first?.message == "unknown statement 'sned'; did you mean 'send'?")
    }

    @Test func checkerReportsEveryErrorInOnePass() {
        let diagnostics = ScriptHarness.diagnostics(P + "rpc ws9 -> fs1\nsend client -> nobody\nrpc ws1 -> fs1 count 0")
        #expect(diagnostics.map(\.message) == [
            "unknown node 'ws9'; did you mean 'ws1'?",
            "unknown process 'nobody'",
            "count must be between 1 and 100000000, not 0",
        ])
        #expect(diagnostics.map { $0.span?.line ?? 0 } == [2, 3, 4])
    }

    @Test func aNodeMissingOnBothSidesIsReportedTwice() {
        let diagnostics = ScriptHarness.diagnostics("rpc ws1 -> fs1")
        #expect(diagnostics.map { $0.span?.column ?? 0 } == [5, 12])
    }

    // MARK: load

    @Test func loadedFilesAreCheckedWithTheirOwnName() throws {
        let loader = InMemoryLoader(files: ["lib.sprite": "echo \"ok\"\nrpc ws9 -> fs1\n"])
        let first = try #require(ScriptHarness.diagnostics("load \"lib.sprite\"", loader: loader).first)
        #expect(first.message == "unknown node 'ws9'")
        #expect(first.span?.file.name == "lib.sprite")
        #expect(first.span?.line == 2)
        #expect(first.span?.column == 5)
    }

    @Test func syntaxErrorsInALoadedFileAreReported() throws {
        let loader = InMemoryLoader(files: ["lib.sprite": "cluster {\n"])
        let first = try #require(ScriptHarness.diagnostics("load \"lib.sprite\"", loader: loader).first)
        #expect(first.message.contains("block is not closed"))
        #expect(first.span?.file.name == "lib.sprite")
    }

    @Test func loadedDeclarationsAreVisibleAfterTheLoad() {
        let loader = InMemoryLoader(files: ["cluster.sprite": "cluster { workstation ws1; server fs1 }"])
        #expect(ScriptHarness.diagnostics("load \"cluster.sprite\"\nrpc ws1 -> fs1", loader: loader).isEmpty)
    }

    @Test func aFileThatLoadsItself() throws {
        let loader = InMemoryLoader(files: ["self.sprite": "echo \"x\"\nload \"self.sprite\"\n"])
        let first = try #require(ScriptHarness.diagnostics("load \"self.sprite\"", loader: loader).first)
        #expect(first.message == "'self.sprite' loads itself")
        #expect(first.span?.file.name == "self.sprite")
        #expect(first.span?.line == 2)
        #expect(first.span?.column == 6)
    }

    @Test func aLoadCycleThroughTwoFiles() throws {
        let loader = InMemoryLoader(files: ["a.sprite": "load \"b.sprite\"", "b.sprite": "load \"a.sprite\""])
        let diagnostics = ScriptHarness.diagnostics("load \"a.sprite\"", loader: loader)
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first.message.contains("loads itself"))
        #expect(first.span?.file.name == "b.sprite")
    }

    @Test func aCycleBackToTheMainFile() throws {
        // main → lib → main: the main file is not on the load stack, so the
        // cycle is only noticed if the loader can serve the main file again,
        // and then it is blamed on the wrong file; with a loader that cannot,
        // the error is "cannot read 'test.sprite'".
        let loader = InMemoryLoader(files: ["lib.sprite": "load \"test.sprite\""])
        let first = try #require(ScriptHarness.diagnostics("load \"lib.sprite\"", loader: loader).first)
        #expect(first.message.contains("loads itself"), "\(first.message)")
    }

    // MARK: Rendering

    @Test func renderedInFull() throws {
        let first = try #require(ScriptHarness.diagnostics(P + "rpc ws1 -> fs1\nrpc ws9 -> fs1 as r1").first)
        #expect(first.rendered == """
            test.sprite:3:5: error: unknown node 'ws9'; did you mean 'ws1'?
                rpc ws9 -> fs1 as r1
                    ^~~
              help: declared nodes: fs1, ws1
            """)
    }

    @Test func renderedWithHelp() throws {
        let first = try #require(ScriptHarness.diagnostics("cluster {\n  network latency 10MB\n}").first)
        #expect(first.rendered == """
            test.sprite:2:19: error: expected a duration like 20ms, found a size '10MB'
                  network latency 10MB
                                  ^~~~
              help: units: ns us ms s min h d
            """)
    }

    @Test func renderedCaretUnderTabsShownAsSpaces() throws {
        // A tab in the source line is layout: four spaces, never a raw tab, with the caret under them.
        let first = try #require(ScriptHarness.diagnostics("\tfrobnicate\t5").first)
        #expect(first.rendered == "test.sprite:1:2: error: unknown statement 'frobnicate'\n"
                + "        frobnicate    5\n"
                + "        ^~~~~~~~~~\n"
                + "  help: type 'help' for the list of statements")
    }

    @Test func renderedCaretAtTheEndOfInput() throws {
        let first = try #require(ScriptHarness.diagnostics("cluster {").first)
        #expect(first.rendered == """
            test.sprite:1:10: error: block is not closed: expected '}' before end of input
                cluster {
                         ^
              help: add '}' to close the block
            """)
    }

    @Test func renderedCaretIsClippedToTheLine() {
        let file = ScriptHarness.file("run")
        let diagnostic = Diagnostic(.check, "too wide", at: SourceSpan(file: file, line: 1, column: 2, endColumn: 40))
        #expect(diagnostic.rendered.hasSuffix("\n    run\n     ^~"))
    }

    @Test func renderedWithoutASpan() {
        let diagnostic = Diagnostic(.runtime, "something broke", at: nil, help: "try again")
        #expect(diagnostic.rendered == "sprite-shell: error: something broke\n  help: try again")
    }

    @Test func aSpanAcrossAContinuationIsClippedToItsFirstLine() throws {
        let first = try #require(ScriptHarness.diagnostics(P + "send client -> \\\n  nobody \"x\"").first)
        #expect(first.message == "unknown process 'nobody'")
        #expect(first.span?.line == 3)
        #expect(first.span?.column == 3)
        #expect(first.rendered.contains("\n      nobody \"x\"\n      ^~~~~~"))
    }

    // MARK: Suggestions

    @Test(arguments: [
        ("ws9", ["ws1", "fs1"], "ws1"),
        ("recieve", ["receive", "reply", "run"], "receive"),
        ("RUN", ["run"], "run"),
        ("x", ["ws1", "fs1"], nil),
        ("advanse", ["advance", "at"], "advance"),
        ("abcdefghij", ["zzzzzzzzzz"], nil),
    ] as [(String, [String], String?)])
    func suggestions(word: String, candidates: [String], expected: String?) {
        #expect(Suggestions.closest(to: word, among: candidates) == expected)
    }

    @Test func editDistanceCountsATranspositionAsHalfAnEdit() {
        // Swapping neighbours costs 1; inserting, deleting or replacing costs 2.
        #expect(Suggestions.editDistance("sned", "send") == 1)
        #expect(Suggestions.editDistance("sned", "seed") == 2)
        #expect(Suggestions.editDistance("kitten", "sitting") == 6)
        #expect(Suggestions.editDistance("", "abc") == 6)
        #expect(Suggestions.editDistance("same", "same") == 0)
        #expect(Suggestions.didYouMean("clinet", among: ["client"]) == "; did you mean 'client'?")
        #expect(Suggestions.didYouMean("zzz", among: ["client"]) == "")
    }
}

@Suite("Runtime diagnostics")
struct RuntimeDiagnosticsTests {
    /// The diagnostic events of a JSON run.
    private func diagnostics(_ script: String) throws -> (SpriteScript.ExitStatus, [[String: Any]], BufferSink) {
        let result = ScriptHarness.run(script, options: ScriptHarness.options(format: .json))
        let objects = try ScriptHarness.jsonObjects(result.sink.output)
        return (result.status, ScriptHarness.events(objects, "diagnostic"), result.sink)
    }

    @Test func atInThePast() throws {
        let (status, events, sink) = try diagnostics(
            "advance 5ms\necho \"before\"\nat 1ms { echo \"never\" }\necho \"after\"")
        #expect(status == .runtimeError)
        let event = try #require(events.first)
        #expect(event["message"] as? String == "'at 1ms' is in the past: the clock already reads 5ms")
        #expect(event["kind"] as? String == "runtime")
        #expect(event["line"] as? Int == 3)
        #expect(event["column"] as? Int == 1)
        #expect(event["help"] as? String == "use 'at +DURATION' for a time relative to now")
        let echoes = ScriptHarness.events(try ScriptHarness.jsonObjects(sink.output), "echo")
            .compactMap { $0["text"] as? String }
        #expect(echoes == ["before"])
        #expect(sink.errors.first?.hasPrefix("test.sprite:3:1: error: 'at 1ms' is in the past") == true)
    }

    @Test func anOperationThatFailsWithoutTry() throws {
        let script = """
            cluster { network preset v-1983; workstation ws1; server fs1 }
            crash fs1
            rpc ws1 -> fs1 as doomed
            run
            echo "after"
            """
        let (status, events, sink) = try diagnostics(script)
        #expect(status == .runtimeError)
        let event = try #require(events.first)
        let message = try #require(event["message"] as? String)
        #expect(message.hasPrefix("rpc ws1 -> fs1 failed at "))
        #expect(message.hasSuffix(": no answer from fs1 after 6 attempts"))
        #expect(event["line"] as? Int == 3)
        #expect(event["column"] as? Int == 1)
        #expect((event["help"] as? String)?.contains("prefix the statement with 'try'") == true)
        #expect(!sink.output.contains { $0.contains("\"after\"") })
    }

    @Test func theEventLimit() throws {
        let script = """
            cluster { network preset v-1983; workstation ws1; server fs1 }
            rpc ws1 -> fs1 count 20
            run limit 5
            """
        let (status, events, _) = try diagnostics(script)
        #expect(status == .limitReached)
        let event = try #require(events.first)
        let message = try #require(event["message"] as? String)
        #expect(message.hasPrefix("limit reached: 'run limit 5' stopped the run after 5 events at "))
        #expect(message.contains(" still pending"))
        #expect(event["kind"] as? String == "limit")
        #expect(event["line"] as? Int == 3)
        #expect((event["help"] as? String)?.contains("--limit events=N") == true)
    }

    @Test func aNodeDeclaredTwiceThroughATimer() {
        // At the prompt the checker sees the session's names, not the names a
        // pending `at` block will declare; the engine catches the duplicate.
        let sink = BufferSink()
        let session = Session(options: ScriptHarness.options(), sink: sink)
        #expect(session.evaluate(ScriptHarness.file("at +1ms { cluster { workstation w } }")) == .done)
        #expect(session.evaluate(ScriptHarness.file("cluster { workstation w }")) == .done)
        #expect(session.evaluate(ScriptHarness.file("advance 2ms")) == .failed(.runtimeError))
        #expect(sink.errors.last?.contains("error: node 'w' is already declared") == true)
        #expect(sink.errors.last?.hasPrefix("test.sprite:1:33:") == true)
    }

    @Test func aLabelFromAPendingAtBlock() throws {
        // The label exists only once the `at` block has run: the checker says
        // so before anything runs.
        let script = """
            cluster { workstation ws1; server fs1 }
            at +1ms { rpc ws1 -> fs1 as late }
            expect late.status == "done"
            """
        let (status, events, _) = try diagnostics(script)
        #expect(status == .malformed)
        let event = try #require(events.first)
        #expect(event["message"] as? String == "'late' is declared in an 'at' block that has not run yet")
        #expect(event["line"] as? Int == 3)
        #expect(event["column"] as? Int == 8)
    }

    @Test func aLabelFromAnAtBlockIsUsableAfterRun() throws {
        let (status, _, _) = try diagnostics("""
            cluster { workstation ws1; server fs1 }
            at +1ms { rpc ws1 -> fs1 as late }
            at +2ms { expect late.status == "done" }
            run
            expect late.status == "done"
            """)
        #expect(status == .ok)
    }

    @Test func aProcessDeclaredTwiceThroughATimer() {
        let sink = BufferSink()
        let session = Session(options: ScriptHarness.options(), sink: sink)
        #expect(session.evaluate(ScriptHarness.file("cluster { workstation w }")) == .done)
        #expect(session.evaluate(ScriptHarness.file("at +1ms { cluster { process p on w } }")) == .done)
        #expect(session.evaluate(ScriptHarness.file("cluster { process p on w }")) == .done)
        #expect(session.evaluate(ScriptHarness.file("advance 2ms")) == .failed(.runtimeError))
        #expect(sink.errors.last?.hasPrefix("test.sprite:1:29: error: process 'p' is already declared") == true)
    }

    @Test func aProcessFromAPendingAtBlockIsReportedBeforeRunning() throws {
        let (status, events, _) = try diagnostics("""
            cluster { workstation w }
            at +1ms { cluster { process p on w } }
            compute p 1ms
            """)
        #expect(status == .malformed)
        let event = try #require(events.first)
        #expect(event["message"] as? String == "'p' is declared in an 'at' block that has not run yet")
        #expect(event["kind"] as? String == "check")
        #expect(event["line"] as? Int == 3)
        #expect(event["column"] as? Int == 9)
    }


    @Test func anInterruptedRun() {
        let options = ScriptHarness.options()
        let flag = options.interrupt
        let sink = BufferSink()
        let session = Session(options: options, sink: sink)
        let raiser = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            flag.raise()
        }
        raiser.start()
        let status = session.runScript(ScriptHarness.file("""
            cluster { network preset v-1983; workstation ws1; server fs1 }
            rpc ws1 -> fs1 count 100000000
            run limit 30000000
            """))
        #expect(status == .runtimeError)
        let error = sink.errors.first ?? ""
        #expect(error.hasPrefix("test.sprite:3:1: error: interrupted at "), "\(error)")
    }
}
