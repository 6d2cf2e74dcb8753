import Testing
import SpriteKernel

/// Simulated path names: normalised in one place, and the small rules of
/// directories (nothing under a regular file; the root cannot go).
@Suite struct FilePathTests {
    @Test(arguments: [
        ("/", "/"), ("/x", "/x"), ("/d/../x", "/x"), ("/./x", "/x"), ("//x", "/x"), ("/x/", "/x"),
        ("/a/b/./../c//d/", "/a/c/d"), ("/..", "/"), ("/../../x", "/x"), ("/a/..", "/"), ("/...", "/..."),
        ("/a/.b/..c", "/a/.b/..c"), ("x/y", "/x/y"), ("", "/"), ("/a/b/..", "/a"),
    ])
    func normalize(_ path: String, _ expected: String) {
        #expect(FilePath.normalize(path) == expected)
        #expect(FilePath.normalize(expected) == expected)
    }

    @Test func ancestorsAreTheDirectoriesAbove() {
        #expect(FilePath.ancestors(of: "/a/b/c") == ["/a/b", "/a"])
        #expect(FilePath.ancestors(of: "/a").isEmpty)
        #expect(FilePath.ancestors(of: "/").isEmpty)
    }

    private func cluster() throws -> Simulation {
        let sim = Simulation(network: NetworkConfig(preset: .zero))
        try sim.addNode(NodeSpec(name: "fs1", role: .server))
        try sim.addNode(NodeSpec(name: "ws1", role: .workstation))
        sim.setDomain("/", server: 0)
        return sim
    }

    @Test func aFileOpenedThroughDotDotIsTheSameFile() throws {
        let sim = try cluster()
        _ = sim.openFile(on: 1, path: "/d/../x", writable: true)
        _ = sim.writeFile(on: 1, path: nil, text: Array("hi".utf8), size: 2, append: false)
        _ = sim.closeFile(on: 1, path: "/./x")
        let stat = sim.statFile(on: 1, path: "//x/")
        sim.runToIdle()
        #expect(try sim.op(stat).status == .done)
        #expect(sim.file(atPath: "/x") != nil)
        #expect(sim.file(atPath: "/d/../x")?.path == "/x")
        #expect(sim.files.map(\.path) == ["/x"])
    }

    @Test func nothingIsCreatedUnderARegularFile() throws {
        let sim = try cluster()
        _ = sim.createFile(on: 1, path: "/x", size: 1, directory: false)
        sim.runToIdle()
        let mkdir = sim.createFile(on: 1, path: "/x/y", size: 0, directory: true)
        let create = sim.createFile(on: 1, path: "/x/y/z", size: 1, directory: false)
        let open = sim.openFile(on: 1, path: "/x/w", writable: true)
        let mkdirOfFile = sim.createFile(on: 1, path: "/x", size: 0, directory: true)
        sim.runToIdle()
        for op in [mkdir, create, open] {
            #expect(try sim.op(op).status == .failed(.notADirectory(path: "/x")))
        }
        #expect(try sim.op(mkdirOfFile).status == .failed(.fileExists(path: "/x")))
        #expect(sim.files.map(\.path) == ["/x"])
    }

    @Test func aDirectoryWithFilesBelowIsNotAFile() throws {
        let sim = try cluster()
        _ = sim.createFile(on: 1, path: "/d/f", size: 1, directory: false)
        sim.runToIdle()
        let open = sim.openFile(on: 1, path: "/d", writable: true)
        let create = sim.createFile(on: 1, path: "/d", size: 1, directory: false)
        sim.runToIdle()
        #expect(try sim.op(open).status == .failed(.isDirectory(path: "/d")))
        #expect(try sim.op(create).status == .failed(.isDirectory(path: "/d")))
        // Made as mkdir -p would, /d outlives its last file, until it is deleted itself.
        _ = sim.deleteFile(on: 1, path: "/d/f")
        let still = sim.openFile(on: 1, path: "/d", writable: true)
        sim.runToIdle()
        #expect(try sim.op(still).status == .failed(.isDirectory(path: "/d")))
        _ = sim.deleteFile(on: 1, path: "/d")
        let again = sim.openFile(on: 1, path: "/d", writable: true)
        sim.runToIdle()
        #expect(try sim.op(again).status == .done)
    }

    @Test func theRootCannotBeDeleted() throws {
        let sim = try cluster()
        let delete = sim.deleteFile(on: 1, path: "/a/..")
        sim.runToIdle()
        #expect(try sim.op(delete).status == .failed(.rootDirectory(path: "/")))
    }

    @Test func theNamespaceUsesNormalisedNames() throws {
        let sim = try cluster()
        sim.setDomain("/users/", server: 0)
        #expect(sim.domains.map(\.prefix) == ["/", "/users"])
        #expect(sim.domainToken("/users/./") == sim.domainToken("/users"))
        sim.export("/export/home/", on: 0)
        #expect(sim.exports(of: 0) == ["/export/home"])
        _ = sim.mount(on: 1, server: 0, remote: "/export//home", at: "/home/")
        sim.runToIdle()
        #expect(sim.mounts(of: 1).map(\.point) == ["/home"])
        #expect(sim.canonicalPath("/home/../home/./notes", node: 1) == "/fs1/export/home/notes")
    }
}
