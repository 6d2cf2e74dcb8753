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
