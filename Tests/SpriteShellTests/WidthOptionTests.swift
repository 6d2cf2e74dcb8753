import Foundation
import Testing

/// `--width`: text fits 80 columns when standard output is not a terminal,
/// N columns when asked, and is never broken with 0.
@Suite("--width")
struct WidthOptionTests {
    static let script = """
        cluster { network preset v-1983; workstation ws1; server fs1 }
        rpc ws1 -> fs1 reply 4KB as fetch
        run
        expect fetch.packets == 6
        """

    func widths(_ options: [String]) throws -> [Int] {
        let result = try runShell(options + ["-c", Self.script])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(\.count)
    }

    @Test("a file or a pipe gets 80 columns")
    func defaultIsEighty() throws {
        let widths = try widths([])
        #expect(widths.max() ?? 0 <= 80)
        #expect(widths.count >= 9, "the rpc line wrapped onto a second line")
    }

    @Test("--width 0 never breaks a line, --width N fits N")
    func chosenWidth() throws {
        let unbroken = try widths(["--width", "0"])
        #expect(unbroken.max() ?? 0 > 80)
        let narrow = try widths(["--width", "50"])
        #expect(narrow.max() ?? 0 <= 50)
        #expect(narrow.count > unbroken.count)
    }

    @Test("a negative width is a usage error")
    func negativeWidth() throws {
        let result = try runShell(["--width", "-1", "-c", "echo \"x\""])
        #expect(result.status == 2, "status \(result.status)")
        #expect(result.stderr.contains("--width"))
    }

    @Test("help pages follow --width too")
    func helpFollowsWidth() throws {
        let result = try runShell(["--no-summary", "--width", "60", "-c", "help consistency"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.filter { $0.count > 60 })")
    }
}
