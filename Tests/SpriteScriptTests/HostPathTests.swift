import Testing
import SpriteScript

/// Host paths are split as text, for every name a command line can give.
struct HostPathTests {
    @Test(arguments: [
        ("dir/a.sprite", "dir", "a.sprite"), ("/a.sprite", "/", "a.sprite"), ("a.sprite", "", "a.sprite"),
        ("a", "", "a"), ("-", "", "-"), ("a/", "", "a"), (".", "", "."), ("/", "/", "/"),
        ("x/y/", "x", "y"), ("//a", "/", "a"),
    ])
    func splits(path: String, folder: String, last: String) {
        #expect(HostPath.folder(of: path) == folder)
        #expect(HostPath.lastComponent(of: path) == last)
    }

    @Test func joins() {
        #expect(HostPath.join("", "a") == "a")
        #expect(HostPath.join("/", "a") == "/a")
        #expect(HostPath.join("x", "a") == "x/a")
    }
}
