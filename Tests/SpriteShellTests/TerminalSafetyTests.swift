import Foundation
import Testing

/// Through the real binary: what reaches the terminal holds no control
/// character but the newline ending each line.
@Suite("terminal safety")
struct TerminalSafetyTests {
    /// Bytes other than "\n" that are C0, DEL or C1 controls.
    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    @Test("echo with ESC, BEL and an embedded newline prints one escaped line")
    func echo() throws {
        let statements = "echo \"\u{1B}]0;owned\u{07}\u{9B}31m\"; echo \"a\\nexpect  ok  x\""
        let result = try runShell(["--no-summary", "-c", statements])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout.debugDescription)")
        #expect(result.stdout == "         0s  echo    \\u001b]0;owned\\u0007\\u009b31m\n"
                + "         0s  echo    a\\nexpect  ok  x\n")
    }

    @Test("a diagnostic about a control character shows it escaped, caret underneath")
    func diagnostic() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.sprite", "echo \"ok\"\n\trpc \u{07}ws1\n")
        let result = try runShell([path])
        #expect(result.status == 2)
        #expect(Self.controls(result.stderr).isEmpty, "\(result.stderr.debugDescription)")
        #expect(result.stderr == """
            \(path):2:6: error: unexpected character '\\u0007'
                    rpc \\u0007ws1
                        ^~~~~~
              help: delete the control character: a script holds text, spaces and tabs only

            """, "\(result.stderr)")
    }

    @Test("the shell's own messages escape what the command line holds")
    func commandLine() throws {
        let result = try runShell(["/tmp/no-such-\u{1B}[2J.sprite", "--no-such-\u{1B}c"])
        #expect(result.status == 2)
        #expect(Self.controls(result.stderr).isEmpty, "\(result.stderr.debugDescription)")
        let missing = try runShell(["/tmp/no-such-\u{1B}[2J.sprite"])
        #expect(missing.stderr.contains("cannot read '/tmp/no-such-\\u001b[2J.sprite'"), "\(missing.stderr)")
    }

    @Test("JSON output stays valid JSON with control characters in strings")
    func json() throws {
        let result = try runShell(["--format", "json", "-c", "echo \"\u{1B}\u{7F}\u{9B}\\n\\t\""])
        #expect(result.status == 0)
        #expect(Self.controls(result.stdout).isEmpty)
        let first = try #require(result.stdout.split(separator: "\n").first)
        let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
        #expect(object?["text"] as? String == "\u{1B}\u{7F}\u{9B}\n\t")
    }
}
