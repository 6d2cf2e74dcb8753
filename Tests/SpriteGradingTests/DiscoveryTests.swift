import Foundation
import Testing
@testable import SpriteGrading

/// A fresh folder for one test's files, removed afterwards.
final class Folder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("grading-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String = "echo \"x\"\n") throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }
}

@Suite("test discovery")
struct DiscoveryTests {
    @Test func foldersAreSearchedRecursivelyAndSortedByName() throws {
        let folder = try Folder()
        try folder.write("b.sprite")
        try folder.write("a/z.sprite")
        try folder.write("a/deep/y.sprite")
        try folder.write("a/deep/y.expected", "out\n")
        try folder.write("notes.txt")
        try folder.write("_lib/helper.sprite")
        try folder.write("_common.sprite")
        try folder.write(".hidden/x.sprite")
        let tests = try TestDiscovery.discover([folder.path])
        #expect(tests.map(\.name) == ["a/deep/y", "a/z", "b"])
        #expect(tests.first?.expectedPath == folder.path + "/a/deep/y.expected")
        #expect(tests.last?.expectedPath == nil)
        #expect(tests.first?.path == folder.path + "/a/deep/y.sprite")
    }

    @Test func aFileReachedTwiceRunsOnce() throws {
        let folder = try Folder()
        let file = try folder.write("t1.sprite")
        try folder.write("t2.sprite")
        let tests = try TestDiscovery.discover([file, folder.path, folder.path + "/./t1.sprite"])
        #expect(tests.map(\.name) == ["t1", "t2"])
    }

    @Test func aFileGivenByNameRunsWhateverItsName() throws {
        let folder = try Folder()
        let file = try folder.write("_special.sprite")
        #expect(try TestDiscovery.discover([file]).map(\.name) == ["_special"])
    }

    @Test func twoTestsOfOneNameAreRefused() throws {
        let folder = try Folder()
        try folder.write("a/t.sprite")
        try folder.write("b/t.sprite")
        #expect(throws: TestDiscovery.Failure.self) {
            try TestDiscovery.discover([folder.path + "/a", folder.path + "/b"])
        }
        #expect(try TestDiscovery.discover([folder.path]).map(\.name) == ["a/t", "b/t"])
    }

    @Test func aMissingPathIsRefused() throws {
        #expect(throws: TestDiscovery.Failure.self) { try TestDiscovery.discover(["/nonexistent/tests"]) }
    }
}

/// Nothing under a folder is left out without a word: what cannot be graded is an ERROR entry of its own.
@Suite("test discovery: links, names and depth")
struct DiscoveryProblemTests {
    static func link(_ folder: Folder, _ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + name, withDestinationPath: target)
    }

    /// `a.sprite -> z.sprite` sorts first; before, it took z's place and z's `.expected` was never compared.
    @Test func aLinkToATestInsideIsATestOfItsOwnAndTheTargetStays() throws {
        let folder = try Folder()
        try folder.write("z.sprite")
        try folder.write("z.expected", "right\n")
        try Self.link(folder, "a.sprite", to: "z.sprite")
        let tests = try TestDiscovery.discover([folder.path])
        #expect(tests.map(\.name) == ["a", "z"])
        #expect(tests.allSatisfy { $0.problem == nil })
        #expect(tests.last?.expectedPath == folder.path + "/z.expected")
    }

    @Test func aLinkOutOfTheFolderIsAnError() throws {
        let outside = try Folder()
        let secret = try outside.write("secret.sprite")
        let folder = try Folder()
        try folder.write("t/ok.sprite")
        try Self.link(folder, "t/yy.sprite", to: secret)
        try Self.link(folder, "t/zz.sprite", to: "/etc/passwd")
        let tests = try TestDiscovery.discover([folder.path + "/t"])
        #expect(tests.map(\.name) == ["ok", "yy", "zz"])
        #expect(tests[0].problem == nil)
        #expect(tests[1].problem == "a symbolic link that leads out of the folder given; it is not followed")
        #expect(tests[2].problem == tests[1].problem)
    }

    @Test func anExpectedFileLinkedOutOfTheFolderIsRefused() throws {
        let folder = try Folder()
        try folder.write("t.sprite")
        try Self.link(folder, "t.expected", to: "/etc/passwd")
        let test = try #require(try TestDiscovery.discover([folder.path]).first)
        #expect(test.expectedPath == nil)
        #expect(test.problem?.hasPrefix("t.expected is a symbolic link that leads out") == true)
    }

    @Test func aLinkToAFolderIsReportedNotSkipped() throws {
        let folder = try Folder()
        try folder.write("shared/w1/a.sprite")
        try folder.write("tests/b.sprite")
        try Self.link(folder, "tests/w1", to: "../shared/w1")
        try Self.link(folder, "tests/_lib", to: "../shared")
        let tests = try TestDiscovery.discover([folder.path + "/tests"])
        #expect(tests.map(\.name) == ["b", "w1/"])
        #expect(tests.last?.problem?.hasPrefix("a symbolic link that leads out") == true)
        let inside = try TestDiscovery.discover([folder.path])
        #expect(inside.map(\.name) == ["shared/w1/a", "tests/b", "tests/w1/"])
        #expect(inside.last?.problem?.hasPrefix("a symbolic link to a folder") == true)
    }

    @Test func aNameThatIsNotUTF8IsAnError() throws {
        let folder = try Folder()
        try folder.write("good.sprite")
        let raw = Array(folder.path.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array("name.sprite".utf8) + [0]
        let descriptor = raw.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { open($0, O_CREAT | O_WRONLY, 0o644) } ?? -1
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let tests = try TestDiscovery.discover([folder.path])
        #expect(tests.map(\.name) == ["bad\\xff\\xfename", "good"])
        #expect(tests.first?.problem == "its name is not UTF-8 text; rename it")
    }

    @Test func aFolderTooDeepIsReported() throws {
        let folder = try Folder()
        let deep = (0..<34).map { "d\($0)" }.joined(separator: "/")
        try folder.write(deep + "/deep.sprite")
        try folder.write("top.sprite")
        let tests = try TestDiscovery.discover([folder.path])
        // The folder given is level 0 and d0 level 1: d0 … d31 (levels 1 to 32) are searched, and d32, the
        // first folder past maxDepth, is reported with the path that leads to it.
        #expect(tests.count == 2)
        #expect(tests.first?.name == (0..<33).map { "d\($0)" }.joined(separator: "/") + "/")
        #expect(tests.first?.problem?.hasPrefix("a folder nested more than 32 deep") == true)
    }

    @Test func namesSortByTheirBytes() throws {
        let folder = try Folder()
        for name in ["week1/a.sprite", "week1-extra/a.sprite", "Zeta.sprite", "alpha.sprite"] { try folder.write(name) }
        // '-' is 0x2D and '/' 0x2F; 'Z' 0x5A before 'a' 0x61.
        #expect(try TestDiscovery.discover([folder.path]).map(\.name) == ["Zeta", "alpha", "week1-extra/a", "week1/a"])
    }
}
