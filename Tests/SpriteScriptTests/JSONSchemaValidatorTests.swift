import Testing

/// The test validator must reject what the schema forbids, or the schema
/// tests prove nothing.
@Suite("JSON schema validator")
struct JSONSchemaValidatorTests {
    static let schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$ref": "#/$defs/line",
          "$defs": {
            "line": {"oneOf": [{"$ref": "#/$defs/ping"}, {"$ref": "#/$defs/pong"}]},
            "ping": {
              "type": "object",
              "properties": {
                "event": {"const": "ping"}, "t": {"type": "integer"}, "label": {"type": ["string", "null"]},
                "mode": {"enum": ["fast", "slow"]}, "names": {"type": "array", "items": {"type": "string"}}
              },
              "required": ["event", "t"],
              "additionalProperties": false
            },
            "pong": {
              "type": "object",
              "properties": {"event": {"const": "pong"}, "ratio": {"type": "number"}},
              "required": ["event"],
              "additionalProperties": false
            }
          }
        }
        """

    func errors(_ document: String) throws -> [String] {
        let validator = try JSONSchemaValidator(schema: ParsedJSON.parse(Self.schema))
        return validator.errors(try ParsedJSON.parse(document))
    }

    @Test func acceptsValidDocuments() throws {
        #expect(try errors(#"{"event":"ping","t":5}"#).isEmpty)
        #expect(try errors(#"{"event":"ping","t":5,"label":null,"mode":"slow","names":["a","b"]}"#).isEmpty)
        #expect(try errors(#"{"event":"pong","ratio":0.25}"#).isEmpty)
        #expect(try errors(#"{"event":"pong","ratio":3}"#).isEmpty, "an integer is a number")
    }

    @Test func rejectsAWrongType() throws {
        #expect(try errors(#"{"event":"ping","t":"5ms"}"#) == [#"/t: "5ms" is not of type integer"#])
        #expect(try errors(#"{"event":"ping","t":1.5}"#).count == 1, "a real is not an integer")
        #expect(try errors(#"{"event":"ping","t":true}"#).count == 1, "a boolean is not a number")
        #expect(try errors(#"{"event":"ping","t":1,"names":["a",2]}"#) == ["/names/1: 2 is not of type string"])
        #expect(try errors(#"[1]"#).count == 1)
    }

    @Test func rejectsAMissingRequiredField() throws {
        #expect(try errors(#"{"event":"ping"}"#) == ["/: missing required field t"])
    }

    @Test func rejectsAnExtraField() throws {
        #expect(try errors(#"{"event":"ping","t":1,"extra":0}"#) == ["/extra: field not in the schema"])
    }

    @Test func rejectsValuesOutsideEnumAndConst() throws {
        #expect(try errors(#"{"event":"ping","t":1,"mode":"medium"}"#).count == 1)
        #expect(try errors(#"{"event":"pang"}"#) == ["/: matches none of the 2 oneOf choices"])
    }

    @Test func oneOfNeedsExactlyOneBranch() throws {
        let both = """
            {"oneOf": [{"type": "integer"}, {"type": "number"}]}
            """
        let validator = try JSONSchemaValidator(schema: ParsedJSON.parse(both))
        #expect(validator.errors(try ParsedJSON.parse("2")).count == 1, "2 matches both branches")
        #expect(validator.errors(try ParsedJSON.parse("2.5")).isEmpty)
    }

    @Test func refusesSchemasUsingKeywordsItDoesNotCheck() throws {
        #expect(throws: JSONSchemaValidator.UnsupportedSchema.self) {
            try JSONSchemaValidator(schema: ParsedJSON.parse(#"{"type": "integer", "minimum": 0}"#))
        }
        #expect(throws: JSONSchemaValidator.UnsupportedSchema.self) {
            try JSONSchemaValidator(schema: ParsedJSON.parse(#"{"$ref": "other.json#/x"}"#))
        }
    }

    @Test func theParserKeepsIntegersBooleansAndStringsApart() throws {
        #expect(try ParsedJSON.parse("12") == .integer(12))
        #expect(try ParsedJSON.parse("1.0") == .real(1))
        #expect(try ParsedJSON.parse("1e-05") == .real(0.00001))
        #expect(try ParsedJSON.parse("true") == .bool(true))
        #expect(try ParsedJSON.parse(#""a\"b\u0007""#) == .string("a\"b\u{07}"))
        #expect(throws: ParsedJSON.SyntaxError.self) { try ParsedJSON.parse(#"{"a":1,"a":2}"#) }
        #expect(throws: ParsedJSON.SyntaxError.self) { try ParsedJSON.parse("{\"a\":1} x") }
        #expect(throws: ParsedJSON.SyntaxError.self) { try ParsedJSON.parse("\"raw\nline\"") }
    }
}
