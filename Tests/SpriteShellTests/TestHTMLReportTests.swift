import BrowserTesting
import Foundation
import Testing

/// `sprite-shell test --report DIR` through the real binary: the index lists every test and links exactly
/// those that did not pass, each link leads to a file, a hidden test's page gives nothing away, and the same
/// run gives the same bytes (times aside) with any --jobs; shards, --merge, --repeat and an interrupted run.
@Suite("sprite-shell test --report")
struct TestHTMLReportTests {
    static let secret = "secret-answer-42"

    /// One test of each kind: a pass, a failed expect, an output that differs from its .expected (under a
    /// name full of markup), a hidden failure, a malformed script.
    static func assignment() throws -> TemporaryDirectory {
        let directory = try TestCommandTests.folder([
            "a-pass.sprite": "echo \"a\"\n",
            "b/expect.sprite": "# test: points 2\n" + TestCommandTests.cluster
                + "rpc a -> b as call\nrun\nexpect call.packets == 3\n",
            "c <&> \"q\".sprite": "echo \"c\"\n",
            "c <&> \"q\".expected": "<b>not c</b>\n",
            "d-hidden.sprite": "# test: hidden\necho \"\(secret)\"\n",
            "d-hidden.expected": "something else\n",
            "e-malformed.sprite": "ech \"e\"\n",
        ])
        return directory
    }

