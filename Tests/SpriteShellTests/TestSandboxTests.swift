import Foundation
import Testing

/// Under `sprite-shell test` a scenario cannot reach the host beyond what the command line allows, and every
/// run limit it reaches is its verdict, LIMIT with the limit's name. (Loads through `..`, an absolute path or
/// a symbolic link are in TestCommandTests; events and output limits too.)
@Suite("sprite-shell test: the sandbox and every limit")
struct TestSandboxTests {
    static let cluster = TestCommandTests.cluster
    static let fileCluster = "cluster { network ethernet; server fs1; workstation ws1 }\ndomain / on fs1\n"

    /// One script per limit, each lowering that limit in its header and going past it:
    /// - time: an `at 2s` block under time=1s;
    /// - wall: 100 million calls (far more than a second of work) under wall=1s, events raised out of the way;
    /// - nodes: three nodes under nodes=2; processes: a third spawn under processes=2;
    /// - file-bytes: a 1KB write under file-bytes=100B;
    /// - statements: five statements under statements=3;
    /// - memory: 10,000 bytes of file text under memory=50 (50 records of 128 bytes = 6,400 bytes);
    /// - events and output as in TestCommandTests, so that this list holds every limit.
    static let scripts: [(name: String, header: String, body: String)] = [
        ("events", "events=1000", cluster + "rpc a -> b count 10000\nrun\n"),
        ("time", "time=1s", cluster + "at 2s { echo \"late\" }\nrun\n"),
        ("wall", "wall=1s, events=2000000000", cluster + "rpc a -> b count 100000000\nrun\n"),
        ("nodes", "nodes=2", "cluster { network preset v-1983; workstation a, c; server b }\n"),
        ("processes", "processes=2", "cluster { workstation a }\nprogram p { compute 1ms }\n"
            + "spawn p as p1 on a\nspawn p as p2 on a\nspawn p as p3 on a\nrun\n"),
        ("file-bytes", "file-bytes=100B", fileCluster + "on ws1 { open /f rw; write 1KB; close }\nrun\n"),
        ("statements", "statements=3", (1...5).map { "echo \"\($0)\"\n" }.joined()),
        ("output", "output=2", "echo \"1\"\necho \"2\"\necho \"3\"\n"),
        ("memory", "memory=50", fileCluster + "on ws1 { open /f w; write \"\(String(repeating: "x", count: 10_000))\" }"
            + "\nrun\n"),
    ]

    @Test("every limit reached is the verdict LIMIT with the limit's name")
    func everyLimitByName() throws {
        var files: [String: String] = [:]
        for script in Self.scripts {
            files[script.name + ".sprite"] = "# test: timeout 60s\n# test: limit \(script.header)\n" + script.body
        }
        let directory = try TestCommandTests.folder(files)
        let (status, document) = try TestCommandTests.json(["--jobs", "2", directory.url.path])
        #expect(status == 1)
        let tests = TestCommandTests.tests(document)
        // Tests are reported in name order.
        let names = Self.scripts.map(\.name).sorted()
        #expect(tests.map { $0["name"] as? String } == names)
        #expect(tests.map { $0["outcome"] as? String } == names.map { _ in "limit" })
        #expect(tests.map { $0["limit"] as? String } == names)
        // Every name the language has is here.
        #expect(Set(names) == ["events", "time", "wall", "nodes", "processes", "file-bytes", "statements",
                               "output", "memory"])
        let human = try runShell(["test", directory.url.path])
        #expect(human.stdout.contains("LIMIT   memory"), "\(human.stdout)")
    }

    /// A scenario's files live in the simulation: a path with `..` is not a path there (an ERROR with its
    /// diagnostic), and an absolute one names a simulated file, however host-like it reads. Neither creates
    /// anything on the host's disk.
    @Test("a scenario's writes never reach the host's disk")
    func writesStayInTheSimulation() throws {
        let directory = try TestCommandTests.folder(["course/_placeholder.sprite": "echo \"unused\"\n"])
        let outside = directory.path("escaped.sprite")
        _ = try directory.write("course/relative.sprite", Self.fileCluster
                                + "on ws1 { open ../escaped.sprite rw; write \"x\"; close }\nrun\n")
        _ = try directory.write("course/absolute.sprite", Self.fileCluster
                                + "on ws1 { open \(outside) rw; write \"x\"; close }\nrun\n")
        let (_, document) = try TestCommandTests.json([directory.path("course")])
        let tests = TestCommandTests.tests(document)
        #expect(tests.map { $0["name"] as? String } == ["absolute", "relative"])
        #expect(tests.map { $0["outcome"] as? String } == ["pass", "error"])
        #expect((tests.last?["output"] as? String)?.contains("error: expected a file path like /users/notes, "
                                                             + "found '..'") == true)
        #expect(!FileManager.default.fileExists(atPath: outside))
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        #expect(listing == ["course"])
    }

    /// `load` of a host file that is not a script, or through `..` inside the folder, is refused before it is
    /// read: an ERROR whose output quotes nothing of the file.
    @Test("load is refused for host files and for '..' that climbs out")
    func loadRefusals() throws {
        let directory = try TestCommandTests.folder([
            "course/passwd.sprite": "load \"/etc/passwd\"\n",
            "course/climb.sprite": "load \"sub/../../secret.sprite\"\n",
            "course/sub/_inner.sprite": "echo \"inner\"\n",
        ])
        _ = try directory.write("secret.sprite", "echo \"SECRET-TEXT\"\n")
        let (status, document) = try TestCommandTests.json([directory.path("course")])
        #expect(status == 1)
        let tests = TestCommandTests.tests(document)
        #expect(tests.map { $0["name"] as? String } == ["climb", "passwd"])
        #expect(tests.map { $0["outcome"] as? String } == ["error", "error"])
        for test in tests {
            #expect((test["output"] as? String)?.contains("it is outside the folders load may read") == true)
        }
        #expect(!String(describing: document).contains("SECRET-TEXT"))
        #expect(!String(describing: document).contains("root:"))
    }
}
