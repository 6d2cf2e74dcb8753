import Testing
@testable import SpriteScript

private let C = "cluster { server fs1; workstation ws1, ws2, ws3 }\n"

/// `balance` lines that could never act, or options a strategy would ignore, are check errors (as
/// 'capacity' and 'central' outside their strategies are); doubtful but workable setups are warnings.
@Suite struct BalanceCheckScriptTests {
    @Test(arguments: [
        ("balance ws1 strategy sender", "balancing over one node moves nothing", 9),
        ("balance ws1, ws2 strategy sender probes 0", "'probes 0': a round would probe no node", 34),
        ("balance ws1, ws2 strategy receiver threshold 0", "'threshold 0': no run queue is ever below 0", 36),
        ("balance ws1, ws2 strategy graph threshold 2", "'threshold' is ignored by strategy graph", 33),
        ("balance ws1, ws2 strategy random period 1s", "'period' is ignored by strategy random", 41),
        ("balance ws1, ws2 strategy none probes 2", "'probes' is ignored by strategy none", 32),
        ("balance ws1, ws2 strategy sprite central fs1 probes 2",
         "'probes' is ignored by strategy sprite: with 'central'", 46),
    ])
    func uselessOptionsAreErrors(_ line: String, _ message: String, _ column: Int) throws {
        let diagnostics = ScriptHarness.diagnostics(C + line)
        let first = try #require(diagnostics.first, "no diagnostic for \(line)")
        #expect(first.message.contains(message), "\(first.message)")
        #expect(first.span?.line == 2 && first.span?.column == column, "\(String(describing: first.span))")
        #expect(first.help != nil)
    }

    /// Strategy sprite with no idle rule can never lend a host: the run says so once, at the balance line.
    /// A second balance replacing the first, and a file server among the nodes or as a migration target,
    /// are warnings; the script goes on (status ok).
    @Test(arguments: [
        ("balance ws1, ws2 strategy sprite\nrun",
         "test.sprite:2:1: warning: strategy sprite lends only idle hosts, and no 'idle' rule watches"),
        ("balance ws1, ws2 strategy sender\nbalance ws2, ws3 strategy receiver",
         "test.sprite:3:1: warning: this balance replaces the one in force (strategy sender over ws1, ws2)"),
        ("balance fs1, ws1 strategy sender", "warning: file server fs1 may be given processes"),
        ("program p { compute 10ms }\nspawn p as a on ws1\nmigrate a to fs1\nrun",
         "test.sprite:4:14: warning: fs1 is a file server"),
    ])
    func doubtfulSetupsAreWarnings(_ tail: String, _ warning: String) {
        let (status, sink, _) = ScriptHarness.run(C + tail)
        #expect(status == .ok, "\(sink.errorText)")
        #expect(sink.errorText.contains(warning), "\(sink.errorText)")
    }

    /// a b c d all spawned on ws1; traffic a-b 8KB before the balance line, c-d 8KB and a-c 100KB after it.
    /// At the balance line only {a, b} are known: both on ws1. At the run's start the placement is redone
    /// with all three arcs, capacity 2: {a c} must stay together (100KB), so the least cut keeps a-c and
    /// cuts a-b and c-d: 16KB, {a c} on ws1 and {b d} on ws2. b and d are moved by exec-time migration.
    @Test func trafficAfterAGraphBalanceCountsAtTheRunsStart() {
        let script = C + """
            program p { compute 10ms }
            traffic a b 8KB
            balance ws1, ws2 strategy graph capacity 2
            traffic c d 8KB
            traffic a c 100KB
            spawn p as a on ws1
            spawn p as b on ws1
            spawn p as c on ws1
            spawn p as d on ws1
            run
            expect b.migrations == 1
            expect d.migrations == 1
            expect c.migrations == 0
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("placed again at 0s: 2 traffic lines declared after the balance line"))
        #expect(sink.text.contains("arcs cut: 16KB, least possible (exact search)"))
    }
}

/// The words of a few balance mistakes: each names what is wrong where it is.
@Suite struct BalanceWordingScriptTests {
    @Test(arguments: [
        // 'strategy' right after 'balance' is the missing node list, not a node named 'strategy'.
        ("balance strategy sender", "expected the nodes to balance before 'strategy', found 'strategy'", 9),
        // The suggestion comes from the servers the help lists, not from every node.
        ("balance ws1, ws2 strategy sprite central fs2", "unknown node 'fs2'; did you mean 'fs1'?", 42),
        // The host-selection server must be a server.
        ("balance ws1, ws2 strategy sprite central ws3", "'central' names the host-selection server: ws3 is a "
            + "workstation", 42),
    ])
    func mistakesAreNamed(_ line: String, _ message: String, _ column: Int) throws {
        let script = "cluster { server fs1; workstation ws1, ws2, ws3, fs3 }\n" + line
        let first = try #require(ScriptHarness.diagnostics(script).first)
        #expect(first.message == message, "\(first.message)")
        #expect(first.span?.column == column)
    }

    /// With no program finished, show balance says '-' rather than a mean of 0s.
    @Test func nothingFinishedShowsADash() {
        let (status, sink, _) = ScriptHarness.run("cluster { server fs1; workstation ws1, ws2 }\n"
                                                  + "idle ws1, ws2 after 30s load 0.5\nshow balance")
        #expect(status == .ok)
        #expect(sink.text.contains("0 finished programs: turnaround and slowdown -"), "\(sink.text)")
    }
}

/// Strategy sprite with a host-selection server asks it once: the trace calls that a host request, as
/// show balance counts it, not a probe.
@Suite struct SpriteTraceWordingScriptTests {
    @Test func aCentralRequestIsNotCalledAProbe() {
        let script = """
            cluster { server fs1; workstation ws1, ws2 }
            idle ws2 after 30s load 0.5
            balance ws1, ws2 strategy sprite central fs1
            program job { compute 1s }
            spawn job as a on ws1
            trace operations
            run
            expect a.migrations == 1
            """
        let (status, sink, _) = ScriptHarness.run(script)
        #expect(status == .ok, "\(sink.text)\(sink.errorText)")
        #expect(sink.text.contains("balance a ws1 -> ws2 (sprite, 1 host request)"), "\(sink.text)")
    }
}
