/// Validates JSON against the part of JSON Schema (draft 2020-12) that
/// docs/output.schema.json uses: type, properties, required,
/// additionalProperties, enum, const, items, oneOf and $ref into $defs.
/// A schema that uses any other keyword is refused, so nothing is silently
/// left unchecked.
struct JSONSchemaValidator {
    struct UnsupportedSchema: Error, CustomStringConvertible {
        let description: String
    }

    static let checkedKeywords: Set = ["type", "properties", "required", "additionalProperties", "enum", "const",
                                       "items", "oneOf", "$ref"]
    /// Keywords that only annotate or organise; they check nothing.
    static let annotations: Set = ["$schema", "$id", "$defs", "title", "description"]

    let root: ParsedJSON

    init(schema: ParsedJSON) throws {
        root = schema
        try Self.vet(schema, at: "#")
    }

    private static func vet(_ schema: ParsedJSON, at path: String) throws {
        guard case .object(let pairs) = schema else {
            throw UnsupportedSchema(description: "\(path): a schema must be an object")
        }
        for (keyword, value) in pairs {
            guard checkedKeywords.contains(keyword) || annotations.contains(keyword) else {
                throw UnsupportedSchema(description: "\(path): keyword \(keyword) is not supported")
            }
            switch keyword {
            case "$defs", "properties":
                for (name, sub) in value.objectPairs { try vet(sub, at: "\(path)/\(keyword)/\(name)") }
            case "items":
                try vet(value, at: "\(path)/items")
            case "oneOf":
                for (index, sub) in (value.items ?? []).enumerated() { try vet(sub, at: "\(path)/oneOf/\(index)") }
            case "additionalProperties":
                guard case .bool = value else {
                    throw UnsupportedSchema(description: "\(path): additionalProperties must be true or false")
                }
            case "$ref":
                guard let ref = value.string, ref.hasPrefix("#/$defs/") else {
                    throw UnsupportedSchema(description: "\(path): only #/$defs/ references are supported")
                }
            default:
                break
            }
        }
    }

    /// Every way `instance` breaks the schema; empty when it is valid.
    func errors(_ instance: ParsedJSON) -> [String] {
        errors(instance, root, at: "")
    }

    private func resolve(_ ref: String) -> ParsedJSON? {
        root["$defs"]?[String(ref.dropFirst("#/$defs/".count))]
    }

    private func errors(_ instance: ParsedJSON, _ schema: ParsedJSON, at path: String) -> [String] {
        var found: [String] = []
        let here = path.isEmpty ? "/" : path
        if let ref = schema["$ref"]?.string {
            guard let target = resolve(ref) else { return ["\(here): unresolved reference \(ref)"] }
            found += errors(instance, target, at: path)
        }
        if let type = schema["type"] {
            let allowed = type.items?.compactMap(\.string) ?? [type.string ?? ""]
            if !instance.typeNames.contains(where: allowed.contains) {
                return found + ["\(here): \(instance) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let constant = schema["const"], constant != instance {
            found.append("\(here): \(instance) is not \(constant)")
        }
        if let choices = schema["enum"]?.items, !choices.contains(instance) {
            found.append("\(here): \(instance) is not one of \(choices.map(\.description).joined(separator: ", "))")
        }
        if case .object(let pairs) = instance {
            found += objectErrors(pairs, schema, at: path)
        }
        if let items = schema["items"], case .array(let elements) = instance {
            for (index, element) in elements.enumerated() { found += errors(element, items, at: "\(path)/\(index)") }
        }
        if let branches = schema["oneOf"]?.items {
            found += oneOfErrors(instance, branches, at: path)
        }
        return found
    }

    private func objectErrors(_ pairs: [(String, ParsedJSON)], _ schema: ParsedJSON, at path: String) -> [String] {
        var found: [String] = []
        let properties = schema["properties"]?.objectPairs ?? []
        let required = schema["required"]?.items?.compactMap(\.string) ?? []
        for name in required where !pairs.contains(where: { $0.0 == name }) {
            found.append("\(path.isEmpty ? "/" : path): missing required field \(name)")
        }
        for (key, value) in pairs {
            if let sub = properties.first(where: { $0.0 == key })?.1 {
                found += errors(value, sub, at: "\(path)/\(key)")
            } else if schema["additionalProperties"] == .bool(false) {
                found.append("\(path)/\(key): field not in the schema")
            }
        }
        return found
    }

    /// Exactly one branch must hold. When none does, the errors reported are
    /// those of the branch whose `const` fields (such as `event`) match.
    private func oneOfErrors(_ instance: ParsedJSON, _ branches: [ParsedJSON], at path: String) -> [String] {
        let results = branches.map { errors(instance, $0, at: path) }
        let passing = results.filter(\.isEmpty).count
        if passing == 1 { return [] }
        let here = path.isEmpty ? "/" : path
        if passing > 1 { return ["\(here): matches \(passing) of the oneOf choices, not exactly one"] }
        for (branch, branchErrors) in zip(branches, results) where discriminatorsMatch(instance, branch) {
            return branchErrors
        }
        return ["\(here): matches none of the \(branches.count) oneOf choices"]
    }

    private func discriminatorsMatch(_ instance: ParsedJSON, _ branch: ParsedJSON) -> Bool {
        var schema = branch
        if let ref = branch["$ref"]?.string, let target = resolve(ref) { schema = target }
        let constants = (schema["properties"]?.objectPairs ?? []).compactMap { name, sub in
            sub["const"].map { (name, $0) }
        }
        return !constants.isEmpty && constants.allSatisfy { instance[$0.0] == $0.1 }
    }
}

extension ParsedJSON {
    var objectPairs: [(String, ParsedJSON)] { if case .object(let pairs) = self { pairs } else { [] } }
}
