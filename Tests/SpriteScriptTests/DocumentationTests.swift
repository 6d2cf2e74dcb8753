import Foundation
import Testing
@testable import SpriteScript

/// The language reference must cover every statement the registry knows,
/// with its usage exactly as `help` prints it.
struct DocumentationTests {
    static let language: String = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)) ?? ""
    }()

    @Test func languageReferenceExists() {
        #expect(!Self.language.isEmpty, "docs/LANGUAGE.md is missing")
    }

    @Test(arguments: StatementRegistry.helpEntries.map(\.topic))
    func everyStatementHasASection(_ topic: String) throws {
        #expect(Self.language.contains("### `\(topic)`"), "docs/LANGUAGE.md has no section for \(topic)")
        let entry = try #require(HelpStatement.entry(for: topic))
        for line in entry.usage {
            #expect(Self.language.contains(line), "docs/LANGUAGE.md lacks the usage line: \(line)")
        }
    }
}