    /// Every `href="…"` of a page, in order.
    static func links(_ page: String) -> [String] {
        page.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    /// Every file under `folder` (relative path → bytes), each test's time blanked: wall-clock times are the
    /// one thing two runs of the same tests do not share (and so the manifest's digests of the pages, left out).
    static func files(_ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for case let file as String in FileManager.default.enumerator(atPath: folder) ?? NSEnumerator() {
            var isFolder: ObjCBool = false
            let path = folder + "/" + file
            guard file != ".sprite-shell-report",
                  FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            files[file] = text.replacingOccurrences(of: #"class="(num )?time">[0-9.]*s<"#, with: "class=\"time\">T<",
                                                    options: .regularExpression)
        }
        return files
    }

    @Test func theIndexLinksExactlyTheTestsThatDidNotPassAndEveryLinkResolves() throws {
        let directory = try Self.assignment()
        let report = directory.path("report")
        let result = try runShell(["test", "--report", report, directory.url.path])
        #expect(result.status == 1, "\(result.stderr)")
        let index = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
        // Five rows; every one but the passing a-pass links to a page, and only those pages exist.
        let rows = index.components(separatedBy: "<tr id=\"test-").dropFirst()
        #expect(rows.count == 5)
        #expect(rows.map { $0.contains("href=") } == [false, true, true, true, true])
        let links = Self.links(index)
        #expect(links == ["tests/2-b-expect/index.html", "tests/3-c-q/index.html", "tests/4-d-hidden/index.html",
                          "tests/5-e-malformed/index.html"])
        let made = try FileManager.default.contentsOfDirectory(atPath: report + "/tests").sorted()
        #expect(made == ["2-b-expect", "3-c-q", "4-d-hidden", "5-e-malformed"])
        for link in links {
            let page = try String(contentsOfFile: report + "/" + link, encoding: .utf8)
            for target in Self.links(page) {
                let file = URL(fileURLWithPath: report + "/" + link).deletingLastPathComponent()
                    .appendingPathComponent(target).standardized.path
                #expect(FileManager.default.fileExists(atPath: file), "\(link) links to \(target)")
            }
        }
        // The name's markup is text.
        #expect(index.contains(">c &lt;&amp;&gt; &quot;q&quot;</a>"))
        let differs = try String(contentsOfFile: report + "/tests/3-c-q/index.html", encoding: .utf8)
        #expect(differs.contains("<span class=\"diff-delete\">-&lt;b&gt;not c&lt;/b&gt;</span>"))
        // The failed expect is on its test's page, which links the report of its run.
        let expect = try String(contentsOfFile: report + "/tests/2-b-expect/index.html", encoding: .utf8)
        #expect(expect.contains("expect  FAILED  call.packets == 3"))
        #expect(Self.links(expect) == ["../../index.html", "run/index.html"])
        let run = try FileManager.default.contentsOfDirectory(atPath: report + "/tests/2-b-expect/run").sorted()
        #expect(run.contains("index.html") && run.contains("results.json") && run.contains("diagram.svg"))
        // That report is of the run graded: the same failed expect in its output.
        let runPage = try String(contentsOfFile: report + "/tests/2-b-expect/run/index.html", encoding: .utf8)
        #expect(runPage.contains("call.packets == 3"))
    }

    @Test func theRunReportOfARepeatedTestIsTheRunOfTheFirstSeedThatFailed() throws {
        // 30% loss on each packet: whether the call takes exactly two packets depends on the draws.
        let script = TestCommandTests.cluster + "link a <-> b loss 30%\nrpc a -> b as call\nrun\n"
            + "expect call.packets == 2\n"
        let directory = try TestCommandTests.folder(["flaky.sprite": script])
        // Each seed alone, as the grader's child runs it: in the test's folder, by its file name.
        var json: [UInt64: String] = [:]
        var failing: [UInt64] = []
        for seed: UInt64 in 1...4 {
            let alone = try runShell(["--format", "json", "--width", "80", "--seed", "\(seed)", "flaky.sprite"],
                                     in: directory.url.path)
            json[seed] = alone.stdout
            if alone.status != 0 { failing.append(seed) }
        }
        let first = try #require(failing.first, "the script must fail under some seed of 1…4")
        let report = directory.path("report")
        _ = try runShell(["test", "--repeat", "4", "--report", report, directory.url.path])
        let drawn = try String(contentsOfFile: report + "/tests/1-flaky/run/results.json", encoding: .utf8)
        #expect(drawn == json[first])
    }

    @Test func aHiddenTestsPageGivesNothingAwayUnlessStaffAsk() throws {
        let directory = try Self.assignment()
        let report = directory.path("report")
        _ = try runShell(["test", "--report", report, directory.url.path])
        for (file, text) in try Self.files(report) {
            #expect(!text.contains(Self.secret) && !text.contains("something else"), "\(file)")
        }
        let page = try String(contentsOfFile: report + "/tests/4-d-hidden/index.html", encoding: .utf8)
        #expect(page.contains("(a hidden test: its output is not shown)"))
        #expect(!FileManager.default.fileExists(atPath: report + "/tests/4-d-hidden/run"))
        let staff = directory.path("staff")
        _ = try runShell(["test", "--show-hidden", "--report", staff, directory.url.path])
        let shown = try String(contentsOfFile: staff + "/tests/4-d-hidden/index.html", encoding: .utf8)
        #expect(shown.contains("<span class=\"diff-delete\">-something else</span>"))
        #expect(Self.links(shown).contains("run/index.html"))
        let run = try String(contentsOfFile: staff + "/tests/4-d-hidden/run/index.html", encoding: .utf8)
        #expect(run.contains(Self.secret))
    }

    @Test func theSameRunGivesTheSameBytesWithAnyNumberOfJobs() throws {
        let directory = try Self.assignment()
        let one = directory.path("one"), three = directory.path("three")
        _ = try runShell(["test", "--report", one, directory.url.path])
        _ = try runShell(["test", "--jobs", "3", "--report", three, directory.url.path])
        let first = try Self.files(one)
        #expect(first.count >= 5)
        #expect(first == (try Self.files(three)))
        // Run again into the same folder: the earlier report is replaced, to the same bytes.
        _ = try runShell(["test", "--report", one, directory.url.path])
        #expect(first == (try Self.files(one)))
    }

    @Test func shardsGetTheWholeRunsSlugsAndMergeIntoTheWholeReport() throws {
        let directory = try Self.assignment()
        let tests = directory.url.path
        let whole = directory.path("whole")
        _ = try runShell(["test", "--report", whole, tests])
        var pages: [String] = []
        var parts: [String] = []
        for shard in 1...2 {
            let folder = directory.path("shard\(shard)")
            let result = try runShell(["test", "--format", "json", "--shard", "\(shard)/2", "--report", folder, tests])
            parts.append(try directory.write("shard\(shard).json", result.stdout))
            let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
            #expect(index.contains("Shard \(shard)/2: "))
            pages += try FileManager.default.contentsOfDirectory(atPath: folder + "/tests")
        }
        let wholePages = try FileManager.default.contentsOfDirectory(atPath: whole + "/tests").sorted()
        // Round robin: shard 1 has tests 1, 3, 5; shard 2 tests 2, 4. Their pages are the whole run's.
        #expect(pages.sorted() == wholePages)
        #expect(Set(pages).count == pages.count)
        let merged = directory.path("merged")
        let result = try runShell(["test", "--merge", "--report", merged] + parts)
        #expect(result.status == 1, "\(result.stderr)")
        let mergedIndex = try String(contentsOfFile: merged + "/index.html", encoding: .utf8)
        let wholeIndex = try String(contentsOfFile: whole + "/index.html", encoding: .utf8)
        #expect(Self.links(mergedIndex) == Self.links(wholeIndex))
        #expect(try FileManager.default.contentsOfDirectory(atPath: merged + "/tests").sorted() == wholePages)
    }

    @Test func repeatedRunsListEachSeedsVerdict() throws {
        let directory = try Self.assignment()
        let report = directory.path("report")
        _ = try runShell(["test", "--repeat", "3", "--seed", "5", "--report", report, directory.url.path])
        let page = try String(contentsOfFile: report + "/tests/2-b-expect/index.html", encoding: .utf8)
        for seed in 5...7 {
            #expect(page.contains("<tr><td class=\"num\">\(seed)</td><td class=\"verdict verdict-fail\">FAIL</td>"))
        }
        // One page per test, however many runs: never more pages than tests.
        #expect(try FileManager.default.contentsOfDirectory(atPath: report + "/tests").count == 4)
    }

    @Test func aFolderHoldingOtherFilesIsRefusedBeforeAnyTestRuns() throws {
        let directory = try Self.assignment()
        let result = try runShell(["test", "--report", directory.url.path, directory.url.path])
        #expect(result.status == 2)
        // Fitted to 80 columns: compared as one line.
        let message = result.stderr.replacingOccurrences(of: "\n", with: " ")
        #expect(message.hasPrefix("sprite-shell: error: --report: '\(directory.url.path)': it holds "))
        #expect(message.contains("a test being graded"), "\(message)")
        #expect(result.stdout.isEmpty)
        // An empty name is not the current folder.
        let empty = try runShell(["test", "--report", "", directory.url.path])
        #expect(empty.status == 2)
        #expect(empty.stderr.replacingOccurrences(of: "\n", with: " ")
                    .hasPrefix("sprite-shell: error: --report: '' is not a folder name"), "\(empty.stderr)")
    }

    /// The review's reproducer: an index.html carrying the generator's marker beside the tests, `--report .`
    /// from inside: refused, and the tests are still there.
    @Test func aForgedEarlierReportAroundTheTestsIsRefusedAndRemovesNothing() throws {
        let directory = try TestCommandTests.folder(["tests/a.sprite": "echo \"x\"\n", "tests/README": "notes\n"])
        try Data("<meta name=\"generator\" content=\"sprite-shell test --report\">\n".utf8)
            .write(to: URL(fileURLWithPath: directory.path("index.html")))
        let result = try runShell(["test", directory.path("tests"), "--report", directory.url.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path("tests/a.sprite")))
        #expect(FileManager.default.fileExists(atPath: directory.path("tests/README")))
    }

    @Test func aFolderWhoseParentIsMissingIsRefusedAndOneThatCannotBeMadeExitsFive() throws {
        let directory = try Self.assignment()
        let missing = try runShell(["test", "--report", directory.path("no/such/report"), directory.url.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.replacingOccurrences(of: "\n", with: " ").contains("its parent folder does not exist"))
        // /proc takes no new folder, even from root.
        let unwritable = try runShell(["test", "--report", "/proc/self/report", directory.url.path])
        #expect(unwritable.status == 5)
        #expect(unwritable.stderr == "sprite-shell: error: cannot write the report in '/proc/self/report': no such "
                + "file or directory\n")
        #expect(unwritable.stdout.isEmpty)
    }

    @Test func anInterruptedRunsIndexSaysItIsNotFinal() throws {
        let directory = try TestCommandTests.folder([
            "a.sprite": "ech \"a\"\n",
            "long.sprite": "# test: timeout 60s\n# test: limit events=2000000000\n" + TestCommandTests.cluster
                + "rpc a -> b count 100000000\nrun\n",
        ])
        let report = directory.path("report")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ShellBinary.path())
        process.arguments = ["test", "--report", report, directory.url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The index is written before the first test starts; a moment later the long test is running.
        while !FileManager.default.fileExists(atPath: report + "/index.html") && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let index = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
        #expect(index.contains("id=\"not-final\""))
        #expect(index.contains("these results are not final"))
        #expect(index.contains("<td class=\"verdict verdict-error\">NOT GRADED</td>"))
    }

    @Test func theHelpDescribesTheOption() throws {
        let help = try runShell(["test", "--help"])
        #expect(help.stdout.contains("--report <DIR>"))
        #expect(help.stdout.contains("DIR/tests/N-NAME/index.html"))
    }

    @Test func theIndexAndAPageLoadInABrowserWithoutErrors() throws {
        guard let browser = BrowserCheck.browserOrSkip() else { return }
        let directory = try Self.assignment()
        let report = directory.path("report")
        _ = try runShell(["test", "--report", report, directory.url.path])
        let index = try BrowserCheck.inspect(URL(fileURLWithPath: report + "/index.html"),
                                             classes: ["verdict", "summary", "name"], browser: browser)
        #expect(index.errors.isEmpty, "\(index.errors)")
        #expect(index.console.isEmpty, "\(index.console)")
        // A verdict cell per test, and a name cell per test.
        #expect(index.counts["verdict"] == 5)
        #expect(index.counts["name"] == 5)
        #expect(index.screenshotColours > 2 && index.screenshotInked > 0.01)
        // Laid out: the totals above the table, every name cell inside the window's width.
        let summary = try #require(index.boxes["summary"]?.first)
        for name in index.boxes["name"] ?? [] {
            #expect(name.y > summary.y + summary.height)
            #expect(name.x + name.width <= 1000)
        }
        let page = try BrowserCheck.inspect(URL(fileURLWithPath: report + "/tests/3-c-q/index.html"),
                                            classes: ["diff-delete", "diff-insert"], browser: browser)
        #expect(page.errors.isEmpty, "\(page.errors)")
        // One line expected, seven printed: the echo and the six lines of the summary.
        #expect(page.counts["diff-delete"] == 1 && page.counts["diff-insert"] == 7)
        #expect(page.screenshotInked > 0.01)
    }
}
