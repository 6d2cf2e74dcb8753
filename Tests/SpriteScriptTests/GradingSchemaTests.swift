import Foundation
import Testing

/// docs/grading.schema.json describes what `sprite-shell test --format json` prints: the example in
/// docs/GRADING.md (a real run's output) must validate against it, and the page must name every field.
@Suite("grading JSON schema")
struct GradingSchemaTests {
    static let root = GoldenTests.root

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The ```json blocks of docs/GRADING.md.
    static func examples() throws -> [String] { try blocks(fencedAs: "```json") }

    /// The blocks of docs/GRADING.md whose opening fence is exactly `fence`.
    static func blocks(fencedAs fence: String) throws -> [String] {
        let text = try read("docs/GRADING.md")
        var blocks: [String] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == fence {
                current = []
            } else if line == "```", let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(String(line))
            }
        }
        return blocks
    }

    @Test func theExampleValidates() throws {
        let validator = try JSONSchemaValidator(schema: ParsedJSON.parse(Self.read("docs/grading.schema.json")))
        let examples = try Self.examples()
        #expect(!examples.isEmpty, "docs/GRADING.md has no JSON example")
        for example in examples {
            let errors = validator.errors(try ParsedJSON.parse(example))
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test func thePageNamesEveryField() throws {
        let schema = try ParsedJSON.parse(Self.read("docs/grading.schema.json"))
        let page = try Self.read("docs/GRADING.md")
        let fields = schema["properties"]?.keys ?? []
        let testFields = schema["$defs"]?["test"]?["properties"]?.keys ?? []
        #expect(fields.count == 13 && testFields.count == 15)
        for field in fields + testFields { #expect(page.contains("`\(field)`") || page.contains(field + "`")) }
    }
}
