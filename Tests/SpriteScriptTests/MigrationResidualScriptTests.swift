import Testing
@testable import SpriteScript

/// The language side of pre-copy's limits and lazy copy's residual dependency: the options, their errors,
/// what `show migrations` and `migration` report, and a process killed because its page died with a node.
private let base = "cluster { server fs1; workstation ws1, ws2 }\nprogram job { compute 50ms }\nspawn job as a on ws1\n"

/// A 64KB space written on ws1 (16 pages), moved lazily at 500ms while it sleeps (frozen when it wakes at
/// 1.016s), then asleep a second on ws2 before it touches a page: ws1 crashes and comes back meanwhile.
private let lazyCrash = """
    cluster { network ethernet preset sprite-1988 topology bus; server fs1; workstation ws1, ws2 }
    domain / on fs1
    vm ws1, ws2 backing files
    space sp { data 64KB; touch 1ms; writes 100%; pattern loop 16 pages }
    program job space sp { compute 16ms; sleep 1s; sleep 1s; compute 16ms }
    spawn job as p on ws1
    at 500ms { migrate p to ws2 strategy lazy }
    at 1500ms { crash ws1 }
    at 1600ms { restart ws1 }
    """

@Suite struct MigrationResidualScriptTests {
    @Test(arguments: [
        (base + "migration precopy-rounds 2000", "2000 pre-copy rounds is more than the 1000 allowed", 4, 26),
        (base + "migration precopy-rounds 2 precopy-rounds 3", "'precopy-rounds' is given twice", 4, 28),
        (base + "migration precopy-stop many", "expected the dirty pages pre-copy stops at", 4, 24),
    ])
    func malformedOptions(_ script: String, _ message: String, _ line: Int, _ column: Int) throws {
        let first = try #require(ScriptHarness.diagnostics(script).first)
        #expect(first.message.contains(message), "\(first.message)")
        #expect(first.span?.line == line && first.span?.column == column, "\(String(describing: first.span))")
        #expect(first.help != nil)
    }

    /// The limits are the costs' fields: set, they make the costs a custom set, and `migration` shows them.
    @Test func theLimitsAreShown() throws {
        let objects = try FSScript.runExpecting(base + "migration preset sprite-1988 precopy-rounds 2 precopy-stop 8\n"
                                                + "migration", expectations: 0)
        let costs = try FSScript.table(objects, "migration costs")
        #expect(costs.title.contains("preset custom"))
        let limits = try FSScript.table(objects, "pre-copy")
        #expect(limits.rows.first?["rounds"] as? Int == 2 && limits.rows.first?["stop_pages"] as? Int == 8)
    }

    /// The fault on page 0 at 2.0258s (unfrozen at about 1.1s, a second asleep) finds the page gone: the run
    /// ends with a runtime error that names ws1's crash; show migrations counts 1 fetch lost, none done.
    @Test func aPageLostWithTheSourceKillsTheProcess() throws {
        let (status, sink, _) = FSScript.run(lazyCrash + "\nrun")
        #expect(status == .runtimeError)
        #expect(sink.errorText.contains("its only copy was in ws1's memory (left there by a lazy-copy migration), "
                                        + "lost when ws1 crashed"), "\(sink.errorText)")
        #expect(sink.errorText.contains("lazy copy leaves"), "\(sink.errorText)")
        let (_, json, _) = FSScript.run(lazyCrash + "\ntry run\nshow migrations\nexpect p.residual-lost == 1",
                                        format: .json)
        let objects = try FSScript.objects(json)
        let row = try #require(try FSScript.table(objects, "migrations").rows.first)
        #expect(row["residual_fetches"] as? Int == 0 && row["residual_lost"] as? Int == 1)
        #expect(row["precopy_rounds"] as? Int == 0)
        let failed = try #require(FSScript.events(objects, "page.failed").first)
        #expect(failed["reason"] as? String == "page-lost")
    }
}
