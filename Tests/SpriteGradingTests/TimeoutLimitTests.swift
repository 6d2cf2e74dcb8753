import SpriteScript
import Testing
@testable import SpriteGrading

/// A timeout is never cut silently, and a test's own wall-clock limit follows it (before, the child ran
/// under the default 1min wall limit, so `timeout 5min` ended as LIMIT (wall) at one minute).
@Suite("timeouts and the wall limit")
struct TimeoutLimitTests {
    static func wall(_ arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(where: { $0.hasPrefix("wall=") }) else { return nil }
        return arguments[index]
    }

    static var options: GradingOptions {
        var options = GradingOptions()
        options.ceiling[.wall] = GradingRun.wallCeiling
        return options
    }

    @Test func theWallLimitIsTheTimeoutAndASecond() {
        let run = GradingRun(options: Self.options, runner: ChildRunner(executable: "/nonexistent"))
        // 5min = 300s, plus the one-second margin: 301s.
        #expect(Self.wall(run.childLimitArguments(TestSettings(), timeout: 300_000_000_000)) == "wall=301s")
        var settings = TestSettings()
        settings.limits[.wall] = 10_000_000_000
        #expect(Self.wall(run.childLimitArguments(settings, timeout: 300_000_000_000)) == "wall=10s")
    }

    @Test func aRunWideWallLimitStillCaps() {
        var options = Self.options
        options.ceiling[.wall] = 120_000_000_000
        let run = GradingRun(options: options, runner: ChildRunner(executable: "/nonexistent"))
        #expect(Self.wall(run.childLimitArguments(TestSettings(), timeout: 300_000_000_000)) == "wall=2min")
    }

    @Test func aTimeoutPastTheMaximumIsRefusedWithIt() throws {
        let header = TestHeaderTests.parse("# test: timeout 1h\n")
        guard case .failure(let diagnostic) = header else {
            Issue.record("a one-hour timeout was accepted")
            return
        }
        #expect(diagnostic.message == "timeout takes a duration like 10s or 2min, up to 30min, not '1h'")
        #expect(try TestHeaderTests.parse("# test: timeout 30min\n").get().timeout == TestHeader.maxTimeout)
    }
}
