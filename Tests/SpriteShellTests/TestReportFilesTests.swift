import Foundation
import Testing

/// `--junit`, `--gradescope` and `--tap` through the real binary: files written where asked, and exit
/// status 5 when one cannot be.
@Suite("sprite-shell test report files")
struct TestReportFilesTests {
    @Test func theFilesAreWrittenBesideTheReport() throws {
        let directory = try TestCommandTests.folder(["a.sprite": "echo \"a\"\n"])
        let junit = directory.path("out.xml"), gradescope = directory.path("results.json")
        let result = try runShell(["test", "--junit", junit, "--gradescope", gradescope, directory.path("a.sprite")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testcase name=\"a\" classname=\"sprite-shell\" time=\""))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gradescope)))
        #expect((json as? [String: Any])?["score"] as? Int == 1)
    }

    @Test func aMergeWritesTheFilesOfTheWholeRun() throws {
        let directory = try TestCommandTests.folder(["a.sprite": "echo \"a\"\n", "b.sprite": "ech \"b\"\n"])
        var parts: [String] = []
        for shard in 1...2 {
            let result = try runShell(["test", "--format", "json", "--shard", "\(shard)/2", directory.url.path])
            parts.append(try directory.write("shard\(shard).json", result.stdout))
        }
        let junit = directory.path("merged.xml")
        let merged = try runShell(["test", "--merge", "--tap", "--junit", junit] + parts)
        #expect(merged.status == 1)
        #expect(merged.stdout.hasPrefix("TAP version 14\n1..2\nok 1 - a\n"))
        #expect(merged.stdout.contains("\nnot ok 2 - b\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"2\" failures=\"0\" errors=\"1\""))
    }

    @Test func aFileThatCannotBeWrittenExitsFive() throws {
        let directory = try TestCommandTests.folder(["a.sprite": "echo \"a\"\n"])
        let missing = directory.path("no-such-folder/results.json")
        let result = try runShell(["test", "--gradescope", missing, directory.path("a.sprite")])
        #expect(result.status == 5)
        #expect(result.stderr == "sprite-shell: error: cannot write '\(missing)': no such file or directory\n")
        // The report itself was printed: only the file is missing.
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAReader() throws {
        let directory = try TestCommandTests.folder(["a.sprite": "echo \"a\"\n"])
        let fifo = directory.path("pipe.xml")
        #expect(mkfifo(fifo, 0o644) == 0)
        let result = try runShell(["test", "--junit", fifo, directory.path("a.sprite")])
        #expect(result.status == 5)
        #expect(result.stderr.hasPrefix("sprite-shell: error: cannot write '\(fifo)': "))
    }

    @Test func tapAndJSONBothOnStandardOutputAreRefused() throws {
        let result = try runShell(["test", "--tap", "--format", "json", "."])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--tap and --format json both choose what standard output prints"))
    }
}
