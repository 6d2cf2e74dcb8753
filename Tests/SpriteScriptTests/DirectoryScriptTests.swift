import Testing
import SpriteKernel
@testable import SpriteScript

/// Directories behave as UNIX's do: every directory stats as one, ls reads
/// directories only, rmdir needs an empty directory, mkdir a new name, and a
/// file created under missing directories makes them, as mkdir -p would.
@Suite("Directories")
struct DirectoryScriptTests {
    private let cluster = "cluster { server fs1; workstation a }\ndomain / on fs1\n"

    private func lines(_ sink: BufferSink, _ text: String) -> [String] {
        sink.output.filter { $0.contains(text) }
    }

    @Test func theRootAndEveryDirectoryStatAsDirectories() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on a { stat /; mkdir /d; stat /d; open /e/f rw; close; stat /e; stat /e/f }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "stat /: directory, modified at").count == 1, "\(sink.output)")
        #expect(lines(sink, "stat /d: directory").count == 1, "\(sink.output)")
        #expect(lines(sink, "stat /e: directory").count == 1, "an implicit parent too: \(sink.output)")
        #expect(lines(sink, "stat /e/f: 0B, version 0").count == 1, "\(sink.output)")
    }

    @Test func aDirectoryStatSaysSoInJSON() throws {
        let result = ScriptHarness.run(cluster + "on a { stat /; create /x size 1B; stat /x }\nrun",
                                       options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let stats = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "file.stat")
        #expect(stats.map { $0["directory"] as? Bool } == [true, false])
    }

    @Test func lsReadsDirectoriesOnly() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on a { create /x size 1B }
            try on a { ls /x }
            try on a { ls /nothere }
            on a { ls / }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "ls /x on a FAILED: /x is a file, not a directory").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /nothere on a FAILED: /nothere does not exist").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /: x").count == 1, "\(sink.output)")
        #expect(lines(sink, "(empty)").isEmpty, "\(sink.output)")
    }

    @Test func onlyAnEmptyDirectoryCanBeDeleted() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            on a { mkdir /d; open /d/f rw; write "x"; close }
            try on a { delete /d }
            on a { ls /d; delete /d/f; delete /d }
            try on a { stat /d }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "delete /d on a FAILED: /d is a directory that is not empty").count == 1,
                "\(sink.output)")
        #expect(lines(sink, "ls /d: f").count == 1, "the failed delete left the file: \(sink.output)")
        #expect(lines(sink, "stat /d on a FAILED: /d does not exist").count == 1, "\(sink.output)")
        #expect(session.interpreter.simulation.files.isEmpty)
    }

    @Test func aFileUnderMissingDirectoriesMakesThemAsMkdirPWould() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            on a { open /e/g/f rw; write "x"; close }
            on a { ls /; ls /e; delete /e/g/f; stat /e/g }
            try on a { delete /e }
            run
            show files
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "ls /: e").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /e: g").count == 1, "\(sink.output)")
        #expect(lines(sink, "stat /e/g: directory").count == 1, "it outlives its last file: \(sink.output)")
        #expect(lines(sink, "delete /e on a FAILED: /e is a directory that is not empty").count == 1)
        let files = session.interpreter.simulation.files
        #expect(files.map(\.path) == ["/e", "/e/g"] && files.allSatisfy(\.isDirectory))
        #expect(sink.output.contains("files (2)"), "show files lists them: \(sink.output)")
    }

    @Test func mkdirOfAnExistingNameFailsAsFileExists() throws {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on a { create /x size 1B; mkdir /d; create /i/f size 1B }
            try on a { mkdir /x; mkdir /d; mkdir /; mkdir /i }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        for path in ["/x", "/d", "/", "/i"] {
            #expect(lines(sink, "mkdir \(path) on a FAILED: \(path) already exists").count == 1, "\(sink.output)")
        }
        let json = ScriptHarness.run(cluster + "try on a { mkdir / }\nrun",
                                     options: ScriptHarness.options(format: .json))
        let failed = ScriptHarness.events(try ScriptHarness.jsonObjects(json.sink.output), "op.failed")
        #expect(failed.first?["reason"] as? String == "file-exists")
    }

    /// create makes a new file, as mkdir makes a new directory: it does not
    /// silently keep an existing file while reporting a new size.
    @Test func createOfAnExistingFileFailsAsFileExists() {
        let (status, sink, session) = ScriptHarness.run(cluster + """
            on a { create /x size 1B }
            try on a { create /x size 2B }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "create /x on a FAILED: /x already exists").count == 1, "\(sink.output)")
        #expect(session.interpreter.simulation.file(atPath: "/x")?.size == 1)
    }

    @Test func aNameBelowARegularFileIsNotADirectory() {
        let (status, sink, _) = ScriptHarness.run(cluster + """
            on a { create /x size 1B }
            try on a { stat /x/y; ls /x/y; delete /x/y }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        for verb in ["stat", "ls", "delete"] {
            #expect(lines(sink, "\(verb) /x/y on a FAILED: /x is a file, not a directory").count == 1,
                    "\(sink.output)")
        }
    }

    /// Another server's domain shows in its parent's listing, as a Sprite
    /// remote link does, and its root cannot be deleted.
    @Test func domainRootsAreDirectoriesThatStay() {
        let (status, sink, _) = ScriptHarness.run("""
            cluster { server fs1, fs2; workstation a }
            domain / on fs1
            domain /users on fs2
            on a { stat /users; ls / }
            try on a { delete /users }
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(lines(sink, "stat /users: directory").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /: users").count == 1, "\(sink.output)")
        #expect(lines(sink, "/users is the root of a domain or an export and cannot be deleted").count == 1)
    }
}
