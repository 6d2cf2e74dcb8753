import Foundation
import Testing

/// What the executable itself prints: help and usage errors fit 80 columns,
/// `help TOPIC` reaches the language's pages, and --width has a floor.
@Suite("command-line text")
struct CommandLineTextTests {
    static func tooWide(_ text: String, _ width: Int = 80) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.count > width }
    }

    @Test(arguments: [["--help"], ["run", "--help"], ["check", "--help"], ["help"], ["help", "run"],
                      ["help", "check"], ["help", "help"]])
    func helpFitsEightyColumns(_ arguments: [String]) throws {
        let result = try runShell(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("sprite-shell"))
        #expect(Self.tooWide(result.stdout).isEmpty, "\(Self.tooWide(result.stdout))")
    }

    @Test(arguments: [["--bogus"], ["run", "--format", "xml"], ["check"], ["-c", "echo", "file.sprite"],
                      ["--width", "5"], ["--seed", "x"]])
    func usageErrorsFitEightyColumns(_ arguments: [String]) throws {
        let result = try runShell(arguments)
        #expect(result.status == 2, "\(arguments): status \(result.status)")
        #expect(result.stderr.contains("sprite-shell"), "\(result.stderr)")
        #expect(Self.tooWide(result.stderr).isEmpty, "\(Self.tooWide(result.stderr))")
    }

    @Test func helpTopicPrintsTheLanguagePage() throws {
        let result = try runShell(["help", "rpc"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("rpc: "), "\(result.stdout)")
        #expect(!result.stdout.contains("OVERVIEW"))
        let units = try runShell(["help", "units"])
        #expect(units.status == 0 && units.stdout.hasPrefix("units: "), "\(units.stdout)")
    }

    @Test func anUnknownHelpTopicIsAUsageErrorWithASuggestion() throws {
        let result = try runShell(["help", "rpcx"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no command or help topic 'rpcx'; did you mean 'rpc'?"), "\(result.stderr)")
        #expect(Self.tooWide(result.stderr).isEmpty)
    }

    @Test func widthBelowTheMinimumIsRefused() throws {
        for width in ["5", "19", "-1"] {
            let result = try runShell(["--width", width, "-c", "echo \"x\""])
            #expect(result.status == 2, "--width \(width): status \(result.status)")
            #expect(result.stderr.contains("at least 20"), "\(result.stderr)")
        }
        for width in ["0", "20"] {
            let result = try runShell(["--width", width, "-c", "echo \"x\""])
            #expect(result.status == 0, "--width \(width): \(result.stderr)")
        }
    }
}
