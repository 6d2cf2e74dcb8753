import Foundation
import Testing

/// `sprite-shell test` through the real binary: each test in its own process, every verdict.
/// No assertion reads a duration: a timeout is checked by its verdict.
@Suite("sprite-shell test")
struct TestCommandTests {
    static let cluster = "cluster { network preset v-1983; workstation a; server b }\n"

    /// A folder of tests: name → script, and `.expected` files where given.
    static func folder(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for (name, text) in files {
            let path = directory.path(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            _ = try directory.write(name, text)
        }
        return directory
    }

    /// The output `sprite-shell FILE` gives: what a matching `.expected` holds.
    static func runOutput(_ path: String) throws -> String { try runShell([path]).stdout }

    /// The JSON report, parsed.
    static func json(_ arguments: [String]) throws -> (status: Int32, document: [String: Any]) {
        let result = try runShell(["test", "--format", "json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, try #require(object, "\(result.stdout)\n\(result.stderr)"))
    }

    static func tests(_ document: [String: Any]) -> [[String: Any]] { document["tests"] as? [[String: Any]] ?? [] }

    @Test func aPassAndAFailWithItsDiff() throws {
        let directory = try Self.folder([
            "pass.sprite": "# test: points 5\n# test: description Echo\necho \"hello\"\n",
            "fail.sprite": "# test: points 2\necho \"one\"\necho \"two\"\n",
        ])
        try Self.runOutput(directory.path("pass.sprite")).write(toFile: directory.path("pass.expected"),
                                                                 atomically: true, encoding: .utf8)
        let wrong = try Self.runOutput(directory.path("fail.sprite")).replacingOccurrences(of: "two", with: "three")
        try wrong.write(toFile: directory.path("fail.expected"), atomically: true, encoding: .utf8)
        let result = try runShell(["test", directory.url.path])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("FAIL    fail  ") && $0.hasSuffix("s  0/2") })
        #expect(lines.contains { $0.hasPrefix("PASS    pass  ") && $0.hasSuffix("s  5/5  Echo") })
        #expect(lines.contains("    the output differs from fail.expected"))
        #expect(lines.contains("    -         0s  echo    three"))
        #expect(lines.contains("    +         0s  echo    two"))
        // 5 of 7 points: 71.43%, shown to one decimal.
        #expect(Array(lines.suffix(3)) == ["Tests passed: 1/2", "Points: 5/7 (71.4%)", "1 passed, 1 failed"])
    }

    @Test func everyTestPassingExitsZero() throws {
        let directory = try Self.folder(["a.sprite": "echo \"a\"\n", "b/c.sprite": "echo \"c\"\n"])
        let result = try runShell(["test", "--jobs", "2", directory.url.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("Tests passed: 2/2\nPoints: 2/2 (100%)\n2 passed, 0 failed\n"))
    }

    @Test func parallelJobsReportInTheTestsOrder() throws {
        var files: [String: String] = [:]
        // Tests of different lengths, so that they finish out of order under --jobs 3.
        for index in 0..<6 {
            files["t\(index).sprite"] = Self.cluster + "rpc a -> b count \(index % 2 == 0 ? 3000 : 1)\nrun\n"
        }
        let directory = try Self.folder(files)
        let strip = { (document: [String: Any]) in
            Self.tests(document).map { "\($0["name"] ?? "") \($0["outcome"] ?? "") \($0["status"] ?? "")" }
        }
        let serial = try Self.json([directory.url.path])
        let parallel = try Self.json(["--jobs", "3", directory.url.path])
        #expect(strip(parallel.document) == strip(serial.document))
        #expect(strip(serial.document).first == "t0 pass 0")
        #expect(strip(serial.document).count == 6)
    }

    @Test func aTestThatRunsPastItsTimeoutIsKilled() throws {
        // 100 million calls under a high event limit: far more than a second of work.
        let directory = try Self.folder([
            "long.sprite": "# test: timeout 1s\n# test: limit events=2000000000\n" + Self.cluster
                + "rpc a -> b count 100000000\nrun\n",
        ])
        let (status, document) = try Self.json([directory.url.path])
        #expect(status == 1)
        let test = try #require(Self.tests(document).first)
        #expect(test["outcome"] as? String == "timeout")
        #expect(test["reason"] as? String == "ran past its timeout of 1s; it was killed")
    }

    @Test func aLimitIsReportedByName() throws {
        let directory = try Self.folder([
            "events.sprite": "# test: limit events=1000\n" + Self.cluster + "rpc a -> b count 10000\nrun\n",
            "output.sprite": "# test: limit output=2\necho \"1\"\necho \"2\"\necho \"3\"\n",
        ])
        let (status, document) = try Self.json([directory.url.path])
        #expect(status == 1)
        let tests = Self.tests(document)
        #expect(tests.map { $0["outcome"] as? String } == ["limit", "limit"])
        #expect(tests.map { $0["limit"] as? String } == ["events", "output"])
        #expect(tests.map { $0["status"] as? Int } == [4, 4])
    }

    @Test func theCommandLineLimitIsACeilingOverTheHeader() throws {
        // The header asks for 5,000 events; --limit events=1000 caps it, and 10,000 calls need more.
        let directory = try Self.folder([
            "t.sprite": "# test: limit events=5000\n" + Self.cluster + "rpc a -> b count 10000\nrun\n",
        ])
        let result = try runShell(["test", "--limit", "events=1000", directory.url.path])
        #expect(result.stdout.contains("(--limit events=1000)"), "\(result.stdout)")
        #expect(result.stdout.hasPrefix("LIMIT   t  "))
    }

    @Test func malformedScriptsAndHeadersAreErrors() throws {
        let directory = try Self.folder([
            "header.sprite": "# test: pionts 3\necho \"x\"\n",
            "script.sprite": "ech \"x\"\n",
        ])
        let result = try runShell(["test", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("ERROR   header  "))
        #expect(result.stdout.contains("header.sprite:1:9: error: unknown test setting 'pionts'; did you mean "
                                       + "'points'?"))
        #expect(result.stdout.contains("            ^~~~~~"))
        #expect(result.stdout.contains("ERROR   script  "))
        #expect(result.stdout.contains("script.sprite:1:1: error: unknown statement 'ech'; did you mean 'echo'?"))
    }

    @Test func loadCannotLeaveTheTestsFolder() throws {
        let directory = try Self.folder([
            "course/escape.sprite": "load \"../secret.sprite\"\n",
            "course/inside.sprite": "load \"_common.sprite\"\n",
            "course/_common.sprite": "echo \"common\"\n",
        ])
        _ = try directory.write("secret.sprite", "echo \"SECRET-TEXT\"\n")
        let (_, document) = try Self.json([directory.path("course")])
        let tests = Self.tests(document)
        // _common.sprite is loaded, not run as a test.
        #expect(tests.map { $0["name"] as? String } == ["escape", "inside"])
        #expect(tests.map { $0["outcome"] as? String } == ["error", "pass"])
        #expect((tests.first?["output"] as? String)?.contains("outside the folders load may read") == true)
        #expect(!String(describing: document).contains("SECRET-TEXT"))
    }

    @Test func anAbsolutePathOrASymbolicLinkCannotLeadOutEither() throws {
        let directory = try Self.folder(["course/_placeholder.sprite": "echo \"unused\"\n"])
        let secret = try directory.write("secret.sprite", "echo \"SECRET-TEXT\"\n")
        _ = try directory.write("course/absolute.sprite", "load \"\(secret)\"\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path("course/_link.sprite"),
                                                   withDestinationPath: secret)
        _ = try directory.write("course/through-link.sprite", "load \"_link.sprite\"\n")
        let (_, document) = try Self.json([directory.path("course")])
        let tests = Self.tests(document)
        #expect(tests.map { $0["name"] as? String } == ["absolute", "through-link"])
        // Both are refused before anything of the secret is read: each test is an ERROR, not a pass.
        #expect(tests.map { $0["outcome"] as? String } == ["error", "error"])
        #expect(!String(describing: document).contains("SECRET-TEXT"))
    }

    @Test func aHiddenTestShowsNeitherOutputNorDiff() throws {
        let directory = try Self.folder(["h.sprite": "# test: hidden\necho \"x\"\n"])
        _ = try directory.write("h.expected", "something else\n")
        let plain = try runShell(["test", directory.url.path])
        #expect(plain.stdout.contains("    the output differs from h.expected"))
        #expect(plain.stdout.contains("    (a hidden test: its output is not shown)"))
        #expect(!plain.stdout.contains("something else"))
        let staff = try runShell(["test", "--show-hidden", directory.url.path])
        #expect(staff.stdout.contains("    -something else"))
    }

    @Test func aNegativeTestPassesWhenItsExpectFails() throws {
        let directory = try Self.folder([
            "neg.sprite": "# test: expect-status 1\n" + Self.cluster + "rpc a -> b as call\nrun\n"
                + "expect call.packets == 3\n",
        ])
        let result = try runShell(["test", directory.url.path])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func aCrashInATestIsReportedAndTheRunGoesOn() throws {
        let directory = try Self.folder(["a.sprite": "echo \"a\"\n", "b.sprite": "echo \"b\"\n"])
        // A debug-build option makes each test's process die of SIGSEGV (11) once its limits are set.
        let result = try runShell(["test", "--jobs", "2", "--debug-raise-signal", "11", directory.url.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("CRASH   ") && $0.contains("(SIGSEGV (signal 11))") }.count == 2)
        #expect(lines.last == "0 passed, 2 failed")
    }

    @Test func aTooSmallAddressSpaceCrashesTheTestNotTheGrader() throws {
        // 64MB is less than the Swift runtime itself has mapped: the first allocation fails in the child.
        let directory = try Self.folder(["a.sprite": "echo \"a\"\n"])
        let (status, document) = try Self.json(["--address-space", "64MB", directory.url.path])
        #expect(status == 1)
        #expect(Self.tests(document).first?["outcome"] as? String == "crash")
    }

    @Test func shardsMergeIntoTheWholeRun() throws {
        var files: [String: String] = [:]
        for index in 0..<7 { files["t\(index).sprite"] = index == 3 ? "ech \"x\"\n" : "echo \"\(index)\"\n" }
        let directory = try Self.folder(files)
        var names: [String] = []
        var parts: [String] = []
        for shard in 1...3 {
            let result = try runShell(["test", "--format", "json", "--shard", "\(shard)/3", directory.url.path])
            let part = try directory.write("shard\(shard).json", result.stdout)
            parts.append(part)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            names += Self.tests(object ?? [:]).compactMap { $0["name"] as? String }
        }
        // Round robin over the sorted names: shard 1 has t0, t3, t6; shard 2 t1, t4; shard 3 t2, t5.
        #expect(names == ["t0", "t3", "t6", "t1", "t4", "t2", "t5"])
        let whole = try Self.json([directory.url.path])
        let merged = try Self.json(["--merge"] + parts)
        #expect(merged.status == 1)
        let outcomes = { (document: [String: Any]) in
            Self.tests(document).map { "\($0["name"] ?? "") \($0["outcome"] ?? "")" }
        }
        #expect(outcomes(merged.document) == outcomes(whole.document))
        #expect(outcomes(merged.document).count == 7)
        let incomplete = try runShell(["test", "--merge", parts[0], parts[2]])
        #expect(incomplete.status == 2)
        #expect(incomplete.stderr == "sprite-shell: error: --merge: shard 2/3 missing\n")
    }

    @Test func aSeedDependentVerdictIsReportedWithItsSeeds() throws {
        // 30% loss on each packet: whether the call takes exactly two packets depends on the draws.
        let script = Self.cluster + "link a <-> b loss 30%\nrpc a -> b as call\nrun\nexpect call.packets == 2\n"
        let directory = try Self.folder(["flaky.sprite": script])
        // What each seed gives when run alone is what --repeat must report for it.
        var passing: [String] = [], failing: [String] = []
        for seed in 1...4 {
            let alone = try runShell(["--seed", "\(seed)", directory.path("flaky.sprite")])
            if alone.status == 0 { passing.append("\(seed)") } else { failing.append("\(seed)") }
        }
        try #require(!passing.isEmpty && !failing.isEmpty, "the script must pass under some seeds, not all")
        let result = try runShell(["test", "--repeat", "4", directory.url.path])
        #expect(result.status == 1)
        let label = { (word: String, seeds: [String]) in
            "\(word) with seed\(seeds.count == 1 ? "" : "s") \(seeds.joined(separator: ", "))"
        }
        let order = passing.first == "1" ? [label("PASS", passing), label("FAIL", failing)]
            : [label("FAIL", failing), label("PASS", passing)]
        let report = "Verdicts that depend on the seed:\n    flaky: " + order.joined(separator: "; ")
        #expect(result.stdout.contains(report), "\(result.stdout)")
    }

    @Test("usage errors exit 2", arguments: [
        ["test", "--shard", "4/3", "."], ["test", "--points", "x", "."], ["test", "--timeout", "5", "."],
        ["test", "/nonexistent/folder"], ["test", "--repeat", "0", "."],
    ])
    func usageErrors(arguments: [String]) throws {
        #expect(try runShell(arguments).status == 2)
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let help = try runShell(["help", "test"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("1  a test did not pass"))
        // The per-test process command is not offered to people.
        #expect(!(try runShell(["--help"])).stdout.contains("__child"))
    }
}
