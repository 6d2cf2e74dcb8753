import Foundation
import SpriteKernel
import Testing
@testable import SpriteScript

// The file-system script tests continue here (FileSystemScriptTests.swift has the
// harness, check errors, runtime behaviour and verdicts): tables, directories,
// long runs of steps, and inputs found by fuzzing.

// MARK: - show tables

@Suite("File system statements: show tables")
struct ShowFileSystemScriptTests {
    @Test func namespaceAndCacheTables() throws {
        let (status, sink, _) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            domain /users on fs2
            consistency sprite
            cache client policy delayed-write
            on ws1 { open /users/a rw; write "x"; close }
            on ws2 { open /etc/b rw; write "yy" }
            advance 1s
            move domain /users to fs3
            show prefixes
            show prefixes ws2
            show cache ws2
            show domains
            show files
            show history
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        let objects = try FSScript.objects(sink)

        let prefixes = try FSScript.table(objects, "prefix tables")
        let prefixRows = prefixes.rows.map { "\($0["node"]!) \($0["prefix"]!) \($0["server"]!) \($0["hint"]!)" }
        #expect(prefixRows == ["ws1 /users fs2 stale", "ws2 / fs1 current"])
        let only = FSScript.events(objects, "show").filter { $0["what"] as? String == "prefix tables" }
        #expect((only.last?["rows"] as? [[String: Any]])?.count == 1, "show prefixes ws2 has ws2's rows only")

        let cache = try FSScript.table(objects, "cache of ws2")
        #expect(cache.title == "cache of ws2 (on, 1 of 1024 blocks, delayed-write)")
        #expect(cache.rows.count == 1)
        #expect(cache.rows.first?["path"] as? String == "/etc/b")
        #expect(cache.rows.first?["dirty"] as? Bool == true)
        #expect(cache.rows.first?["dirty_since_t"] is Int)
        #expect(cache.rows.first?["size_bytes"] as? Int == 2)
        #expect(cache.rows.first?["caching"] as? String == "on")
        #expect(cache.rows.first?["content"] as? String == "yy")
        #expect(cache.rows.first?["timeout_ns"] is NSNull, "no attribute timeout outside nfs")

        let domains = try FSScript.table(objects, "domains")
        #expect(domains.rows.map { "\($0["prefix"]!)=\($0["server"]!)" } == ["/=fs1", "/users=fs3"])

        let files = try FSScript.table(objects, "files")
        #expect(files.title == "files (3)", "/etc/b, its directory /etc, and /users/a")
        let byPath = Dictionary(uniqueKeysWithValues: files.rows.map { ($0["path"] as? String ?? "", $0) })
        #expect(byPath["/users/a"]?["server"] as? String == "fs3")
        #expect(byPath["/etc/b"]?["server"] as? String == "fs1")
        #expect(byPath["/etc/b"]?["version"] as? Int == 0, "the write is still dirty at ws2")
        #expect(byPath["/etc"]?["directory"] as? Bool == true)

        let history = try FSScript.table(objects, "history")
        #expect(history.title == "history (5 events)")
        #expect(history.rows.map { $0["operation"] as? String ?? "" }.sorted()
                == ["close", "open rw", "open rw", "write", "write"])
        #expect(history.rows.filter { $0["node"] as? String == "ws2" }.count == 2)
    }

    @Test func theCacheTableShowsDisabledCachingAndNFSTimeouts() throws {
        var (status, sink, _) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            consistency sprite
            on ws1 { open /board rw; write "a" }
            advance 1s
            on ws2 { open /board rw; write "b" }
            advance 1s
            show cache ws1
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        var cache = try FSScript.table(try FSScript.objects(sink), "cache of ws1")
        // Caching is disabled: the dirty data went back to the server and no copy is kept.
        #expect(cache.rows.isEmpty, "\(cache.rows)")

        (status, sink, _) = FSScript.run(FSScript.cluster + """
            domain / on fs1
            consistency nfs timeout 7s
            cache client policy write-through
            cache ws2 on size 64KB
            on ws2 { open /n rw; write "n"; close }
            advance 1s
            show cache ws2
            cache ws2 off
            show cache ws2
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        let objects = try FSScript.objects(sink)
        cache = try FSScript.table(objects, "cache of ws2 (on")
        #expect(cache.title == "cache of ws2 (on, 1 of 16 blocks, write-through)")
        #expect(cache.rows.first?["timeout_ns"] as? Int == 7_000_000_000)
        #expect(cache.rows.first?["version"] as? Int == 1)
        let off = try FSScript.table(objects, "cache of ws2 (off")
        #expect(off.rows.isEmpty, "turning the cache off drops clean files")
    }

    @Test func mountsTableAndNFSNames() throws {
        let (status, sink, session) = FSScript.run(FSScript.cluster + """
            export /export/home on fs1
            consistency nfs
            cache client policy write-through
            mount fs1:/export/home on /home at ws1
            mount fs1:/export/home on /users at ws2
            automount /net at ws3
            run
            on ws1 { open /home/jack/todo rw; write "write the report"; close }
            run
            on ws2 { open /users/jack/todo r; read; close }
            on ws3 { open /net/fs1/export/home/jack/todo r; read; close }
            run
            expect read ws2 /users/jack/todo == "write the report"
            expect read ws3 /net/fs1/export/home/jack/todo == "write the report"
            expect read ws2 /fs1/export/home/jack/todo == "write the report"
            expect stats.broadcasts == 0
            show mounts
            show files
            try mount fs1:/etc on /etc at ws1
            run
            """, format: .json)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.expectationsPassed == 4)
        let objects = try FSScript.objects(sink)
        let mounts = try FSScript.table(objects, "mounts")
        let rows = mounts.rows.map { row in
            let automounted = (row["automounted"] as? Bool).map { $0 ? "automount" : "mount" } ?? "?"
            return "\(row["node"]!) \(row["point"]!) \(row["server"]!):\(row["remote"]!) \(automounted)"
        }
        #expect(rows == ["ws1 /home fs1:/export/home mount", "ws2 /users fs1:/export/home mount",
                         "ws3 /net/fs1 fs1:/ automount"])
        #expect(mounts.notes == ["  fs1 exports /export/home"])
        let files = try FSScript.table(objects, "files")
        // jack is made as mkdir -p would; the export's root needs no record.
        #expect(files.rows.map { $0["path"] as? String ?? "" }
                == ["/fs1/export/home/jack", "/fs1/export/home/jack/todo"])
        // Both clients' reads name the one file by its super-root name.
        let reads = FSScript.events(objects, "file.read")
        #expect(reads.map { $0["path"] as? String ?? "" }
                == ["/fs1/export/home/jack/todo", "/fs1/export/home/jack/todo"])
        let mounted = FSScript.events(objects, "nfs.mount")
        #expect(mounted.filter { $0["automounted"] as? Bool == true }.count == 1)
        let failures = FSScript.events(objects, "op.failed")
        #expect(failures.map { $0["reason"] as? String ?? "" } == ["not-exported"])
        #expect(failures.first?["message"] as? String == "fs1 does not export /etc")
        let simulation = session.interpreter.simulation
        let ws1 = try #require(simulation.node(named: "ws1"))
        #expect(simulation.mounts(of: ws1).map(\.point) == ["/home"], "the refused mount left nothing behind")
    }
}

@Suite("File system statements: directories")
struct DirectoryOpenTests {
    @Test func openingADirectoryFailsAsARuntimeError() {
        let sink = BufferSink()
        let session = Session(options: SessionOptions(), sink: sink)
        let status = session.runScript(SourceFile(name: "dir.sprite", text: """
            cluster { server fs1; workstation a }
            domain / on fs1
            on a { mkdir /d }
            run
            on a { open /d rw }
            """))
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("/d is a directory") == true, "\(sink.errors)")
    }

    @Test func theRootIsADirectoryToo() {
        let sink = BufferSink()
        let session = Session(options: SessionOptions(), sink: sink)
        let status = session.runScript(SourceFile(name: "root.sprite", text: """
            cluster { server fs1; workstation a }
            domain / on fs1
            on a { try open / rw as o }
            run
            expect o.status == "failed"
            """))
        #expect(status == .ok, "\(sink.errors)")
        #expect(sink.output.contains { $0.contains("/ is a directory") })
    }
}

@Suite("File system statements: long runs of steps")
struct LongStepRunTests {
    /// Steps that fail at once used to start the next step from inside the
    /// failing one, one stack frame deeper each time.
    @Test func thirtyThousandFailingStepsDoNotExhaustTheStack() {
        let sink = BufferSink()
        var options = SessionOptions()
        options.format = .text
        let session = Session(options: options, sink: sink)
        let steps = Array(repeating: "try read /x", count: 30_000).joined(separator: "; ")
        let status = session.runScript(SourceFile(name: "deep.sprite", text: """
            cluster { server fs1; workstation a }
            domain / on fs1
            trace off
            on a { \(steps) }
            run
            expect stats.failed == 30000
            """))
        #expect(status == .ok, "\(sink.errors.prefix(3))")
    }
}

@Suite("File system statements: found by fuzzing")
struct FuzzRegressionTests {
    private func run(_ text: String) -> (SpriteScript.ExitStatus, BufferSink) {
        let sink = BufferSink()
        let status = Session(options: SessionOptions(), sink: sink).runScript(SourceFile(name: "f.sprite", text: text))
        return (status, sink)
    }

    /// A daemon's write-back to a partitioned server used to fail its
    /// (non-existent) operation and trap; now the data simply stays dirty.
    @Test func aWriteBackThatCannotReachTheServerKeepsTheDataDirty() {
        let (status, sink) = run("""
            cluster { server fs1; workstation ws1 }
            domain / on fs1
            on ws1 { open /f rw; write "x" }
            advance 1s
            partition ws1 | fs1
            run
            show cache ws1
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(sink.output.contains { $0.contains("/f") && $0.contains("dirty since") })
    }

    /// A super-root name the server does not export used to be retried for ever.
    @Test func anUnexportedSuperRootNameFails() {
        let (status, sink) = run("""
            cluster { server fs1 }
            export /a on fs1
            on fs1 { stat /fs1/b }
            """)
        #expect(status == .runtimeError)
        #expect(sink.errors.first?.contains("fs1 does not export /fs1/b") == true, "\(sink.errors)")
    }
}
