import Foundation
import Testing
@testable import SpriteKernel

/// pmake's runner: dependencies, the limit of K jobs, placement on idle hosts and the fallback to the home,
/// failures and cycles. Times derived by hand.
///
/// Network: the zero-overhead bus (one 500us hop, 10 Mbit/s, no headers). A host request to the central
/// server is a 64-byte RPC each way served in 50us: 0.5 + 0.0512 + 0.05 + 0.5 + 0.0512 = 1.1524ms. A remote
/// exec under MigrationTests.costs: select 2.1024ms, then the exec-time state (1000B out, 10ms served) 11.8ms,
/// after which the process runs on its host: it starts 1.1524 + 2.1024 + 11.8 = 15.0548ms after pmake starts it.
/// A process that only computes runs for exactly its compute time (no context-switch cost is declared).
@Suite("pmake")
struct PmakeTests {
    private func cluster(_ nodes: Int) throws -> Simulation {
        let sim = try makeSimulation(nodes: nodes, preset: .zero, topology: .bus)
        sim.migrationCosts = MigrationTests.costs
        for ms in [1, 5, 10, 20, 100] { try sim.defineProgram("c\(ms)", steps: [.compute(.ms(Int64(ms)))]) }
        return sim
    }

    private func job(_ name: String, _ program: String, after: [String] = []) -> PmakeJob {
        PmakeJob(name: name, program: program, after: after)
    }

