import Foundation
import Testing

/// docs/gradescope.schema.json is Gradescope's published results.json field list written as a schema.
/// What `sprite-shell test --gradescope` wrote for docs/GRADING.md and for the example assignment (kept
/// fresh by AssignmentTests) must validate against it.
@Suite("Gradescope results schema")
struct GradescopeSchemaTests {
    static let root = GoldenTests.root

    /// The blocks of docs/GRADING.md fenced as ```json gradescope.
    static func examples() throws -> [String] { try GradingSchemaTests.blocks(fencedAs: "```json gradescope") }

    @Test func theWrittenResultsValidate() throws {
        let validator = try JSONSchemaValidator(schema: ParsedJSON.parse(
            GradingSchemaTests.read("docs/gradescope.schema.json")))
        let documents = try Self.examples() + [GradingSchemaTests.read("Examples/assignment/expected/results.json")]
        #expect(documents.count >= 2, "docs/GRADING.md has no ```json gradescope example")
        for document in documents {
            let errors = validator.errors(try ParsedJSON.parse(document))
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test func theSchemaRefusesWhatGradescopeDoesNotRead() throws {
        let validator = try JSONSchemaValidator(schema: ParsedJSON.parse(
            GradingSchemaTests.read("docs/gradescope.schema.json")))
        let wrong = [
            #"{"tests": [{"name": "a", "status": "pass"}]}"#,
            #"{"tests": [{"name": "a", "visibility": "secret"}]}"#,
            #"{"score": "5"}"#,
            #"{"tests": [{"name": "a", "points": 5}]}"#,
        ]
        for text in wrong { #expect(!validator.errors(try ParsedJSON.parse(text)).isEmpty, "\(text)") }
    }
}
