import Foundation
import Testing
import SpriteScript

/// The README's picture is drawn by Scripts/update-pictures from an example; it must be what the current
/// build draws, byte for byte.
struct ReadmePictureTests {
    @Test("docs/pictures/jack-and-jill.svg is what Examples/pictures/jack-and-jill.sprite exports now")
    func jackAndJillIsFresh() throws {
        let exports = try ExportFolder()
        let result = try GoldenTests.run("Examples/pictures/jack-and-jill.sprite", exportFolder: exports.path)
        #expect(result.status == .ok, "\(result.errors)")
        let picture = GoldenTests.root.appendingPathComponent("docs/pictures/jack-and-jill.svg")
        let committed = try String(contentsOf: picture, encoding: .utf8)
        #expect(committed == (try exports.read("jack-and-jill.svg")),
                "docs/pictures/jack-and-jill.svg is stale: run Scripts/update-pictures")
        #expect(try String(contentsOf: GoldenTests.root.appendingPathComponent("README.md"), encoding: .utf8)
            .contains("](docs/pictures/jack-and-jill.svg)"), "the README shows the picture")
    }
}