    /// Plain make (hosts 1): a, then b and c (ready together, in declaration order), then d after both:
    /// a 0-10ms, b 10-30ms, c 30-35ms, d 35-36ms.
    @Test func dependenciesOrderTheJobs() throws {
        let sim = try cluster(1)
        try sim.startPmake("m", home: 0, jobs: [job("a", "c10"), job("b", "c20", after: ["a"]),
                                                job("c", "c5", after: ["a"]), job("d", "c1", after: ["b", "c"])],
                           parallel: 1)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "m"))
        #expect(report.jobs.map(\.start) == [.ms(0), .ms(10), .ms(30), .ms(35)])
        #expect(report.jobs.map(\.end) == [.ms(10), .ms(30), .ms(35), .ms(36)])
        #expect(report.jobs.allSatisfy { $0.state == .done && $0.host == 0 && !$0.remote })
        #expect(report.makespan == .ms(36) && report.lastJob == 3 && report.linkTime == .ms(1))
        #expect(try sim.metrics("m-d").finish == .ms(36))
    }

    /// K = 2 with no host selection: two jobs at a time share the home's CPU (first come, first served), and
    /// the third starts only when the first ends: a 0-10, b 10-20, c started at 10 runs 20-30, d started at
    /// 20 runs 30-40.
    @Test func atMostKJobsRunAtOnce() throws {
        let sim = try cluster(1)
        try sim.startPmake("k", home: 0, jobs: ["a", "b", "c", "d"].map { job($0, "c10") }, parallel: 2)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "k"))
        #expect(report.jobs.map(\.start) == [.ms(0), .ms(0), .ms(10), .ms(20)])
        #expect(report.jobs.map(\.end) == [.ms(10), .ms(20), .ms(30), .ms(40)])
        #expect(report.makespan == .ms(40) && report.remoteJobs == 0)
    }

    /// Sprite's policy with a central server (n2) and one idle host (n1): the one job is sent there and
    /// ends 15.0548ms + 100ms after the start.
    @Test func aJobGoesToAnIdleHostByRemoteExec() throws {
        let sim = try cluster(3)
        try sim.setIdleRule(nodes: [1], after: .s(30), load: 1.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], central: 2)
        try sim.startPmake("r", home: 0, jobs: [job("a", "c100")], parallel: 2)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "r"))
        #expect(report.jobs[0].host == 1 && report.jobs[0].remote && report.remoteJobs == 1)
        #expect(report.makespan == .ns(115_054_800))
    }

    /// Three jobs at once, one idle host: the first request gets n1, the other two find none free (n1 lends
    /// to the first) and run on the home, as pmake did.
    @Test func withNoIdleHostFreeAJobRunsAtHome() throws {
        let sim = try cluster(3)
        try sim.setIdleRule(nodes: [1], after: .s(30), load: 1.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], central: 2)
        try sim.startPmake("f", home: 0, jobs: ["a", "b", "c"].map { job($0, "c100") }, parallel: 3)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "f"))
        #expect(report.jobs.map(\.host) == [1, 0, 0] && report.remoteJobs == 1)
        #expect(sim.balancingStatistics.centralRequests == 3 && sim.balancingStatistics.failedRounds == 2)
    }

    /// hosts 1 keeps every job home even where the balancer would place it: plain make migrates nothing.
    @Test func hostsOneIsPlainMakeEvenUnderABalancer() throws {
        let sim = try cluster(3)
        try sim.setIdleRule(nodes: [1], after: .s(30), load: 1.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], central: 2)
        try sim.startPmake("p", home: 0, jobs: [job("a", "c10"), job("b", "c10")], parallel: 1)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "p"))
        #expect(report.remoteJobs == 0 && report.makespan == .ms(20))
        #expect(sim.balancingStatistics.centralRequests == 0 && sim.migrationReports.isEmpty)
    }

    /// A cycle is refused before anything starts, and PmakeGraph names it.
    @Test func aCycleIsRefused() throws {
        let sim = try cluster(1)
        let jobs = [job("a", "c1", after: ["c"]), job("b", "c1"), job("c", "c1", after: ["a"])]
        #expect(PmakeGraph.cycle(in: jobs) == ["a", "c", "a"])
        #expect(PmakeGraph.cycle(in: [job("a", "c1"), job("b", "c1", after: ["a"])]) == nil)
        #expect(throws: KernelError.invalidValue("pmake cycle")) {
            try sim.startPmake("x", home: 0, jobs: jobs, parallel: 1)
        }
        #expect(sim.pmakeReports.isEmpty && sim.processMetrics().isEmpty)
    }

    /// The home crashes at 50ms while a runs: a is killed (failed), b after it never runs, and the build
    /// ends there.
    @Test func aKilledJobFailsAndItsDependentsNeverRun() throws {
        let sim = try cluster(1)
        try sim.startPmake("c", home: 0, jobs: [job("a", "c100"), job("b", "c10", after: ["a"])], parallel: 1)
        _ = sim.run(until: .ms(50))
        sim.crash(0)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "c"))
        #expect(report.jobs.map(\.state) == [.failed, .skipped])
        #expect(report.makespan == .ms(50) && report.jobs[1].process == nil)
    }

    /// Two independent jobs under plain make: a runs, b waits in the ready queue. The home crashes at 50ms:
    /// a is killed (failed), and with the home gone b is skipped. b must not be started (and failed) a
    /// second time: 2 jobs, 2 ends, so the build ends at the crash, 50ms after its start.
    @Test func aReadyJobSkippedByAHomeCrashIsNotStarted() throws {
        let sim = try cluster(1)
        try sim.startPmake("h", home: 0, jobs: [job("a", "c100"), job("b", "c10")], parallel: 1)
        _ = sim.run(until: .ms(50))
        sim.crash(0)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "h"))
        #expect(report.jobs.map(\.state) == [.failed, .skipped])
        #expect(report.makespan == .ms(50) && report.jobs[1].process == nil)
    }

    /// A failed build has no speedup and no serial tail, and a failed plain build is no baseline.
    /// "p" (hosts 1): a 100ms then b 10ms, 110ms. "q", the same jobs two at a time, starts at 110ms; the
    /// home crashes at 160ms, killing a (failed) and skipping b. q stopped 50ms after it started: a speedup
    /// of 110 / 50 = 2.2 if one counted it, but nothing was built, so none. After a restart "r" (hosts 1)
    /// starts at 160ms and its crash at 170ms fails it too: the next build still compares with p.
    @Test func aFailedBuildHasNoSpeedupAndIsNoBaseline() throws {
        let sim = try cluster(1)
        let jobs = [job("a", "c100"), job("b", "c10", after: ["a"])]
        try sim.startPmake("p", home: 0, jobs: jobs, parallel: 1)
        sim.runToIdle()
        try sim.startPmake("q", home: 0, jobs: jobs, parallel: 2)
        _ = sim.run(until: .ms(160))
        sim.crash(0)
        sim.runToIdle()
        let q = try #require(sim.pmakeReport(named: "q"))
        #expect(q.makespan == .ms(50) && q.failedJobs == 2 && q.baseline?.name == "p")
        #expect(q.speedup == nil && q.linkTime == nil && q.linkWait == nil)
        sim.restart(0)
        try sim.startPmake("r", home: 0, jobs: jobs, parallel: 1)
        _ = sim.run(until: .ms(170))
        sim.crash(0)
        sim.runToIdle()
        sim.restart(0)
        try sim.startPmake("s", home: 0, jobs: jobs, parallel: 2)
        sim.runToIdle()
        #expect(sim.pmakeReport(named: "s")?.baseline?.name == "p")
    }

    /// The serial tail is known only once the build has ended: at 35.5ms d (the last job) runs and c,
    /// which ended last so far, is not the build's tail (dependenciesOrderTheJobs' times).
    @Test func theSerialTailIsUnknownUntilTheBuildEnds() throws {
        let sim = try cluster(1)
        try sim.startPmake("m", home: 0, jobs: [job("a", "c10"), job("b", "c20", after: ["a"]),
                                                job("c", "c5", after: ["a"]), job("d", "c1", after: ["b", "c"])],
                           parallel: 1)
        _ = sim.run(until: .ns(35_500_000))
        let report = try #require(sim.pmakeReport(named: "m"))
        #expect(report.makespan == nil && report.linkTime == nil && report.linkWait == nil)
    }

    /// A remote job's freeze in its remote exec is not a wait for files: the one job of
    /// aJobGoesToAnIdleHostByRemoteExec is held from its arrival through select (2.1024ms) and the exec-time
    /// state (11.8ms), 13.9024ms in all, after its host request (1.1524ms, not frozen: the freeze begins
    /// with the migration). It does no file operation: every blocked nanosecond is the freeze. Its time, from
    /// pmake's start of it on the home, is 1.1524 + 13.9024 + 100 = 115.0548ms.
    @Test func aRemoteExecsFreezeIsNotAWaitForFiles() throws {
        let sim = try cluster(3)
        try sim.setIdleRule(nodes: [1], after: .s(30), load: 1.5)
        try sim.setBalancing(.sprite, nodes: [0, 1], central: 2)
        try sim.startPmake("r", home: 0, jobs: [job("a", "c100")], parallel: 2)
        sim.runToIdle()
        let report = try #require(sim.pmakeReport(named: "r"))
        #expect(report.jobs[0].frozen == .ns(13_902_400) && report.jobs[0].blocked == .ns(13_902_400))
        #expect(report.linkWait == .zero && report.linkFrozen == .ns(13_902_400) && report.linkTime == .ns(115_054_800))
    }

    /// The process limit counts every job before any starts.
    @Test func theJobsCountTowardTheProcessLimit() throws {
        let sim = try cluster(1)
        sim.processLimit = 2
        #expect(throws: KernelError.limitReached("processes")) {
            try sim.startPmake("l", home: 0, jobs: ["a", "b", "c"].map { job($0, "c1") }, parallel: 1)
        }
    }

    /// The speedup's baseline is the first finished hosts 1 build of the same jobs: 4 x 10ms of plain make,
    /// 40ms; two at a time on the same single CPU take 40ms too: a speedup of 1. Other jobs have no baseline.
    @Test func theSpeedupIsOverTheFirstPlainBuildOfTheSameJobs() throws {
        let sim = try cluster(1)
        try sim.startPmake("one", home: 0, jobs: ["a", "b", "c", "d"].map { job($0, "c10") }, parallel: 1)
        sim.runToIdle()
        try sim.startPmake("two", home: 0, jobs: ["a", "b", "c", "d"].map { job($0, "c10") }, parallel: 2)
        sim.runToIdle()
        let two = try #require(sim.pmakeReport(named: "two"))
        #expect(two.baseline?.name == "one" && two.baseline?.makespan == .ms(40) && two.speedup == 1)
        try sim.startPmake("other", home: 0, jobs: [job("a", "c1")], parallel: 2)
        sim.runToIdle()
        #expect(sim.pmakeReport(named: "other")?.baseline == nil)
    }
}
